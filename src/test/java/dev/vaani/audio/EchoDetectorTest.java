package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoDetectorTest {

    private static final int RATE = 8000;
    private static final int FRAME = 320;

    /** Plays {@code outbound} and hears {@code inbound} in lock-step 20 ms frames; returns the share judged echo. */
    private static double echoShare(EchoDetector detector, byte[] outbound, byte[] inbound, int skipFrames) {
        int judged = 0;
        int echo = 0;
        for (int off = 0, frame = 0; off + FRAME <= outbound.length; off += FRAME, frame++) {
            detector.onPlayed(outbound, off, FRAME);
            boolean isEcho = detector.isLikelyEcho(inbound, off, FRAME);
            if (frame >= skipFrames) {
                judged++;
                echo += isEcho ? 1 : 0;
            }
        }
        return (double) echo / judged;
    }

    @Test
    void anAttenuatedDelayedCopyOfPlayedSpeechIsEcho() {
        byte[] played = Signals.speechLike(RATE, 4000, 3000, 1);
        byte[] heard = Signals.delayed(Signals.scaled(played, 0.3), RATE, 120);
        EchoDetector detector = new EchoDetector(AudioFormat.PHONE_8K);

        // Skip the first 200 ms: the echo has not arrived yet.
        assertThat(echoShare(detector, played, heard, 10)).isGreaterThan(0.95);
        assertThat(detector.lastLagMs()).isBetween(110, 130);
    }

    @Test
    void echoIsStillFoundUnderLineNoise() {
        byte[] played = Signals.speechLike(RATE, 4000, 3000, 2);
        byte[] echo = Signals.delayed(Signals.scaled(played, 0.3), RATE, 120);
        byte[] noise = Signals.noise(RATE, 150, 3000, 99);
        byte[] heard = new byte[echo.length];
        for (int i = 0; i < heard.length; i += 2) {
            Pcm16.putSample(heard, i, Pcm16.sample(echo, i) + Pcm16.sample(noise, i));
        }
        assertThat(echoShare(new EchoDetector(AudioFormat.PHONE_8K), played, heard, 10)).isGreaterThan(0.9);
    }

    @Test
    void independentSpeechOfSimilarEnergyIsNotEcho() {
        byte[] played = Signals.speechLike(RATE, 4000, 3000, 3);
        byte[] caller = Signals.speechLike(RATE, 4000, 3000, 4);
        assertThat(echoShare(new EchoDetector(AudioFormat.PHONE_8K), played, caller, 10)).isZero();
    }

    @Test
    void independentNoiseIsNotEcho() {
        byte[] played = Signals.speechLike(RATE, 4000, 3000, 5);
        byte[] caller = Signals.noise(RATE, 1200, 3000, 6);
        assertThat(echoShare(new EchoDetector(AudioFormat.PHONE_8K), played, caller, 10)).isZero();
    }

    @Test
    void nothingIsEchoWhileNothingIsPlayed() {
        byte[] caller = Signals.speechLike(RATE, 4000, 1000, 7);
        EchoDetector detector = new EchoDetector(AudioFormat.PHONE_8K);
        for (int off = 0; off + FRAME <= caller.length; off += FRAME) {
            assertThat(detector.isLikelyEcho(caller, off, FRAME)).isFalse();
        }
    }

    @Test
    void audioPlayedLongAgoCannotMatch() {
        byte[] played = Signals.speechLike(RATE, 4000, 1000, 8);
        EchoDetector detector = new EchoDetector(AudioFormat.PHONE_8K);
        detector.onPlayed(played, 0, played.length);
        byte[] silence = new byte[FRAME];
        for (int i = 0; i < 100; i++) {
            detector.isLikelyEcho(silence, 0, FRAME);
        }
        // Two seconds later the caller says exactly what we played: too late to be its echo.
        for (int off = 0; off + FRAME <= played.length; off += FRAME) {
            assertThat(detector.isLikelyEcho(played, off, FRAME)).isFalse();
        }
    }

    @Test
    void worksAtWidebandRates() {
        int rate = 16000;
        byte[] played = Signals.speechLike(rate, 4000, 2000, 9);
        byte[] heard = Signals.delayed(Signals.scaled(played, 0.3), rate, 120);
        EchoDetector detector = new EchoDetector(AudioFormat.WIDEBAND_16K);
        int judged = 0;
        int echo = 0;
        for (int off = 0, frame = 0; off + 640 <= played.length; off += 640, frame++) {
            detector.onPlayed(played, off, 640);
            boolean isEcho = detector.isLikelyEcho(heard, off, 640);
            if (frame >= 10) {
                judged++;
                echo += isEcho ? 1 : 0;
            }
        }
        assertThat((double) echo / judged).isGreaterThan(0.95);
    }
}
