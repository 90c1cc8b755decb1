package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaani.simulator.Wav;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled probe reads the bundled model's memory: over a room of voices it never saw in training (the crowd of
 * four) and under sentences it never saw (the blind half), a caller's first words score high and the room low.
 */
class RoomVoiceProbeTest {

    private static final int RATE = ModelWalk.RATE;
    private static final int WINDOW = ModelWalk.WINDOW;
    private static final SileroVad vad = TestSilero.model();
    private static final float[] CROWD_OF_FOUR = clip("/turn-taking/check/crowd4.wav");
    private static final double FIVE_DB_BELOW_THE_CALLER = -25; // the evaluation's callers speak at -20 dBFS

    /** What the detector asks of a window 2x above a talking room's bed before it counts as the caller. */
    private static final double SURELY_A_CALLER = vad.roomVoiceProbe().surelyACaller();

    @ParameterizedTest
    @ValueSource(strings = {"blind-01", "blind-02", "blind-03", "blind-04"})
    void scoresACallersFirstWordsOverARoomItNeverSawAsSurelyACaller(String sentence) throws Exception {
        float[] caller = clip("/turn-taking/speech/" + sentence + ".wav");
        double[] firstWords = scores(CROWD_OF_FOUR, FIVE_DB_BELOW_THE_CALLER, caller);
        assertThat(Arrays.stream(firstWords).max().orElseThrow()).as("the best of the first 224 ms")
                .isGreaterThan(SURELY_A_CALLER);
    }

    @Test
    void scoresThatRoomsOwnVoicesLowAndAlmostNeverAsSurelyACaller() throws Exception {
        double[] room = scores(CROWD_OF_FOUR, FIVE_DB_BELOW_THE_CALLER, null);
        assertThat(room).as("a minute of the room's louder windows").hasSizeGreaterThan(100);
        assertThat(Arrays.stream(room).average().orElseThrow()).isNegative();
        assertThat(Arrays.stream(room).filter(score -> score > SURELY_A_CALLER).count())
                .as("windows the probe takes for a caller").isLessThan(room.length / 100);
    }

    @Test
    void refusesWeightsOfTheWrongSize() {
        assertThatThrownBy(() -> RoomVoiceProbe.parse("# too few\n1\n2\n3\n4\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("260");
    }

    /**
     * Scores of the windows at 1.5x the bed or more: the room alone for 60 s (caller null), or the caller's first
     * 224 ms at -20 dBFS, 8 s into the room.
     */
    private static double[] scores(float[] room, double roomDbfs, float[] caller) throws Exception {
        int speechAt = 8 * RATE;
        float[] line = ModelStateDump.looped(ModelStateDump.scaled(room, 32768 * Math.pow(10, roomDbfs / 20)), 0,
                caller == null ? 60 * RATE : speechAt + RATE);
        int from = 2 * RATE / WINDOW;
        int to = line.length / WINDOW;
        if (caller != null) {
            int onset = ModelStateDump.firstSpokenSample(caller);
            for (int i = onset; i < caller.length && speechAt + i - onset < line.length; i++) {
                line[speechAt + i - onset] += caller[i];
            }
            from = speechAt / WINDOW;
            to = from + 7;
        }
        RoomVoiceProbe probe = vad.roomVoiceProbe();
        float[] state = new float[SileroVad.stateSize()];
        int first = from;
        DoubleStream.Builder out = DoubleStream.builder();
        ModelWalk.over(vad, line, to, (w, level, probability, stream) -> {
            if (w >= first && level >= 1.5) {
                stream.copyState(state);
                out.add(probe.score(probe.stateTerm(state), level, probability));
            }
        });
        return out.build().toArray();
    }

    private static float[] clip(String resource) {
        try (InputStream in = RoomVoiceProbeTest.class.getResourceAsStream(resource)) {
            byte[] pcm = Wav.readMono16(in.readAllBytes(), resource).data();
            float[] samples = new float[pcm.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = Pcm16.sample(pcm, 2 * i);
            }
            return samples;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
