package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Paused speech resumes at the start of the word the listener was hearing, not in the middle of it. */
class ResumePointTest {

    private static final AudioFormat FORMAT = AudioFormat.PHONE_8K;

    @Test
    void goesBackToTheGapBeforeTheWordThePauseCutInto() {
        byte[] speech = speech(tone(300), silence(60), tone(500)); // "one", a gap, "two"

        int resume = ResumePoint.before(speech, bytes(560), FORMAT); // paused 200 ms into "two"

        assertThat(resume).isEqualTo(bytes(340)); // the gap's last 20 ms, just before "two"
    }

    @Test
    void resumesWhereTheListenerWasWhenNoGapIsNearEnough() {
        byte[] speech = speech(tone(300), silence(60), tone(1000));

        assertThat(ResumePoint.before(speech, bytes(860), FORMAT)).isEqualTo(bytes(860)); // the gap is 500 ms back
    }

    @Test
    void resumesInAGapItWasPausedIn() {
        byte[] speech = speech(tone(300), silence(60), tone(500));

        assertThat(ResumePoint.before(speech, bytes(320), FORMAT)).isEqualTo(bytes(320));
    }

    @Test
    void sayingNothingAgainWhenTheWholeSentenceWasHeard() {
        byte[] speech = speech(tone(300), silence(60), tone(500));

        assertThat(ResumePoint.before(speech, speech.length, FORMAT)).isEqualTo(speech.length);
    }

    @Test
    void aSoftPassageIsNotAGapWhenNothingLouderIsNear() {
        byte[] speech = speech(tone(300), silence(60), quietTone(600));

        // 500 ms into the soft word, the gap is out of reach and the soft word itself is what was loudest
        assertThat(ResumePoint.before(speech, bytes(860), FORMAT)).isEqualTo(bytes(860));
    }

    private static int bytes(int ms) {
        return FORMAT.frameBytes(ms);
    }

    private static byte[] tone(int ms) {
        return sine(ms, 8000);
    }

    private static byte[] quietTone(int ms) {
        return sine(ms, 500);
    }

    private static byte[] sine(int ms, int amplitude) {
        byte[] pcm = new byte[bytes(ms)];
        for (int i = 0; i < pcm.length / 2; i++) {
            Pcm16.putSample(pcm, 2 * i, (int) (amplitude * Math.sin(2 * Math.PI * 220 * i / 8000.0)));
        }
        return pcm;
    }

    private static byte[] silence(int ms) {
        return new byte[bytes(ms)];
    }

    private static byte[] speech(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
