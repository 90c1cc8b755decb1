package dev.vaani.conversation.qualification;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says a rupee amount the way Indian callers say it, in the call's language: "45 to 55 lakhs" (English),
 * "45 se 55 lakh" (Hinglish, Latin letters), "पैंतालीस से पचपन लाख" (Hindi, Devanagari words, which a Hindi voice reads
 * naturally; "डेढ़ करोड़", "साढ़े तीन करोड़"). Never "₹45L–₹55L", which a voice reads out as symbols.
 */
public final class SpokenAmount {

    /** The languages amounts are spoken in; codes as campaigns store them ("en", "hi", "hinglish"). */
    public enum Style { ENGLISH, HINGLISH, HINDI;

        public static Style of(String languageCode) {
            String c = languageCode == null ? "" : languageCode.strip().toLowerCase(java.util.Locale.ROOT);
            return c.equals("hinglish") ? HINGLISH : c.equals("hi") || c.startsWith("hi-") ? HINDI : ENGLISH;
        }
    }

    private static final Map<Integer, String> HINDI_NUMBERS = HindiLexicon.devanagariNumbers();
    // "₹45L", "₹1.2Cr", "₹80L–₹1Cr", "₹50K" as BudgetRange.display() and LLMs write them
    private static final Pattern SYMBOLIC = Pattern.compile(
            "₹\\s?(\\d+(?:\\.\\d+)?)\\s?(Cr|L|K)\\b(?:\\s?[–-]\\s?₹\\s?(\\d+(?:\\.\\d+)?)\\s?(Cr|L|K)\\b)?(\\+)?");

    private SpokenAmount() {
    }

    /** A range that is "around X" (X ± 10%, as the caller said it) is spoken as "around X". */
    public static String of(BudgetRange range, Style style) {
        return of(range, style, true);
    }

    private static String of(BudgetRange range, Style style, boolean sayAround) {
        if (range.isOpenEnded()) {
            return switch (style) {
                case ENGLISH -> amount(range.minRupees(), style) + " or more";
                case HINGLISH -> amount(range.minRupees(), style) + " se zyada";
                case HINDI -> amount(range.minRupees(), style) + " से ज़्यादा";
            };
        }
        if (range.minRupees() == 0) {
            return switch (style) {
                case ENGLISH -> "up to " + amount(range.maxRupees(), style);
                case HINGLISH -> amount(range.maxRupees(), style) + " tak";
                case HINDI -> amount(range.maxRupees(), style) + " तक";
            };
        }
        if (range.minRupees() == range.maxRupees()) {
            return amount(range.minRupees(), style);
        }
        long centre = (range.minRupees() + range.maxRupees()) / 2;
        BudgetRange around = BudgetRange.around(centre);
        if (sayAround && Math.abs(around.minRupees() - range.minRupees()) <= 1 && Math.abs(around.maxRupees() - range.maxRupees()) <= 1) {
            return switch (style) {
                case ENGLISH -> "around " + amount(centre, style);
                case HINGLISH -> "lagbhag " + amount(centre, style);
                case HINDI -> "लगभग " + amount(centre, style);
            };
        }
        String joiner = switch (style) {
            case ENGLISH -> " to ";
            case HINGLISH -> " se ";
            case HINDI -> " से ";
        };
        long unit = unit(range.minRupees());
        if (unit == unit(range.maxRupees()) && unit >= BudgetRange.LAKH) {
            // "45 to 55 lakhs": the unit once, as people say it
            return number(range.minRupees(), unit, style) + joiner + amount(range.maxRupees(), style);
        }
        return amount(range.minRupees(), style) + joiner + amount(range.maxRupees(), style);
    }

    /** Rewrites symbolic amounts ("₹45L–₹55L", "₹1.2Cr+") in a sentence about to be spoken into words. */
    public static String speakable(String sentence, Style style) {
        if (sentence.indexOf('₹') < 0) {
            return sentence;
        }
        Matcher m = SYMBOLIC.matcher(sentence);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            long min = rupees(m.group(1), m.group(2));
            BudgetRange range = m.group(3) != null ? new BudgetRange(min, Math.max(min, rupees(m.group(3), m.group(4))))
                    : m.group(5) != null ? BudgetRange.atLeast(min) : BudgetRange.exactly(min);
            // a range written out ("₹45L–₹55L") is read as written: "45 to 55 lakhs"
            m.appendReplacement(out, Matcher.quoteReplacement(of(range, style, false)));
        }
        m.appendTail(out);
        return out.toString().replace("₹", style == Style.HINDI ? "रुपये " : "rupees ");
    }

    private static long rupees(String number, String unit) {
        long multiplier = switch (unit) {
            case "Cr" -> BudgetRange.CRORE;
            case "L" -> BudgetRange.LAKH;
            default -> 1000;
        };
        return new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier)).longValue();
    }

    private static long unit(long rupees) {
        return rupees >= BudgetRange.CRORE ? BudgetRange.CRORE : rupees >= BudgetRange.LAKH ? BudgetRange.LAKH : 1;
    }

    private static String amount(long rupees, Style style) {
        long unit = unit(rupees);
        String n = number(rupees, unit, style);
        if (unit == 1) {
            return n + (style == Style.HINDI ? " रुपये" : " rupees");
        }
        boolean crore = unit == BudgetRange.CRORE;
        return switch (style) {
            case ENGLISH -> n + (crore ? " crore" : n.equals("1") ? " lakh" : " lakhs");
            case HINGLISH -> n + (crore ? " crore" : " lakh");
            case HINDI -> n + (crore ? " करोड़" : " लाख");
        };
    }

    private static String number(long rupees, long unit, Style style) {
        BigDecimal value = BigDecimal.valueOf(rupees).divide(BigDecimal.valueOf(unit), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return style == Style.HINDI ? hindiWords(value) : value.toPlainString();
    }

    /** 1.5 → डेढ़, 2.5 → ढाई, 3.5 → साढ़े तीन, 1.25 → सवा, 2.25 → सवा दो, 1.75 → पौने दो; whole numbers in words. */
    static String hindiWords(BigDecimal value) {
        int whole = value.intValue();
        BigDecimal fraction = value.subtract(BigDecimal.valueOf(whole));
        if (fraction.signum() == 0) {
            return whole(whole);
        }
        if (fraction.compareTo(new BigDecimal("0.5")) == 0) {
            return whole == 1 ? "डेढ़" : whole == 2 ? "ढाई" : whole == 0 ? "आधा" : "साढ़े " + whole(whole);
        }
        if (fraction.compareTo(new BigDecimal("0.25")) == 0 && whole >= 1) {
            return whole == 1 ? "सवा" : "सवा " + whole(whole);
        }
        if (fraction.compareTo(new BigDecimal("0.75")) == 0 && whole >= 1 && whole < 100) {
            return "पौने " + whole(whole + 1);
        }
        return value.toPlainString(); // 1.2: digits, which Hindi voices read as "एक दशमलव दो"
    }

    private static String whole(int n) {
        if (n >= 1 && n <= 100) {
            return HINDI_NUMBERS.get(n);
        }
        if (n > 100 && n < 1000 && n % 100 == 0) {
            return HINDI_NUMBERS.get(n / 100) + " सौ";
        }
        return String.valueOf(n);
    }
}
