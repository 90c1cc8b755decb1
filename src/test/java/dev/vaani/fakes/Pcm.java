package dev.vaani.fakes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/** Test audio: PCM16LE mono tones (loud enough to count as speech) and silence. */
public final class Pcm {

    private Pcm() {}

    /** A 440 Hz tone at amplitude 8000 (RMS ~5700, well above the fakes' speech threshold). */
    public static byte[] speech(Duration length, int sampleRate) {
        int samples = samples(length, sampleRate);
        ByteBuffer out = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            out.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / sampleRate)));
        }
        return out.array();
    }

    public static byte[] silence(Duration length, int sampleRate) {
        return new byte[samples(length, sampleRate) * 2];
    }

    private static int samples(Duration length, int sampleRate) {
        return (int) (length.toMillis() * sampleRate / 1000);
    }
}
