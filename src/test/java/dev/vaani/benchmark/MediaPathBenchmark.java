package dev.vaani.benchmark;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.EnergyVad;
import dev.vaani.audio.InboundFramer;
import dev.vaani.audio.OutboundChunker;
import dev.vaani.audio.WholeSamples;
import dev.vaani.telephony.exotel.ExotelCallMedia;
import dev.vaani.telephony.exotel.ExotelInboundEvent;
import dev.vaani.telephony.exotel.ExotelMessageParser;
import dev.vaani.telephony.exotel.ExotelMessageWriter;
import dev.vaani.telephony.exotel.MediaFrameBuffers;
import java.lang.management.ManagementFactory;
import java.util.Base64;
import java.util.Random;

/**
 * A focused, JMH-free microbenchmark of the per-message media paths. Inbound: parse one 100 ms Exotel media frame
 * (8 kHz PCM16, as the harness sends), keep its samples whole, then cut it into 20 ms frames and run the VAD on each.
 * Outbound: take 200 ms of synthesised audio, cut it into Exotel's chunk ({@link OutboundChunker}, 200 ms, the
 * default) and send it as a media text frame ({@link ExotelCallMedia#sendAudio}), as {@code OutboundPlayer} does.
 * Prints ns and bytes allocated per media message (allocation from {@code com.sun.management.ThreadMXBean}).
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.vaani.benchmark.MediaPathBenchmark [rounds]</pre>
 */
public final class MediaPathBenchmark {

    private MediaPathBenchmark() {
    }

    static volatile Object sink;
    static long blackhole;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int iterations = 200_000;
        byte[] pcm = new byte[1600];
        Random random = new Random(42);
        for (int i = 0; i < pcm.length; i += 2) {
            int s = (int) (3000 * Math.sin(i / 9.0)) + random.nextInt(200) - 100;
            pcm[i] = (byte) s;
            pcm[i + 1] = (byte) (s >> 8);
        }
        String json = "{\"event\":\"media\",\"sequence_number\":\"42\",\"stream_sid\":\"bench-stream-000123\","
                + "\"media\":{\"chunk\":\"41\",\"timestamp\":\"4100\",\"payload\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\"}}";
        ExotelMessageParser parser = new ExotelMessageParser();
        MediaFrameBuffers buffers = new MediaFrameBuffers(); // one per stream, as the media handler keeps
        AudioFormat format = new AudioFormat(8000);
        EnergyVad vad = new EnergyVad(format);
        WholeSamples samples = new WholeSamples();
        InboundFramer framer = new InboundFramer(format, 20, (b, o, l) -> blackhole += vad.process(b, o, l).ordinal());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        System.out.printf("media message: %d chars, payload %d bytes%n", json.length(), pcm.length);
        for (int round = 0; round < rounds; round++) {
            long parseNs = 0;
            long parseBytes = 0;
            for (String phase : new String[] {"parse", "parse+frame+vad"}) {
                boolean process = phase.length() > 5;
                long bytes0 = threads.getThreadAllocatedBytes(tid);
                long t0 = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    ExotelInboundEvent.Media media = (ExotelInboundEvent.Media) parser.parse(json, buffers);
                    if (process) {
                        byte[] payload = samples.nextOwned(media.payload()); // as the media handler does
                        framer.append(payload, 0, payload.length);
                        buffers.giveBack(media.payload()); // as the call does once it has consumed the frame
                    } else {
                        sink = media;
                    }
                }
                long ns = System.nanoTime() - t0;
                long bytes = threads.getThreadAllocatedBytes(tid) - bytes0;
                System.out.printf("round %d %-16s %8.0f ns/msg %8.0f B/msg%n", round, phase,
                        (double) ns / iterations, (double) bytes / iterations);
            }
            outbound(round, threads, tid);
        }
    }

    /** One 200 ms outbound chunk: synthesised audio in, Exotel media text frame out, as OutboundPlayer sends it. */
    private static void outbound(int round, com.sun.management.ThreadMXBean threads, long tid) {
        int iterations = 100_000;
        AudioFormat format = new AudioFormat(8000);
        OutboundChunker chunker = new OutboundChunker(format, ExotelCallMedia.CHUNK_RULE, 200);
        ExotelCallMedia media = new ExotelCallMedia("bench-stream-000123", new ExotelMessageWriter(),
                frame -> sink = frame, () -> { });
        byte[] speech = new byte[chunker.chunkBytes()];
        new Random(7).nextBytes(speech);
        long bytes0 = threads.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            chunker.append(speech, 0, speech.length);
            byte[] chunk = chunker.nextChunkReused(); // as OutboundPlayer takes it
            media.sendAudio(chunk); // and sends it
        }
        long ns = System.nanoTime() - t0;
        long bytes = threads.getThreadAllocatedBytes(tid) - bytes0;
        System.out.printf("round %d %-16s %8.0f ns/msg %8.0f B/msg (%d-byte chunk)%n", round, "outbound chunk",
                (double) ns / iterations, (double) bytes / iterations, chunker.chunkBytes());
    }
}
