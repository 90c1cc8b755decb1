package dev.vaani.speech.offline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures word error rate and real-time factor of offline recognition over the caller clips. Not a test: timing
 * depends on the machine. Run with:
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.vaani.speech.offline.OfflineRecognitionBenchmark
 * </pre>
 * Decoder settings can be tried with {@code -Dtuning="-lw 10 -beam 1e-60"}.
 */
public final class OfflineRecognitionBenchmark {

    public static void main(String[] args) throws Exception {
        var installation = PocketSphinxInstallation.detect();
        if (!installation.available()) {
            System.err.println(installation.problem().orElseThrow());
            System.exit(2);
        }
        String tuningProperty = System.getProperty("tuning");
        List<String> tuning = tuningProperty == null ? PocketSphinxSpeechToText.TUNING
                : Arrays.asList(tuningProperty.trim().split("\\s+"));
        var stt = new PocketSphinxSpeechToText(installation, tuning);
        var transcriber = new Transcriber(stt);
        transcriber.transcribe(CallerClips.all().getFirst(), List.of()); // warm-up: dictionary load, JIT

        long setupStart = System.nanoTime();
        int setups = 5;
        for (int i = 0; i < setups; i++) {
            stt.createDecoder(CallerClips.SAMPLE_RATE, List.of()).close();
        }
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9 / setups;

        int errors = 0;
        int referenceWords = 0;
        double audioSeconds = 0;
        double wallSeconds = 0;
        var lines = new ArrayList<String>();
        for (var clip : CallerClips.all()) {
            long start = System.nanoTime();
            var result = transcriber.transcribe(clip, List.of());
            wallSeconds += (System.nanoTime() - start) / 1e9;
            audioSeconds += clip.seconds();
            var reference = WordErrorRate.words(clip.reference());
            int clipErrors = WordErrorRate.errors(reference, WordErrorRate.words(result.text()));
            errors += clipErrors;
            referenceWords += reference.size();
            lines.add(String.format(Locale.ROOT, "%-24s %d err  ref: %-40s hyp: %s", clip.file(), clipErrors,
                    clip.reference(), result.text()));
        }
        lines.forEach(System.out::println);
        int clips = lines.size();
        System.out.printf(Locale.ROOT, "tuning: %s%n", tuning);
        System.out.printf(Locale.ROOT, "WER: %.1f%% (%d errors / %d reference words, %d clips)%n",
                100.0 * errors / referenceWords, errors, referenceWords, clips);
        System.out.printf(Locale.ROOT, "decoder setup per call: %.3f s (language model build + ps_init)%n",
                setupSeconds);
        System.out.printf(Locale.ROOT, "RTF incl. setup: %.3f; RTF decoding only: %.3f (%.1f s audio)%n",
                wallSeconds / audioSeconds, (wallSeconds - clips * setupSeconds) / audioSeconds, audioSeconds);
    }
}
