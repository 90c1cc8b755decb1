package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Set;

/**
 * Whether a caller's words so far stop mid-answer ("my budget is around…", "between fifty and", "paanch") so that a
 * pause is more likely thinking than the end of the turn. Turn-taking then waits longer before answering.
 */
public final class UnfinishedAnswers {

    // Words a finished sentence rarely ends on: connectives, approximators, verbs waiting for their object,
    // hesitations. Not the shortest function words ("the", "a", "in", "i", "it", "to", "of", "at"): recognisers
    // invent those from line noise at the end of an utterance (on the turn-taking evaluation's noisy calls most
    // answers that waited the extra time ended on one, docs/turn-taking.md), and a caller who really stops on one
    // still has the usual end-of-turn silence to go on.
    private static final Set<String> DANGLING = Set.of("around", "about", "approximately", "roughly", "nearly",
            "almost", "near", "between", "from", "is", "was", "are", "will", "would", "be", "and", "or", "but",
            "my", "our", "for", "with", "like", "maybe", "so", "because", "then",
            "than", "um", "umm", "uh", "uhh", "er", "hmm", "we", "want", "need", "looking",
            "aur", "ya", "ki", "ka", "ke", "mein", "me", "se", "lagbhag", "karib", "kareeb", "taqreeban", "matlab",
            "toh", "jo", "mera", "meri", "hamara", "chahiye");
    // A number with more of it probably still coming: "fifty" before "lakh", "one point" before "two crore".
    private static final Set<String> NUMBER_WORDS = Set.of("one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty",
            "seventy", "eighty", "ninety", "hundred", "point", "ek", "do", "teen", "char", "chaar", "paanch", "panch",
            "das", "bees", "pachas", "pachaas", "sau");

    private UnfinishedAnswers() {
    }

    public static boolean isUnfinished(String transcript) {
        if (transcript == null) {
            return false;
        }
        String trimmed = transcript.strip();
        // not a comma: recognisers put one after a whole "Yes," too
        if (trimmed.endsWith("...") || trimmed.endsWith("…") || trimmed.endsWith("-")) {
            return true;
        }
        List<String> tokens = Utterances.tokens(trimmed);
        if (tokens.isEmpty()) {
            return false;
        }
        String last = tokens.getLast();
        if (DANGLING.contains(last)) {
            return true;
        }
        // a bare "two" answers "how many bedrooms?"; "budget is fifty" has more coming
        boolean number = NUMBER_WORDS.contains(last) || last.chars().allMatch(Character::isDigit);
        return number && tokens.size() > 1;
    }
}
