package dev.vaani.speech.offline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.vaani.conversation.qualification.Intent;
import dev.vaani.conversation.qualification.IntentClassifier;
import dev.vaani.conversation.qualification.QualificationExtractor;

/**
 * What offline recognition gets right on speech it was not built around, next to the speech it was tuned on. For each
 * set: word error rate, and field accuracy, the share of the facts in the reference sentence (fields the qualification
 * rules read from it, and its intent when it has one) that the same rules read from the recogniser's transcript.
 * The tuning set is audio/caller (en-us voice, sentences mostly verbatim in the language model); the held-out set is
 * audio/heldout (other voices, sentences checked here not to be in the language model). Not a test: run with
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.vaani.speech.offline.HeldOutRecognitionReport
 * </pre>
 */
public final class HeldOutRecognitionReport {

    private static final QualificationExtractor EXTRACTOR = new QualificationExtractor();

    public static void main(String[] args) throws Exception {
        var installation = PocketSphinxInstallation.detect();
        if (!installation.available()) {
            System.err.println(installation.problem().orElseThrow());
            System.exit(2);
        }
        Set<String> modelSentences = RealEstateVocabulary.sentences().stream()
                .map(s -> String.join(" ", WordErrorRate.words(s))).collect(Collectors.toSet());
        var heldOut = CallerClips.heldOut();
        for (var clip : heldOut) {
            if (modelSentences.contains(String.join(" ", WordErrorRate.words(clip.reference())))) {
                throw new IllegalStateException("held-out sentence is in the language model: " + clip.reference());
            }
        }
        var transcriber = new Transcriber(new PocketSphinxSpeechToText(installation, PocketSphinxSpeechToText.TUNING));
        transcriber.transcribe(CallerClips.all().getFirst(), List.of()); // warm-up
        Score tuning = score("tuning (audio/caller, en-us, in the language model)", CallerClips.all(), transcriber);
        Score held = score("held-out (audio/heldout, en-gb / en-gb-scotland / en-029, not in the model)", heldOut,
                transcriber);
        System.out.println();
        System.out.printf(Locale.ROOT, "| set | clips | WER | field accuracy |%n|---|---|---|---|%n");
        for (Score s : List.of(tuning, held)) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f%% (%d/%d words) | %.0f%% (%d/%d facts) |%n", s.name,
                    s.clips, 100.0 * s.wordErrors / s.words, s.wordErrors, s.words,
                    100.0 * s.factsRight / Math.max(1, s.facts), s.factsRight, s.facts);
        }
    }

    private record Score(String name, int clips, int wordErrors, int words, int factsRight, int facts) {}

    private static Score score(String name, List<CallerClips.Clip> clips, Transcriber transcriber) throws Exception {
        System.out.println("== " + name);
        int errors = 0;
        int words = 0;
        int right = 0;
        int facts = 0;
        for (var clip : clips) {
            String hypothesis = transcriber.transcribe(clip, List.of()).text();
            var reference = WordErrorRate.words(clip.reference());
            int clipErrors = WordErrorRate.errors(reference, WordErrorRate.words(hypothesis));
            errors += clipErrors;
            words += reference.size();
            Map<String, String> expected = facts(clip.reference());
            Map<String, String> heard = facts(hypothesis);
            List<String> missed = new ArrayList<>();
            for (var fact : expected.entrySet()) {
                if (fact.getValue().equals(heard.get(fact.getKey()))) {
                    right++;
                } else {
                    missed.add(fact.getKey() + "=" + fact.getValue());
                }
            }
            facts += expected.size();
            System.out.printf(Locale.ROOT, "%-28s %d err  ref: %-44s hyp: %-44s %s%n", clip.file(), clipErrors,
                    clip.reference(), hypothesis, missed.isEmpty() ? "" : "missed " + missed);
        }
        return new Score(name, clips.size(), errors, words, right, facts);
    }

    /** The fields the qualification rules read from a sentence, and its intent when it is not a plain answer. */
    static Map<String, String> facts(String sentence) {
        Map<String, String> facts = new LinkedHashMap<>();
        EXTRACTOR.extract(sentence).forEach((k, v) -> {
            if (!k.equals(QualificationExtractor.BUDGET)) { // the display form repeats min/max
                facts.put(k, String.valueOf(v));
            }
        });
        Intent intent = IntentClassifier.classify(sentence);
        if (intent != Intent.OTHER) {
            facts.put("intent", intent.name());
        }
        return facts;
    }
}
