package dev.vaani.telephony.exotel;

import dev.vaani.audio.ChunkRule;
import dev.vaani.call.CallMedia;
import java.util.function.Consumer;

/**
 * One call's media stream as Exotel speaks it: the call's audio, marks and clears become Exotel's JSON text frames
 * on the stream's socket.
 */
public final class ExotelCallMedia implements CallMedia {

    /**
     * Exotel's byte rules for outbound media: at least 3200 and at most 100000 bytes, a multiple of 320. Exotel states
     * them for 8 kHz only; keeping them at every rate is the reading that is safe under both interpretations.
     */
    public static final ChunkRule CHUNK_RULE = new ChunkRule(3200, 100_000, 320);

    private final String streamSid;
    private final ExotelMessageWriter writer;
    private final Consumer<String> socket;
    private final Runnable hangUp;
    /** Reused from chunk to chunk; sendAudio is called on the call's serial executor only. */
    private final OutboundMediaFrames frames;

    /**
     * @param socket sends one text frame on the stream's socket
     * @param hangUp closes the stream's socket normally
     */
    public ExotelCallMedia(String streamSid, ExotelMessageWriter writer, Consumer<String> socket, Runnable hangUp) {
        this.streamSid = streamSid;
        this.writer = writer;
        this.socket = socket;
        this.hangUp = hangUp;
        this.frames = writer.mediaFrames(streamSid);
    }

    @Override
    public ChunkRule chunkRule() {
        return CHUNK_RULE;
    }

    @Override
    public void sendAudio(byte[] pcm) {
        socket.accept(frames.media(pcm, 0, pcm.length));
    }

    @Override
    public void mark(String name) {
        socket.accept(writer.mark(streamSid, name));
    }

    @Override
    public void clear() {
        socket.accept(writer.clear(streamSid));
    }

    @Override
    public void close() {
        hangUp.run();
    }
}
