package dev.vaani.speech.offline;

import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechStreamSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Streams a clip through a real recognition stream the way a call would, and collects what it reported. */
final class Transcriber {

    record Result(List<SpeechEvent> events) {

        /** All finals of the clip, in order. */
        String text() {
            return events.stream().filter(SpeechEvent.Final.class::isInstance).map(SpeechEvent.Final.class::cast)
                    .map(SpeechEvent.Final::text).collect(Collectors.joining(" "));
        }
    }

    private final PocketSphinxSpeechToText stt;

    Transcriber(PocketSphinxSpeechToText stt) {
        this.stt = stt;
    }

    /** Sends the clip in 100 ms chunks, asks for a final at the end and waits until the stream has shut down. */
    Result transcribe(CallerClips.Clip clip, List<String> expectedPhrases) throws InterruptedException {
        var events = new CopyOnWriteArrayList<SpeechEvent>();
        var stream = (PocketSphinxStream) stt.open(
                new SpeechStreamSettings(CallerClips.SAMPLE_RATE, "en-IN", expectedPhrases, clip.file()), events::add);
        byte[] pcm = clip.pcm();
        for (int at = 0; at < pcm.length; at += CallerClips.CHUNK_BYTES) {
            stream.sendAudio(pcm, at, Math.min(CallerClips.CHUNK_BYTES, pcm.length - at));
        }
        stream.finalizeUtterance();
        stream.close();
        if (!stream.awaitTermination(Duration.ofSeconds(60))) {
            throw new IllegalStateException("recognition of " + clip + " did not finish");
        }
        return new Result(List.copyOf(events));
    }
}
