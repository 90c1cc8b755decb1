package dev.vaani.speech.offline;

import dev.vaani.audio.Pcm16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class OfflineTextToSpeechTest {

    private static final String SENTENCE = "Hello, I am calling about the two BHK apartments in Whitefield.";

    private final OfflineTextToSpeech tts = new OfflineTextToSpeech();

    @Test
    void synthesisesAudibleSpeechOfPlausibleLengthAt8kHz() throws Exception {
        var audio = new ByteArrayOutputStream();

        tts.synthesize(SENTENCE, 8000, audio::writeBytes).completion().get(60, TimeUnit.SECONDS);

        short[] samples = Pcm16.toSamples(audio.toByteArray(), 0, audio.size());
        double seconds = samples.length / 8000.0;
        assertThat(seconds).as("a 12-word sentence lasts seconds, not milliseconds or minutes").isBetween(2.0, 10.0);
        assertThat(rms(samples)).as("not silence").isGreaterThan(300);
    }

    @Test
    void deliversChunksOfAtMost100ms() throws Exception {
        var largest = new AtomicInteger();

        tts.synthesize("Yes.", 8000, pcm -> largest.accumulateAndGet(pcm.length, Math::max))
                .completion().get(60, TimeUnit.SECONDS);

        assertThat(largest.get()).isPositive().isLessThanOrEqualTo(1600);
    }

    @Test
    void cancelStopsDeliveryAndEndsTheSynthesis() throws Exception {
        var firstChunk = new CountDownLatch(1);
        var chunksAfterCancel = new AtomicInteger();
        var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        String longText = "This sentence is long on purpose, so that there is plenty left to say when the caller "
                + "interrupts, and the agent has to stop talking at once and listen to what the caller says.";

        var synthesis = tts.synthesize(longText, 8000, pcm -> {
            if (cancelled.get()) {
                chunksAfterCancel.incrementAndGet();
            }
            firstChunk.countDown();
        });
        assertThat(firstChunk.await(60, TimeUnit.SECONDS)).isTrue();
        synthesis.cancel();
        cancelled.set(true);
        synthesis.cancel();

        assertThat(synthesis.completion()).succeedsWithin(Duration.ofSeconds(5));
        // Another synthesis on the pool finishing proves the cancelled one let go of its voice.
        tts.synthesize("Okay.", 8000, pcm -> { }).completion().get(60, TimeUnit.SECONDS);
        tts.synthesize("Okay.", 8000, pcm -> { }).completion().get(60, TimeUnit.SECONDS);
        assertThat(chunksAfterCancel).hasValue(0);
    }

    @RepeatedTest(value = 10, name = "run {currentRepetition}: races show up only sometimes")
    void concurrentSynthesesEachProduceTheirOwnAudio() {
        var first = new ByteArrayOutputStream();
        var second = new ByteArrayOutputStream();

        var a = tts.synthesize(SENTENCE, 8000, first::writeBytes);
        var b = tts.synthesize(SENTENCE, 8000, second::writeBytes);

        await().atMost(Duration.ofSeconds(60)).until(() -> a.completion().isDone() && b.completion().isDone());
        assertThat(a.completion()).isCompleted();
        assertThat(b.completion()).isCompleted();
        assertThat(first.size()).isPositive();
        assertThat(second.toByteArray()).as("same text, same voice: identical, uncorrupted audio")
                .isEqualTo(first.toByteArray());
    }

    private static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }
}
