package dev.vaani.speech.offline;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Measures FreeTTS synthesis speed (real-time factor) at 8 kHz; run like {@link OfflineRecognitionBenchmark}. */
public final class OfflineSynthesisBenchmark {

    public static void main(String[] args) throws Exception {
        var tts = new OfflineTextToSpeech();
        var sentences = List.of("Hello, this is Priya calling from Vaani Homes about your property enquiry.",
                "Are you looking for a two BHK or a three BHK apartment?",
                "What budget do you have in mind, around fifty lakhs or closer to one crore?",
                "Great, I will ask our site manager to call you back tomorrow.", "Thank you, have a nice day.");
        tts.synthesize("Warm up.", 8000, pcm -> { }).completion().get();
        var bytes = new AtomicLong();
        long firstChunkNanos = 0;
        long start = System.nanoTime();
        for (String sentence : sentences) {
            long sentenceStart = System.nanoTime();
            var first = new AtomicLong();
            tts.synthesize(sentence, 8000, pcm -> {
                first.compareAndSet(0, System.nanoTime());
                bytes.addAndGet(pcm.length);
            }).completion().get();
            firstChunkNanos += first.get() - sentenceStart;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double audio = bytes.get() / 2.0 / 8000;
        System.out.printf(Locale.ROOT, "FreeTTS kevin16 -> 8 kHz: %.1f s audio in %.2f s, RTF %.3f, "
                + "mean time to first chunk %.0f ms%n", audio, seconds, seconds / audio,
                firstChunkNanos / 1e6 / sentences.size());
    }
}
