package dev.vaani.call;

import dev.vaani.audio.ChunkRule;

/**
 * The carrier's side of one call's media stream, as the call needs it: the bot's audio out in chunks the carrier
 * accepts, a mark the carrier echoes once everything sent before it has played, a clear that drops what it buffered,
 * and hanging up. The carrier (e.g. {@code telephony/exotel}) implements it, so the call knows no carrier protocol.
 * Called only from the call's own serial executor.
 */
public interface CallMedia {

    /** The sizes the carrier accepts for one chunk of outbound audio. */
    ChunkRule chunkRule();

    /**
     * One chunk of PCM16LE at the call's rate, of a size {@link #chunkRule()} allows. The array is the player's and
     * is reused for its next chunk once this returns: an implementation that keeps the audio keeps a copy.
     */
    void sendAudio(byte[] pcm);

    /** Asks the carrier to echo {@code name} once the audio sent so far has played. */
    void mark(String name);

    /** Drops the audio the carrier has buffered but not played yet. */
    void clear();

    /** Ends the stream (the call hangs up). */
    void close();
}
