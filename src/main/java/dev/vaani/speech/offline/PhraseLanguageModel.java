package dev.vaani.speech.offline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small trigram language model built on the fly from the phrases a call expects, written as an ARPA file that
 * PocketSphinx loads. Measured on the caller clips, a model this narrow recognises answers far better than the
 * generic 130k-word model or a fixed grammar, and unlike a grammar it still accepts new word orders.
 *
 * <p>Smoothing is absolute discounting with Katz-style back-off, which is well defined for the tiny counts here.
 */
final class PhraseLanguageModel {

    static final String START = "<s>";
    static final String END = "</s>";
    private static final int ORDER = 3;
    private static final double DISCOUNT = 0.5;

    /** n-gram (space-joined words) to count, one map per order. */
    private final List<Map<String, Integer>> counts = new ArrayList<>();
    private final List<Map<String, Integer>> contextTotals = new ArrayList<>();
    private final List<Map<String, Double>> probabilities = new ArrayList<>();
    private final List<Map<String, Double>> backoffs = new ArrayList<>();
    private final Set<String> vocabulary = new TreeSet<>();

    private PhraseLanguageModel() {
        for (int order = 0; order <= ORDER; order++) {
            counts.add(new LinkedHashMap<>());
            contextTotals.add(new HashMap<>());
            probabilities.add(new LinkedHashMap<>());
            backoffs.add(new HashMap<>());
        }
    }

    /** Builds the model from sentences of spoken words; words {@code dictionary} cannot pronounce are left out. */
    static PhraseLanguageModel build(List<List<String>> sentences, PronunciationDictionary dictionary) {
        var model = new PhraseLanguageModel();
        for (List<String> sentence : sentences) {
            var words = new ArrayList<String>();
            words.add(START);
            sentence.stream().map(w -> w.toLowerCase(Locale.ROOT)).filter(dictionary::knows).forEach(words::add);
            if (words.size() == 1) {
                continue;
            }
            words.add(END);
            model.count(words);
        }
        if (model.vocabulary.isEmpty()) {
            throw new IllegalArgumentException("no pronounceable phrase to build a language model from");
        }
        model.estimate();
        return model;
    }

    private void count(List<String> words) {
        words.stream().filter(w -> !w.equals(START) && !w.equals(END)).forEach(vocabulary::add);
        for (int order = 1; order <= ORDER; order++) {
            for (int i = 0; i + order <= words.size(); i++) {
                var gram = words.subList(i, i + order);
                counts.get(order).merge(String.join(" ", gram), 1, Integer::sum);
                if (order > 1) {
                    contextTotals.get(order).merge(String.join(" ", gram.subList(0, order - 1)), 1, Integer::sum);
                }
            }
        }
    }

    private void estimate() {
        var unigrams = counts.get(1);
        int total = unigrams.entrySet().stream().filter(e -> !e.getKey().equals(START))
                .mapToInt(Map.Entry::getValue).sum();
        unigrams.forEach((word, count) -> probabilities.get(1).put(word, word.equals(START) ? 0 : count / (double) total));
        for (int order = 2; order <= ORDER; order++) {
            int n = order;
            counts.get(order).forEach((gram, count) -> probabilities.get(n).put(gram,
                    (count - DISCOUNT) / contextTotals.get(n).get(context(gram))));
            computeBackoffs(order - 1);
        }
    }

    /** The weight that makes p(.|h) sum to one when a continuation of context h was never seen. */
    private void computeBackoffs(int contextOrder) {
        var seenMass = new HashMap<String, Double>();
        var lowerMass = new HashMap<String, Double>();
        probabilities.get(contextOrder + 1).forEach((gram, p) -> {
            String context = context(gram);
            seenMass.merge(context, p, Double::sum);
            lowerMass.merge(context, probability(suffix(gram)), Double::sum);
        });
        seenMass.forEach((context, seen) -> backoffs.get(contextOrder).put(context,
                Math.max(1e-6, 1 - seen) / Math.max(1e-6, 1 - lowerMass.get(context))));
    }

    /** Back-off probability of a space-joined n-gram (last word given the others) under the orders estimated so far. */
    double probability(String gram) {
        int order = gram.split(" ").length;
        Double explicit = probabilities.get(order).get(gram);
        if (explicit != null) {
            return explicit;
        }
        if (order == 1) {
            return 0;
        }
        return backoffs.get(order - 1).getOrDefault(context(gram), 1.0) * probability(suffix(gram));
    }

    private static String context(String gram) {
        return gram.substring(0, gram.lastIndexOf(' '));
    }

    private static String suffix(String gram) {
        return gram.substring(gram.indexOf(' ') + 1);
    }

    /** Every word the model can produce, for the decoder's dictionary. */
    Set<String> vocabulary() {
        return vocabulary;
    }

    void writeArpa(Path file) throws IOException {
        var arpa = new StringBuilder("\\data\\\n");
        for (int order = 1; order <= ORDER; order++) {
            arpa.append("ngram ").append(order).append('=').append(probabilities.get(order).size()).append('\n');
        }
        for (int order = 1; order <= ORDER; order++) {
            arpa.append('\n').append('\\').append(order).append("-grams:\n");
            var backoff = order < ORDER ? backoffs.get(order) : Map.<String, Double>of();
            probabilities.get(order).forEach((gram, p) -> {
                arpa.append(String.format(Locale.ROOT, "%.4f %s", p > 0 ? Math.log10(p) : -99.0, gram));
                Double weight = backoff.get(gram);
                if (weight != null) {
                    arpa.append(String.format(Locale.ROOT, " %.4f", Math.log10(weight)));
                }
                arpa.append('\n');
            });
        }
        arpa.append("\n\\end\\\n");
        Files.writeString(file, arpa, StandardCharsets.UTF_8);
    }
}
