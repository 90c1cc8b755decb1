package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaani.simulator.Wav;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SileroVadTest {

    private static SileroVad vad;

    @BeforeAll
    static void load() throws Exception {
        vad = SileroVad.loadBundled();
    }

    @AfterAll
    static void close() throws Exception {
        vad.close();
    }

    @Test
    void aSpokenSentenceScoresAsSpeech() throws Exception {
        byte[] speech = clip("two-bhk.wav");
        assertThat(maxProbability(vad.newStream(8000), speech)).isGreaterThan(0.9f);
    }

    @Test
    void whiteNoiseScoresAsNotSpeech() throws Exception {
        byte[] noise = Signals.noise(8000, 1500, 3000, 7);
        assertThat(maxProbability(vad.newStream(8000), noise)).isLessThan(0.3f);
    }

    @Test
    void aSteadyHumScoresAsNotSpeech() throws Exception {
        byte[] hum = Signals.sine(8000, 50, 3000, 3000);
        assertThat(maxProbability(vad.newStream(8000), hum)).isLessThan(0.3f);
    }

    @Test
    void theSameSentenceAt16kHzScoresAsSpeech() throws Exception {
        byte[] speech = new Resampler(8000, 16000).process(clip("two-bhk.wav"), 0, clip("two-bhk.wav").length);
        assertThat(maxProbability(vad.newStream(16000), speech)).isGreaterThan(0.9f);
    }

    @Test
    void aResetStreamScoresLikeANewOne() throws Exception {
        SileroVad.Stream stream = vad.newStream(8000);
        float[] samples = floats(clip("two-bhk.wav"));
        float first = stream.probability(samples, 4000);
        stream.probability(samples, 8000);
        stream.reset();
        assertThat(stream.probability(samples, 4000)).isEqualTo(first);
    }

    /** Each call's stream reuses its own tensors: calls interleaved on one model score as each would alone. */
    @Test
    void interleavedStreamsScoreAsEachWouldAlone() throws Exception {
        float[] speech = floats(clip("two-bhk.wav"));
        float[] silence = new float[speech.length];
        try (SileroVad.Stream alone = vad.newStream(8000);
             SileroVad.Stream caller = vad.newStream(8000);
             SileroVad.Stream quiet = vad.newStream(8000)) {
            for (int at = 0; at + alone.windowSamples() <= speech.length; at += alone.windowSamples()) {
                float expected = alone.probability(speech, at);
                quiet.probability(silence, at);
                assertThat(caller.probability(speech, at)).isEqualTo(expected);
            }
        }
    }

    @Test
    void aClosedStreamRefusesToRun() throws Exception {
        SileroVad.Stream stream = vad.newStream(8000);
        stream.close();
        assertThatThrownBy(() -> stream.probability(new float[256], 0))
                .isInstanceOf(IllegalStateException.class);
    }

    static float maxProbability(SileroVad.Stream stream, byte[] pcm) throws Exception {
        float[] samples = floats(pcm);
        float max = 0;
        for (int at = 0; at + stream.windowSamples() <= samples.length; at += stream.windowSamples()) {
            max = Math.max(max, stream.probability(samples, at));
        }
        return max;
    }

    static float[] floats(byte[] pcm) {
        float[] out = new float[pcm.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = Pcm16.sample(pcm, 2 * i) / 32768f;
        }
        return out;
    }

    static byte[] clip(String name) throws IOException {
        try (InputStream in = SileroVadTest.class.getResourceAsStream("/audio/caller/" + name)) {
            return Wav.readMono16(in.readAllBytes(), name).data();
        }
    }
}
