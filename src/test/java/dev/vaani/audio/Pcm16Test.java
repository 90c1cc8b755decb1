package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Pcm16Test {

    @Test
    void readsLittleEndianSignedSamples() {
        byte[] pcm = {0x34, 0x12, (byte) 0xFF, (byte) 0xFF, 0x00, (byte) 0x80};
        assertThat(Pcm16.sample(pcm, 0)).isEqualTo((short) 0x1234);
        assertThat(Pcm16.sample(pcm, 2)).isEqualTo((short) -1);
        assertThat(Pcm16.sample(pcm, 4)).isEqualTo(Short.MIN_VALUE);
    }

    @Test
    void writingClipsInsteadOfWrappingAround() {
        byte[] pcm = new byte[4];
        Pcm16.putSample(pcm, 0, 40000);
        Pcm16.putSample(pcm, 2, -40000);
        assertThat(Pcm16.sample(pcm, 0)).isEqualTo(Short.MAX_VALUE);
        assertThat(Pcm16.sample(pcm, 2)).isEqualTo(Short.MIN_VALUE);
    }

    @Test
    void rmsOfASineIsAmplitudeOverRootTwo() {
        byte[] sine = Signals.sine(8000, 1000, 10000, 100);
        assertThat(Pcm16.rms(sine, 0, sine.length)).isCloseTo(10000 / Math.sqrt(2), within(5.0));
    }

    @Test
    void rmsAndPeakLookOnlyAtTheGivenRange() {
        byte[] pcm = Signals.concat(new byte[320], Signals.sine(8000, 500, 8000, 20));
        assertThat(Pcm16.rms(pcm, 0, 320)).isZero();
        assertThat(Pcm16.peak(pcm, 320, 320)).isBetween(7900, 8000);
    }

    @Test
    void rmsOfAnEmptyRangeIsZero() {
        assertThat(Pcm16.rms(new byte[0], 0, 0)).isZero();
    }

    @Test
    void silenceHasTheRequestedDuration() {
        assertThat(Pcm16.silence(AudioFormat.WIDEBAND_16K, 100)).hasSize(3200).containsOnly(0);
    }
}
