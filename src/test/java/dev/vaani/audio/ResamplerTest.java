package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    private static byte[] resampleWhole(byte[] pcm, int from, int to) {
        Resampler resampler = new Resampler(from, to);
        return Signals.concat(resampler.process(pcm, 0, pcm.length), resampler.flush());
    }

    private static byte[] resampleInChunks(byte[] pcm, int from, int to, int chunkBytes) {
        Resampler resampler = new Resampler(from, to);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < pcm.length; off += chunkBytes) {
            out.writeBytes(resampler.process(pcm, off, Math.min(chunkBytes, pcm.length - off)));
        }
        out.writeBytes(resampler.flush());
        return out.toByteArray();
    }

    @ParameterizedTest
    @CsvSource({"24000,8000", "16000,8000", "22050,8000", "8000,16000", "44100,8000", "8000,24000"})
    void outputLengthFollowsTheRateRatio(int from, int to) {
        byte[] oneSecond = Signals.sine(from, 300, 5000, 1000);
        byte[] out = resampleWhole(oneSecond, from, to);
        assertThat(out.length / 2).isCloseTo(to, within(2));
    }

    @ParameterizedTest
    @CsvSource({"24000,8000", "16000,8000", "22050,8000", "8000,16000"})
    void aOneKilohertzToneKeepsItsFrequencyAndLevel(int from, int to) {
        byte[] tone = Signals.sine(from, 1000, 10000, 500);
        byte[] out = Signals.middle(resampleWhole(tone, from, to), 0.1);
        assertThat(Signals.toneAmplitude(out, to, 1000)).isCloseTo(10000, within(300.0));
        assertThat(Pcm16.rms(out, 0, out.length)).isCloseTo(10000 / Math.sqrt(2), within(250.0));
    }

    @ParameterizedTest
    @CsvSource({"5000", "6000", "9000"})
    void tonesAboveTheNewNyquistAreRemovedWhenDownsampling24kTo8k(int hz) {
        byte[] tone = Signals.sine(24000, hz, 10000, 500);
        byte[] out = Signals.middle(resampleWhole(tone, 24000, 8000), 0.1);
        // Without the low-pass, these would fold back as audible tones of full level.
        assertThat(Pcm16.rms(out, 0, out.length)).isLessThan(10000 / Math.sqrt(2) / 100);
    }

    @Test
    void aToneJustBelowTheNewNyquistStillPasses() {
        byte[] tone = Signals.sine(24000, 3500, 10000, 500);
        byte[] out = Signals.middle(resampleWhole(tone, 24000, 8000), 0.1);
        assertThat(Signals.toneAmplitude(out, 8000, 3500)).isGreaterThan(5000);
    }

    @Test
    void chunkBoundariesDoNotChangeTheOutput() {
        byte[] speech = Signals.speechLike(22050, 4000, 700, 7);
        byte[] whole = resampleWhole(speech, 22050, 8000);
        assertThat(resampleInChunks(speech, 22050, 8000, 441)).isEqualTo(whole);
        assertThat(resampleInChunks(speech, 22050, 8000, 1001)).isEqualTo(whole);
    }

    @Test
    void equalRatesPassAudioThroughUnchanged() {
        byte[] speech = Signals.speechLike(8000, 4000, 100, 3);
        assertThat(resampleInChunks(speech, 8000, 8000, 333)).isEqualTo(speech);
    }

    @Test
    void writesIntoACallerBufferWithinTheAnnouncedBound() {
        Resampler resampler = new Resampler(24000, 8000);
        byte[] in = Signals.sine(24000, 440, 8000, 100);
        byte[] out = new byte[resampler.maxOutputBytes(in.length)];
        int written = resampler.process(in, 0, in.length, out, 0);
        assertThat(written).isPositive().isLessThanOrEqualTo(out.length).isEven();
    }
}
