package dev.vaani.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The playback model on a synthetic clock: positions are samples at 8 kHz, so 8 samples = 1 ms. */
class PlaybackBufferTest {

    private final List<String> echoed = new ArrayList<>();
    private final CallRecorder recorder = new CallRecorder(8000);

    private PlaybackBuffer buffer(boolean echoMarksOnClear, boolean finishPlayingChunk) {
        return new PlaybackBuffer(8000, 5600, echoMarksOnClear, finishPlayingChunk, echoed::add, recorder);
    }

    private static PlaybackBuffer.Chunk chunk(int samples, long received) {
        return new PlaybackBuffer.Chunk(FakeBotServer.tone(samples / 8, 8000), received);
    }

    @Test
    void marksAreReachedWhenTheAudioBeforeThemHasPlayed() {
        PlaybackBuffer playback = buffer(true, true);
        playback.enqueue(chunk(1600, 0), 0);
        playback.enqueue(chunk(1600, 0), 0);
        playback.enqueueMark("end", 0);

        playback.advanceTo(3199);
        assertThat(echoed).isEmpty();
        assertThat(playback.speaking()).isTrue();
        playback.advanceTo(3200);
        assertThat(echoed).containsExactly("end");
        playback.advanceTo(3300);
        assertThat(playback.speaking()).isFalse();
        assertThat(playback.utterances()).singleElement().satisfies(u -> {
            assertThat(u.startMs()).isZero();
            assertThat(u.durationMs()).isEqualTo(400);
            assertThat(u.interrupted()).isFalse();
        });
        assertThat(playback.underruns()).isZero();
    }

    @Test
    void aMarkAfterAudioThatAlreadyPlayedIsEchoedAtOnce() {
        PlaybackBuffer playback = buffer(true, true);
        playback.enqueue(chunk(1600, 0), 0);
        playback.advanceTo(2000);
        playback.enqueueMark("late", 2000);
        assertThat(echoed).containsExactly("late");
        assertThat(playback.utterances()).hasSize(1);
    }

    @Test
    void clearDropsUnplayedAudioButFinishesTheChunkBeingPlayed() {
        PlaybackBuffer playback = buffer(true, true);
        PlaybackBuffer.Chunk first = chunk(1600, 0);
        PlaybackBuffer.Chunk second = chunk(1600, 0);
        playback.enqueue(first, 0);
        playback.enqueue(second, 0);
        playback.enqueueMark("end", 0);

        int dropped = playback.clear(800);

        assertThat(dropped).isEqualTo(3200);
        assertThat(echoed).containsExactly("end");
        playback.advanceTo(4000);
        assertThat(second.playStart).isEqualTo(-1);
        assertThat(playback.utterances()).singleElement().satisfies(u -> {
            assertThat(u.interrupted()).isTrue();
            assertThat(u.audio()).hasSize(3200);
        });
    }

    @Test
    void clearCanStopAtOnceAndDropMarks() {
        PlaybackBuffer playback = buffer(false, false);
        playback.enqueue(chunk(1600, 0), 0);
        playback.enqueueMark("end", 0);
        playback.clear(800);
        playback.advanceTo(4000);
        assertThat(echoed).isEmpty();
        assertThat(playback.utterances()).singleElement().satisfies(u -> assertThat(u.audio()).hasSize(1600));
    }

    @Test
    void aShortGapInsideAnUtteranceIsAnUnderrun() {
        PlaybackBuffer playback = buffer(true, true);
        playback.enqueue(chunk(1600, 0), 0);
        playback.advanceTo(2400); // 100 ms of nothing to play
        playback.enqueue(chunk(1600, 2400), 2400);
        playback.enqueueMark("end", 2400);
        playback.advanceTo(5000);

        assertThat(playback.underruns()).isEqualTo(1);
        assertThat(playback.underrunMs()).isEqualTo(100);
        assertThat(playback.utterances()).singleElement().satisfies(u -> assertThat(u.durationMs()).isEqualTo(500));
    }

    @Test
    void aLongGapWithoutAMarkSeparatesUtterances() {
        PlaybackBuffer playback = buffer(true, true);
        playback.enqueue(chunk(1600, 0), 0);
        playback.advanceTo(8000);
        playback.enqueue(chunk(1600, 8000), 8000);
        playback.finish(12000);

        assertThat(playback.underruns()).isZero();
        assertThat(playback.utterances()).hasSize(2);
        assertThat(playback.utterances().get(1).startMs()).isEqualTo(1000);
    }

    @Test
    void recordsPlayedAudioAtItsPlaybackPosition() {
        PlaybackBuffer playback = buffer(true, true);
        PlaybackBuffer.Chunk c = chunk(1600, 800);
        playback.advanceTo(800);
        playback.enqueue(c, 800);
        playback.finish(4000);
        byte[] stereo = recorder.stereo();
        assertThat(stereo.length).isEqualTo(2400 * 4);
        assertThat(stereo[801 * 4 + 2]).isEqualTo(c.pcm[2]);
        assertThat(stereo[801 * 4 + 3]).isEqualTo(c.pcm[3]);
        assertThat(c.playStart).isEqualTo(800);
    }
}
