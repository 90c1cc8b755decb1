package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SileroBatcherTest {

    private static final int WINDOWS = 40;
    private static final SileroVad model = TestSilero.model();

    @Test
    void manyCallsScoredTogetherGetTheProbabilitiesEachWouldGetAlone() throws Exception {
        int calls = 12;
        List<float[]> audio = new ArrayList<>();
        List<List<Float>> batched = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(calls * WINDOWS);
        try (SileroBatcher batcher = new SileroBatcher(model, 1)) {
            List<SileroBatcher.Stream> streams = new ArrayList<>();
            for (int call = 0; call < calls; call++) {
                int rate = call % 3 == 0 ? 16000 : 8000; // rates mixed: batched apart
                audio.add(voiceLike(rate, call));
                List<Float> heard = new CopyOnWriteArrayList<>();
                batched.add(heard);
                streams.add(batcher.newStream(rate, (window, p, stateTerm) -> {
                    heard.add(p);
                    done.countDown();
                }));
            }
            for (int w = 0; w < WINDOWS; w++) {
                for (int call = 0; call < calls; call++) {
                    SileroBatcher.Stream stream = streams.get(call);
                    stream.submit(audio.get(call), w * stream.windowSamples(), w, false);
                }
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(batcher.batches()).as("some inference held more than one call's window")
                    .isLessThan(batcher.windows());
        }
        for (int call = 0; call < calls; call++) {
            int rate = call % 3 == 0 ? 16000 : 8000;
            try (SileroVad.Stream alone = model.newStream(rate)) {
                for (int w = 0; w < WINDOWS; w++) {
                    float expected = alone.probability(audio.get(call), w * alone.windowSamples());
                    assertThat(batched.get(call).get(w)).as("call %d window %d", call, w)
                            .isCloseTo(expected, within(1e-4f));
                }
            }
        }
    }

    @Test
    void windowsComeBackInTheOrderTheyWereSubmitted() throws Exception {
        List<Long> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(WINDOWS);
        float[] audio = voiceLike(8000, 7);
        try (SileroBatcher batcher = new SileroBatcher(model, 2)) {
            SileroBatcher.Stream stream = batcher.newStream(8000, (window, p, stateTerm) -> {
                order.add(window);
                done.countDown();
            });
            for (int w = 0; w < WINDOWS; w++) {
                stream.submit(audio, w * 256, 100 + w, false);
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(order).hasSize(WINDOWS).isSorted().startsWith(100L).endsWith(100L + WINDOWS - 1);
    }

    @Test
    void aFreshModelWindowForgetsTheCallSoFarAsAResetWould() throws Exception {
        float[] audio = voiceLike(8000, 3);
        List<Float> batched = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(20);
        try (SileroBatcher batcher = new SileroBatcher(model, 1)) {
            SileroBatcher.Stream stream = batcher.newStream(8000, (window, p, stateTerm) -> {
                batched.add(p);
                done.countDown();
            });
            for (int w = 0; w < 20; w++) {
                stream.submit(audio, w * 256, w, w == 10);
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        }
        try (SileroVad.Stream alone = model.newStream(8000)) {
            for (int w = 0; w < 20; w++) {
                if (w == 10) {
                    alone.reset();
                }
                assertThat(batched.get(w)).isCloseTo(alone.probability(audio, w * 256), within(1e-4f));
            }
        }
    }

    @Test
    void aClosedStreamIsNoLongerScored() throws Exception {
        List<Long> heard = new CopyOnWriteArrayList<>();
        try (SileroBatcher batcher = new SileroBatcher(model, 1)) {
            SileroBatcher.Stream stream = batcher.newStream(8000, (window, p, stateTerm) -> heard.add(window));
            stream.close();
            stream.submit(voiceLike(8000, 1), 0, 0, false);
            CountDownLatch other = new CountDownLatch(1);
            batcher.newStream(8000, (window, p, stateTerm) -> other.countDown()).submit(voiceLike(8000, 2), 0, 0, false);
            assertThat(other.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(heard).isEmpty();
    }

    /** Buzzy, syllable-like audio in [-1, 1]: voiced pulses under a 4 Hz envelope, so probabilities vary. */
    private static float[] voiceLike(int rate, long seed) {
        Random random = new Random(seed);
        float[] samples = new float[WINDOWS * SileroVad.windowSamples(rate)];
        double pitch = 110 + random.nextInt(120);
        for (int i = 0; i < samples.length; i++) {
            double t = (double) i / rate;
            double envelope = Math.max(0, Math.sin(2 * Math.PI * 4 * t));
            double voiced = Math.sin(2 * Math.PI * pitch * t) + 0.5 * Math.sin(2 * Math.PI * 2 * pitch * t)
                    + 0.3 * Math.sin(2 * Math.PI * 3 * pitch * t);
            samples[i] = (float) (0.2 * envelope * voiced / 1.8 + 0.01 * random.nextGaussian());
        }
        return samples;
    }
}
