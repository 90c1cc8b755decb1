package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * Reads a number at a token position: digits ("1.2"), English words ("fifty five"), Hindi words as transcribed in
 * Latin script ("pachas", "dedh", "saade teen") and so, through {@link Utterances}, in Devanagari ("पचास", "ढाई"). Callers decide what the number counts (lakhs, BHK, months).
 */
public final class NumberWords {

    /** A number read from tokens [start, end). */
    public record Parsed(double value, int start, int end) {}

    private static final Pattern DIGITS = Pattern.compile("\\d+(\\.\\d+)?");

    private static final Map<String, Integer> WORDS = withHindiNumbers(Map.ofEntries(
            entry("zero", 0), entry("one", 1), entry("two", 2), entry("three", 3), entry("four", 4), entry("five", 5),
            entry("six", 6), entry("seven", 7), entry("eight", 8), entry("nine", 9), entry("ten", 10),
            entry("eleven", 11), entry("twelve", 12), entry("thirteen", 13), entry("fourteen", 14),
            entry("fifteen", 15), entry("sixteen", 16), entry("seventeen", 17), entry("eighteen", 18),
            entry("nineteen", 19), entry("twenty", 20), entry("thirty", 30), entry("forty", 40), entry("fifty", 50),
            entry("sixty", 60), entry("seventy", 70), entry("eighty", 80), entry("ninety", 90),
            // Hindi, in the spellings speech-to-text produces for Hinglish
            entry("ek", 1), entry("do", 2), entry("teen", 3), entry("char", 4), entry("chaar", 4), entry("paanch", 5),
            entry("panch", 5), entry("chhe", 6), entry("chhah", 6), entry("che", 6), entry("saat", 7),
            entry("aath", 8), entry("nau", 9), entry("das", 10), entry("gyarah", 11), entry("barah", 12),
            entry("pandrah", 15), entry("bees", 20), entry("pachees", 25), entry("pachchis", 25), entry("tees", 30),
            entry("paintis", 35), entry("chalis", 40), entry("chaalis", 40), entry("paintalis", 45),
            entry("pachas", 50), entry("pachaas", 50), entry("pachpan", 55), entry("saath", 60), entry("sath", 60),
            entry("painsath", 65), entry("sattar", 70), entry("pachattar", 75), entry("assi", 80),
            entry("pachasi", 85), entry("nabbe", 90), entry("nabbey", 90),
            entry("sau", 100)));

    private static final Map<String, Double> FRACTIONS = Map.of(
            "dedh", 1.5, "derh", 1.5, "dhai", 2.5, "adhai", 2.5, "dhaai", 2.5, "half", 0.5);

    private static final List<String> ENGLISH_UP_TO_TEN = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten");
    private static final List<String> HINGLISH_UP_TO_TEN = List.of("shunya", "ek", "do", "teen", "char", "paanch",
            "chhe", "saat", "aath", "nau", "das");

    private NumberWords() {
    }

    /** 0–10 as an English word ("three"); larger numbers as digits. */
    static String english(int n) {
        return n >= 0 && n <= 10 ? ENGLISH_UP_TO_TEN.get(n) : String.valueOf(n);
    }

    /** 0–10 as a Hinglish word ("teen"); larger numbers as digits. */
    static String hinglish(int n) {
        return n >= 0 && n <= 10 ? HINGLISH_UP_TO_TEN.get(n) : String.valueOf(n);
    }

    // Every Hindi number from ek to ninyaanave (hindi-numbers.tsv): Devanagari words arrive here in these spellings
    private static Map<String, Integer> withHindiNumbers(Map<String, Integer> builtIn) {
        Map<String, Integer> all = new java.util.HashMap<>(HindiLexicon.latinNumberWords());
        all.putAll(builtIn);
        return Map.copyOf(all);
    }

    public static boolean isNumberWord(String token) {
        return DIGITS.matcher(token).matches() || WORDS.containsKey(token) || FRACTIONS.containsKey(token)
                || token.equals("sava") || token.equals("saade") || token.equals("sadhe") || token.equals("paune");
    }

    /** Reads the number starting exactly at {@code start}, or empty when none starts there. */
    public static Optional<Parsed> parseAt(List<String> tokens, int start) {
        if (start >= tokens.size()) {
            return Optional.empty();
        }
        String first = tokens.get(start);
        if (DIGITS.matcher(first).matches()) {
            return Optional.of(withHalf(tokens, new Parsed(Double.parseDouble(first), start, start + 1)));
        }
        if (FRACTIONS.containsKey(first)) {
            return Optional.of(new Parsed(FRACTIONS.get(first), start, start + 1));
        }
        // "sava do" = 2.25, "saade teen" = 3.5, "paune do" = 1.75; "sava" alone ("sava crore") = 1.25
        double offset = switch (first) {
            case "sava" -> 0.25;
            case "saade", "sadhe" -> 0.5;
            case "paune" -> -0.25;
            default -> Double.NaN;
        };
        if (!Double.isNaN(offset)) {
            Optional<Parsed> base = parseAt(tokens, start + 1);
            if (base.isPresent()) {
                return Optional.of(new Parsed(base.get().value() + offset, start, base.get().end()));
            }
            return first.equals("sava") ? Optional.of(new Parsed(1.25, start, start + 1)) : Optional.empty();
        }
        return parseWords(tokens, start).map(whole -> withHalf(tokens, whole));
    }

    /** "two and a half", "2 and half": the half belongs to the number ("two and a half BHK", "one and a half crore") */
    private static Parsed withHalf(List<String> tokens, Parsed number) {
        int i = number.end();
        if (i + 1 < tokens.size() && tokens.get(i).equals("and")) {
            int half = tokens.get(i + 1).equals("a") ? i + 2 : i + 1;
            boolean whole = number.value() == Math.rint(number.value());
            if (half < tokens.size() && tokens.get(half).equals("half") && whole) {
                return new Parsed(number.value() + 0.5, number.start(), half + 1);
            }
        }
        return number;
    }

    private static Optional<Parsed> parseWords(List<String> tokens, int start) {
        int i = start;
        double value = 0;
        int last = -1;
        while (i < tokens.size() && WORDS.containsKey(tokens.get(i))) {
            int word = WORDS.get(tokens.get(i));
            if (word == 100 && last >= 0) {
                value = value * 100;
            } else if (last < 0 || (last >= 20 && last % 10 == 0 && last < 100 && word < 10)) {
                value += word;
            } else {
                break; // "do teen" is two numbers, not 5
            }
            last = word;
            i++;
        }
        if (last < 0) {
            return Optional.empty();
        }
        // "one point two crore"
        if (i + 1 < tokens.size() && tokens.get(i).equals("point") && WORDS.containsKey(tokens.get(i + 1))
                && WORDS.get(tokens.get(i + 1)) < 10) {
            value += WORDS.get(tokens.get(i + 1)) / 10.0;
            i += 2;
        }
        return Optional.of(new Parsed(value, start, i));
    }
}
