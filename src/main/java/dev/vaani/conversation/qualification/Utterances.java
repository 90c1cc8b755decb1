package dev.vaani.conversation.qualification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a transcript into comparable lower-case tokens. Speech-to-text writes the same thing many ways ("50L", "50 L",
 * "₹50,00,000", "2BHK", "80L-1Cr"), so every parser starts from this one normal form.
 */
public final class Utterances {

    private static final Pattern INDIAN_GROUPING = Pattern.compile("(?<=\\d),(?=\\d)");
    // A dash before a digit is a range ("80L-1Cr", "2-3 mahine"); elsewhere it joins words ("self-funded").
    private static final Pattern RANGE_DASH = Pattern.compile("\\s*[-–—]+\\s*(?=[₹]?\\s*\\d)");
    private static final Pattern DIGIT_LETTER = Pattern.compile("(?<=\\d)(?=\\p{L})|(?<=\\p{L})(?=\\d)");
    // Keep '.' and ':' only inside numbers (1.2 crore, 5:30 pm).
    private static final Pattern PUNCTUATION = Pattern.compile("(?<!\\d)[.:]|[.:](?!\\d)|[^\\p{L}\\p{N}.:\\s]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    // The offline recogniser spells BHK out as letters ("two b h k", "three b.h.k"); parsers look for "bhk".
    private static final Pattern SPELLED_BHK = Pattern.compile("\\bb ?h ?k\\b");

    // Hindi turns a thing down after it ("villa nahi", "investment ke liye nahi"), English before it ("not a villa",
    // "no plot"), past these: a "nahi" before a thing ends the refusal of the one before ("investment nahi, apne liye")
    private static final Set<String> LINKING_WORDS_AFTER = Set.of("ke", "liye", "ka", "ki");
    private static final Set<String> LINKING_WORDS_BEFORE = Set.of("a", "an", "for");

    private Utterances() {
    }

    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        // Devanagari (normalised once, in HindiText) becomes the Latin tokens every rule reads
        String s = HindiLexicon.toLatin(text).toLowerCase(Locale.ROOT).replace('₹', ' ');
        s = INDIAN_GROUPING.matcher(s).replaceAll("");
        s = RANGE_DASH.matcher(s).replaceAll(" to ");
        s = DIGIT_LETTER.matcher(s).replaceAll(" ");
        s = PUNCTUATION.matcher(s).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ").trim();
        return SPELLED_BHK.matcher(s).replaceAll("bhk");
    }

    public static List<String> tokens(String text) {
        String normal = normalise(text);
        return normal.isEmpty() ? List.of() : List.of(normal.split(" "));
    }

    /** The [start, end) token spans where any of the phrases is said, phrase by phrase. */
    static List<int[]> phraseSpans(List<String> tokens, Iterable<String> phrases) {
        List<int[]> spans = new ArrayList<>();
        for (String phrase : phrases) {
            List<String> words = List.of(phrase.split(" "));
            for (int i = 0; i + words.size() <= tokens.size(); i++) {
                if (tokens.subList(i, i + words.size()).equals(words)) {
                    spans.add(new int[] {i, i + words.size()});
                }
            }
        }
        return spans;
    }

    /** Whether the normalised text contains {@code phrase} as whole words. */
    public static boolean containsPhrase(String normalised, String phrase) {
        return (" " + normalised + " ").contains(" " + phrase + " ");
    }

    public static boolean containsAny(String normalised, Set<String> phrases) {
        for (String phrase : phrases) {
            if (containsPhrase(normalised, phrase)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the phrase is said other than to turn it down: "villa nahi chahiye, flat chahiye" wants a flat, not a
     * villa; "not a villa", "no plot", "not for investment" and "investment ke liye nahi" turn it down too.
     */
    public static boolean saysWithoutTurningDown(List<String> tokens, String phrase) {
        List<String> words = List.of(phrase.split(" "));
        for (int i = 0; i + words.size() <= tokens.size(); i++) {
            if (!tokens.subList(i, i + words.size()).equals(words)) {
                continue;
            }
            boolean refusedAfter = Negation.after(tokens, i + words.size(), LINKING_WORDS_AFTER, Integer.MAX_VALUE);
            boolean refusedBefore = Negation.before(tokens, i, LINKING_WORDS_BEFORE, 1);
            if (!refusedAfter && !refusedBefore) {
                return true;
            }
        }
        return false;
    }

    public static boolean saysAnyWithoutTurningDown(List<String> tokens, Set<String> phrases) {
        for (String phrase : phrases) {
            if (saysWithoutTurningDown(tokens, phrase)) {
                return true;
            }
        }
        return false;
    }

    /** "whitefield" -> "Whitefield", "hsr layout" -> "Hsr Layout". */
    public static String titleCase(String words) {
        StringBuilder out = new StringBuilder();
        for (String word : words.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
