package dev.vaani.simulator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The whole call as two tracks on one timeline: left is what the caller sent, right is what the caller heard from
 * the bot. Writing by sample position (not appending) keeps the tracks aligned however the events interleave.
 */
final class CallRecorder implements PlaybackBuffer.AudioSink {

    private final int sampleRate;
    private byte[] caller = new byte[0];
    private byte[] bot = new byte[0];
    private long callerEnd;
    private long botEnd;

    CallRecorder(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    void caller(long position, byte[] pcm) {
        caller = put(caller, position, pcm, 0, pcm.length);
        callerEnd = Math.max(callerEnd, position + pcm.length / 2);
    }

    @Override
    public void played(long position, byte[] pcm, int offset, int length) {
        bot = put(bot, position, pcm, offset, length);
        botEnd = Math.max(botEnd, position + length / 2);
    }

    byte[] stereo() {
        int samples = (int) Math.max(callerEnd, botEnd);
        byte[] out = new byte[samples * 4];
        for (int i = 0; i < samples; i++) {
            copySample(caller, callerEnd, i, out, i * 4);
            copySample(bot, botEnd, i, out, i * 4 + 2);
        }
        return out;
    }

    void write(Path path) throws IOException {
        Wav.write(path, sampleRate, 2, stereo());
    }

    private static void copySample(byte[] track, long end, int i, byte[] out, int at) {
        if (i < end) {
            out[at] = track[i * 2];
            out[at + 1] = track[i * 2 + 1];
        }
    }

    private static byte[] put(byte[] track, long position, byte[] pcm, int offset, int length) {
        long needed = position * 2 + length;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("recording too long");
        }
        if (needed > track.length) {
            track = Arrays.copyOf(track, (int) Math.max(needed, track.length * 3L / 2));
        }
        System.arraycopy(pcm, offset, track, (int) (position * 2), length);
        return track;
    }
}
