package dev.vaani.audio;

import static dev.vaani.audio.SpeechSegmenter.Event.NONE;
import static dev.vaani.audio.SpeechSegmenter.Event.SPEECH_CANCELLED;
import static dev.vaani.audio.SpeechSegmenter.Event.SPEECH_ENDED;
import static dev.vaani.audio.SpeechSegmenter.Event.SPEECH_STARTED;
import static dev.vaani.audio.VadDecision.SILENCE;
import static dev.vaani.audio.VadDecision.SPEECH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechSegmenterTest {

    private final SpeechSegmenter segmenter = new SpeechSegmenter();

    /** Feeds {@code ms} of one verdict in 20 ms frames and returns the events that were not NONE, with frame index. */
    private List<String> feed(VadDecision decision, int ms) {
        List<String> events = new ArrayList<>();
        for (int t = 20; t <= ms; t += 20) {
            SpeechSegmenter.Event e = segmenter.onFrame(decision, 20);
            if (e != NONE) {
                events.add(e + "@" + t);
            }
        }
        return events;
    }

    @Test
    void speechStartsOnceItHasLasted200Milliseconds() {
        assertThat(feed(SPEECH, 1000)).containsExactly("SPEECH_STARTED@200");
        assertThat(segmenter.inSpeech()).isTrue();
    }

    @Test
    void aShortBurstNeverStarts() {
        assertThat(feed(SPEECH, 180)).isEmpty();
        assertThat(feed(SILENCE, 100)).isEmpty();
        assertThat(feed(SPEECH, 180)).isEmpty();
    }

    @Test
    void speechEndsAfter600MillisecondsOfSilence() {
        feed(SPEECH, 800);
        assertThat(feed(SILENCE, 1000)).containsExactly("SPEECH_ENDED@600");
        assertThat(segmenter.inSpeech()).isFalse();
    }

    @Test
    void pausesShorterThanTheSilenceTimeDoNotEndAnUtterance() {
        feed(SPEECH, 400);
        assertThat(feed(SILENCE, 580)).isEmpty();
        assertThat(feed(SPEECH, 200)).isEmpty();
        assertThat(segmenter.speechMs()).isEqualTo(600);
    }

    @Test
    void speechShorterThanTheMinimumIsCancelledNotEnded() {
        feed(SPEECH, 300);
        assertThat(feed(SILENCE, 600)).containsExactly("SPEECH_CANCELLED@600");
    }

    @Test
    void everyStartIsClosedExactlyOnceAcrossManyUtterances() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.addAll(feed(SPEECH, 700));
            all.addAll(feed(SILENCE, 700));
        }
        assertThat(all).extracting(s -> s.substring(0, s.indexOf('@')))
                .containsExactly("SPEECH_STARTED", "SPEECH_ENDED", "SPEECH_STARTED", "SPEECH_ENDED",
                        "SPEECH_STARTED", "SPEECH_ENDED");
    }

    @Test
    void durationsAreCountedInAudioTimeWhateverTheFrameSize() {
        SpeechSegmenter coarse = new SpeechSegmenter(new SegmenterSettings(200, 600, 500));
        assertThat(coarse.onFrame(SPEECH, 100)).isEqualTo(NONE);
        assertThat(coarse.onFrame(SPEECH, 100)).isEqualTo(SPEECH_STARTED);
    }
}
