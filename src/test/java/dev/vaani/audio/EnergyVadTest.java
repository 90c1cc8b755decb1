package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnergyVadTest {

    private static final int FRAME = 320;
    private final EnergyVad vad = new EnergyVad(AudioFormat.PHONE_8K);

    private VadDecision feed(byte[] frame) {
        return vad.process(frame, 0, frame.length);
    }

    private static byte[] tone(double rms) {
        return Signals.sine(8000, 400, rms * Math.sqrt(2), 20);
    }

    @Test
    void digitalSilenceIsSilence() {
        assertThat(feed(new byte[FRAME])).isEqualTo(VadDecision.SILENCE);
    }

    @Test
    void loudFrameIsSpeech() {
        assertThat(feed(tone(3000))).isEqualTo(VadDecision.SPEECH);
    }

    @Test
    void energyBelowTheDefaultThresholdOf500IsSilence() {
        assertThat(feed(tone(400))).isEqualTo(VadDecision.SILENCE);
        assertThat(feed(tone(600))).isEqualTo(VadDecision.SPEECH);
    }

    @Test
    void speechHangsOverFor200MillisecondsAfterEnergyDrops() {
        feed(tone(3000));
        for (int i = 0; i < 10; i++) {
            assertThat(feed(new byte[FRAME])).as("frame %d after speech", i + 1).isEqualTo(VadDecision.SPEECH);
        }
        assertThat(feed(new byte[FRAME])).isEqualTo(VadDecision.SILENCE);
    }

    @Test
    void hangoverIsConfigurable() {
        EnergyVad noHangover = new EnergyVad(AudioFormat.PHONE_8K, VadSettings.DEFAULTS.withHangoverMs(0));
        byte[] loud = tone(3000);
        noHangover.process(loud, 0, FRAME);
        assertThat(noHangover.process(new byte[FRAME], 0, FRAME)).isEqualTo(VadDecision.SILENCE);
    }

    @Test
    void aNoisyLineRaisesTheBarForSpeech() {
        byte[] hum = tone(900);
        // A steady hum above the fixed threshold is speech at first...
        assertThat(feed(hum)).isEqualTo(VadDecision.SPEECH);
        EnergyVad learning = new EnergyVad(AudioFormat.PHONE_8K, VadSettings.DEFAULTS.withThreshold(1000));
        for (int i = 0; i < 200; i++) {
            learning.process(hum, 0, FRAME);
        }
        // ...but once the floor has learnt it, only frames well above the hum count.
        assertThat(learning.noiseFloor()).isGreaterThan(800);
        assertThat(learning.speechLevel()).isGreaterThan(2400);
        byte[] louder = tone(1500);
        assertThat(learning.process(louder, 0, FRAME)).isEqualTo(VadDecision.SILENCE);
        assertThat(learning.process(tone(4000), 0, FRAME)).isEqualTo(VadDecision.SPEECH);
    }

    @Test
    void speechNeverRaisesTheNoiseFloor() {
        for (int i = 0; i < 100; i++) {
            feed(tone(5000));
        }
        assertThat(vad.noiseFloor()).isZero();
    }

    @Test
    void sameInputGivesSameDecisions() {
        byte[] audio = Signals.speechLike(8000, 1500, 2000, 5);
        EnergyVad other = new EnergyVad(AudioFormat.PHONE_8K);
        for (int off = 0; off < audio.length; off += FRAME) {
            assertThat(vad.process(audio, off, FRAME)).isEqualTo(other.process(audio, off, FRAME));
        }
    }

    @Test
    void reportsTheLastFrameEnergy() {
        feed(tone(1000));
        assertThat(vad.lastRms()).isBetween(990.0, 1010.0);
    }
}
