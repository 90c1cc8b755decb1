package dev.vaani.speech.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns written phrases ("2 BHK in HSR", "50 lakh") into the words a caller says ("two b h k in h s r", "fifty
 * lakh"), because the language model and the dictionary know only spoken words.
 */
final class SpokenForm {

    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"};

    private SpokenForm() {
    }

    /** The phrase as lower-case spoken words; abbreviations in capitals and "bhk" are spelled out letter by letter. */
    static List<String> words(String phrase) {
        var words = new ArrayList<String>();
        for (String token : phrase.replaceAll("(\\d)([A-Za-z])", "$1 $2").split("[^A-Za-z0-9']+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.chars().allMatch(Character::isDigit)) {
                words.addAll(number(token));
            } else if (isAbbreviation(token)) {
                token.toLowerCase(Locale.ROOT).chars().forEach(c -> words.add(String.valueOf((char) c)));
            } else {
                words.add(token.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    private static boolean isAbbreviation(String token) {
        return token.equalsIgnoreCase("bhk")
                || (token.length() > 1 && token.length() <= 4 && token.chars().allMatch(Character::isUpperCase));
    }

    /** Digits read as a number up to 9999, longer ones (phone numbers, PINs) digit by digit. */
    private static List<String> number(String digits) {
        if (digits.length() > 4 || (digits.length() > 1 && digits.startsWith("0"))) {
            return digits.chars().mapToObj(c -> ONES[c - '0']).toList();
        }
        return spell(Integer.parseInt(digits));
    }

    static List<String> spell(int n) {
        var words = new ArrayList<String>();
        if (n >= 1000) {
            words.addAll(spell(n / 1000));
            words.add("thousand");
            n %= 1000;
            if (n == 0) {
                return words;
            }
        }
        if (n >= 100) {
            words.add(ONES[n / 100]);
            words.add("hundred");
            n %= 100;
            if (n == 0) {
                return words;
            }
        }
        if (n < 20) {
            words.add(ONES[n]);
        } else {
            words.add(TENS[n / 10]);
            if (n % 10 != 0) {
                words.add(ONES[n % 10]);
            }
        }
        return words;
    }
}
