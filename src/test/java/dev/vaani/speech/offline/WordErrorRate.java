package dev.vaani.speech.offline;

import java.util.List;

/** Word-level edit distance, the standard WER numerator. */
final class WordErrorRate {

    private WordErrorRate() {
    }

    static int errors(List<String> reference, List<String> hypothesis) {
        var previous = new int[hypothesis.size() + 1];
        var current = new int[hypothesis.size() + 1];
        for (int j = 0; j <= hypothesis.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= reference.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hypothesis.size(); j++) {
                int substitution = previous[j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[hypothesis.size()];
    }

    static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
}
