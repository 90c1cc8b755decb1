package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Set;

/**
 * How a turn says yes or no, for {@link IntentClassifier}: an opening yes ("haan ji", "sure") and what the words after
 * it make of it ("ji nahi", "haan par location galat hai"), an opening no ("nahi", "abhi nahi"), a yes to a read-back
 * said without a yes-word first ("that is right", "haan sahi hai"), and "I don't know".
 */
final class YesNo {

    // A read-back is confirmed by a turn made only of these and the small words around them ("it is correct",
    // "haan sahi hai"); a turn with other words in it is an answer or a correction, not a yes
    private static final Set<String> CONFIRM_WORDS = Set.of("yes", "yeah", "yep", "yup", "haan", "han", "haa",
            "right", "correct", "sahi", "bilkul", "exactly", "absolutely", "perfect");
    private static final Set<String> CONFIRM_FILLER = Set.of("it", "is", "its", "that", "thats", "s", "all",
            "everything", "ji", "hai", "ok", "okay", "sir", "madam", "maam", "please", "so", "oh", "ekdum", "sab",
            "theek", "thik", "fine", "true", "good", "very", "go", "ahead", "that s");
    private static final Set<String> NEGATIVE_WORDS = Set.of("no", "not", "nope", "nah", "nahi", "nahin", "wrong",
            "galat", "incorrect", "don", "isn", "change", "but");
    private static final Set<String> UNSURE = Set.of("don t know", "dont know", "not sure", "no idea", "pata nahi",
            "maloom nahi", "can t say", "haven t decided", "not decided", "abhi decide nahi", "maybe later");
    private static final Set<String> AFFIRM_START = Set.of("yes", "yeah", "yep", "yup", "haan", "haa", "han",
            "ha", "ji", "jee", "sure", "ok", "okay", "bilkul", "theek hai", "thik hai", "sahi hai", "right",
            "correct", "go ahead", "tell me", "boliye", "bataiye", "batao", "of course", "absolutely", "definitely",
            "please go ahead", "yes please", "that s right", "exactly", "haan ji", "ji haan", "hanji", "perfect");
    private static final Set<String> NEGATIVE_START = Set.of("no", "nope", "nah", "nahi", "nahin", "na",
            "not really", "galat", "wrong", "not right", "incorrect", "nope not");
    // A yes-word taken back by the words right after it: "ji nahi", "bilkul nahi", "correct nahi hai", "yes that's wrong"
    private static final Set<String> NEGATIONS = Set.of("no", "not", "nope", "nah", "nahi", "nahin", "nhi", "galat",
            "wrong", "incorrect", "never", "don", "didn", "isn", "doesn", "wasn");
    // ...unless they say there is no trouble: "yes, no problem", "sure, don't mind"
    private static final Set<String> NO_TROUBLE = Set.of("no problem", "not a problem", "no worries", "no issue",
            "no issues", "no objection", "don t mind", "not at all", "nahi to");
    // A yes-word followed by one of these qualifies the yes: "haan par location galat hai", "yes but quickly"
    private static final Set<String> BUT = Set.of("but", "lekin", "magar", "par", "however", "except");
    // ...and when what follows puts something right, it is a no to the read-back: "ok but change the budget"
    private static final Set<String> CORRECTING = Set.of("change", "badal", "badlo", "badalna", "badaliye",
            "badal do", "update", "different", "alag");
    // "Not now" ("अभी नहीं"): a no to "can we talk now?", and never a timeline of "immediately"
    private static final Set<String> NOT_NOW = Set.of("not now", "not right now", "abhi nahi", "abhi nahin",
            "abhi nhi", "abhi mat");

    private YesNo() {
    }

    /** Whether the turn opens with a yes: "haan", "sure", "theek hai", "go ahead". */
    static boolean startsWithYes(List<String> tokens) {
        return startsWithAny(tokens, AFFIRM_START);
    }

    /** Whether its first word is a yes-word of a read-back: "correct", "sahi", "right". */
    static boolean startsWithConfirmWord(List<String> tokens) {
        return CONFIRM_WORDS.contains(tokens.getFirst());
    }

    /** Whether the turn opens with a no: "nahi", "no", "galat", "abhi nahi", "not now". */
    static boolean startsWithNo(List<String> tokens) {
        return startsWithAny(tokens, NEGATIVE_START) || startsWithAny(tokens, NOT_NOW);
    }

    /** "don't know", "pata nahi", "not sure" anywhere in the turn. */
    static boolean isUnsure(String normal) {
        return Utterances.containsAny(normal, UNSURE);
    }

    /** Whether the caller says "not now" ("abhi nahi", "अभी नहीं") anywhere in the turn. */
    static boolean saysNotNow(String utterance) {
        return Utterances.containsAny(String.join(" ", Utterances.tokens(utterance)), NOT_NOW);
    }

    /**
     * Whether the caller says yes to a read-back ("So, a 2 BHK in Whitefield... Is that right?") without starting
     * with a yes: "that is right", "it is correct", "haan sahi hai". Only yes-words and small words, no negative word:
     * a misrecognised turn ("flat in right yeah") is asked again rather than taken as a yes.
     */
    static boolean confirms(String utterance) {
        List<String> tokens = Utterances.tokens(utterance);
        return tokens.stream().anyMatch(CONFIRM_WORDS::contains) && tokens.stream().noneMatch(NEGATIVE_WORDS::contains)
                && tokens.stream().allMatch(t -> CONFIRM_WORDS.contains(t) || CONFIRM_FILLER.contains(t));
    }

    /**
     * What the words after an opening yes-word make of it: a no ("ji nahi", "correct nahi hai", "yes it is wrong",
     * "haan abhi nahi"), a no to a read-back ("haan par location galat hai", "ok but change the budget"), an "I don't
     * know" ("haan, pata nahi"), a yes with a condition that is neither ("yes but quickly"); null when they leave it
     * a yes. Only the words right after the yes count: "yes, not a villa, a flat" is a yes and an answer.
     */
    static Intent whatFollowsTheYes(List<String> tokens) {
        int next = yesLength(tokens);
        while (next < tokens.size() && (CONFIRM_WORDS.contains(tokens.get(next))
                || CONFIRM_FILLER.contains(tokens.get(next)) || AFFIRM_START.contains(tokens.get(next)))) {
            next++;
        }
        List<String> rest = tokens.subList(next, tokens.size());
        String after = String.join(" ", rest);
        if (Utterances.containsAny(after, UNSURE)) {
            return Intent.UNSURE;
        }
        if (rest.isEmpty() || startsWithAny(rest, NO_TROUBLE)) {
            return null;
        }
        if (NEGATIONS.contains(rest.getFirst()) || startsWithAny(rest, NOT_NOW)) {
            return Intent.NEGATIVE;
        }
        if (BUT.contains(rest.getFirst())) {
            String qualification = String.join(" ", rest.subList(1, rest.size()));
            boolean correction = rest.stream().skip(1).anyMatch(NEGATIONS::contains)
                    || Utterances.containsAny(qualification, CORRECTING);
            return correction ? Intent.NEGATIVE : Intent.OTHER;
        }
        return null;
    }

    /** How many words the opening yes takes: "haan ji" two, "theek hai" two, "sahi" one. */
    private static int yesLength(List<String> tokens) {
        int longest = CONFIRM_WORDS.contains(tokens.getFirst()) ? 1 : 0;
        for (String phrase : AFFIRM_START) {
            String[] words = phrase.split(" ");
            if (words.length > longest && words.length <= tokens.size()
                    && List.of(words).equals(tokens.subList(0, words.length))) {
                longest = words.length;
            }
        }
        return longest;
    }

    private static boolean startsWithAny(List<String> tokens, Set<String> phrases) {
        for (String phrase : phrases) {
            String[] words = phrase.split(" ");
            if (words.length <= tokens.size() && List.of(words).equals(tokens.subList(0, words.length))) {
                return true;
            }
        }
        return false;
    }
}
