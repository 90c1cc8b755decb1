package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Set;

/**
 * Whether a thing said in a turn is turned down, the one reader of it for the parsers of answers: English turns a
 * thing down before it ("not a villa", "no more than 80 lakhs", "I don't need a loan", "bina loan ke"), Hindi after it
 * ("villa nahi", "loan nahi chahiye", "50 lakh se zyada nahi"), each over the small words a parser allows between
 * ("not taking any loan", "loan to bilkul nahi"). What may stand between is the parser's, as only it knows which words
 * belong to its thing.
 */
final class Negation {

    /** English words that turn down what follows them. */
    private static final Set<String> BEFORE = Set.of("not", "no", "never", "without", "bina", "dont", "wont",
            "cannot");
    // "don't", "won't", "can't" reach the rules as "don t", "won t", "can t"
    private static final Set<String> NEGATIVE_AUXILIARIES = Set.of("don", "won", "didn", "doesn", "can", "shouldn",
            "wouldn");
    /**
     * Hindi words that turn down what precedes them. Not "na": after a thing it is as often the tag "isn't it" ("loan
     * chahiye na?") as a no, so a parser that can tell (a budget's "se zyada na ho") adds it itself.
     */
    static final Set<String> AFTER = Set.of("nahi", "nahin", "nhi", "mat");

    private Negation() {
    }

    /**
     * Whether the thing starting at {@code start} is turned down before it, past at most {@code maxBetween} of the
     * words {@code between}: "not taking any loan", "no more than".
     */
    static boolean before(List<String> tokens, int start, Set<String> between, int maxBetween) {
        int i = start - 1;
        for (int skipped = 0; i >= 0 && skipped < maxBetween && between.contains(tokens.get(i)); skipped++) {
            i--;
        }
        return i >= 0 && (BEFORE.contains(tokens.get(i))
                || tokens.get(i).equals("t") && i > 0 && NEGATIVE_AUXILIARIES.contains(tokens.get(i - 1)));
    }

    /**
     * Whether the thing ending at {@code end} (exclusive) is turned down after it by one of {@code negations}, past at
     * most {@code maxBetween} of the words {@code between}: "loan lene ki zarurat nahi", "se upar to nahi".
     */
    static boolean after(List<String> tokens, int end, Set<String> between, int maxBetween, Set<String> negations) {
        int i = end;
        while (i < tokens.size() && i - end < maxBetween && between.contains(tokens.get(i))) {
            i++;
        }
        return i < tokens.size() && negations.contains(tokens.get(i));
    }

    static boolean after(List<String> tokens, int end, Set<String> between, int maxBetween) {
        return after(tokens, end, between, maxBetween, AFTER);
    }
}
