package dev.vaani.conversation.qualification;

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
