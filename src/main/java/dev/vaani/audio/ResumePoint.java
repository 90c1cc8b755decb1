package dev.vaani.audio;

/**
 * Where speech that was paused mid-word picks up again. Resuming at the very 20 ms frame the listener stopped hearing
 * starts them in the middle of a syllable; a person who stops and goes on says the word again. So the bot goes back
 * to the last quiet frame before that point — the gap before the word, or the closure of a consonant inside it — as
 * long as one lies within {@value #LOOKBACK_MS} ms; otherwise it resumes where it was.
 */
public final class ResumePoint {

    static final int FRAME_MS = 20;
    static final int LOOKBACK_MS = 400;
    /** A frame 20 dB below the loudest of those looked back over is a gap in the speech. */
    private static final double QUIET_SHARE = 0.1;

    private ResumePoint() {
    }

    /**
     * @param pcm   the utterance's audio, PCM16LE mono
     * @param heard the 20 ms-aligned byte offset the listener was hearing when it paused
     * @return the byte offset to resume from: a 20 ms-aligned frame start at or before {@code heard}
     */
    public static int before(byte[] pcm, int heard, AudioFormat format) {
        if (heard >= pcm.length) {
            return heard; // heard to its end: nothing is said again
        }
        int frame = format.frameBytes(FRAME_MS);
        int earliest = Math.max(0, heard - format.frameBytes(LOOKBACK_MS));
        earliest -= earliest % frame;
        double loudest = 0;
        for (int start = earliest; start + frame <= Math.min(pcm.length, heard + frame); start += frame) {
            loudest = Math.max(loudest, Pcm16.rms(pcm, start, frame));
        }
        for (int start = heard; start >= earliest; start -= frame) {
            if (start + frame <= pcm.length && Pcm16.rms(pcm, start, frame) <= QUIET_SHARE * loudest) {
                return start;
            }
        }
        return heard;
    }
}
