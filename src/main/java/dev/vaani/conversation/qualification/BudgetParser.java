package dev.vaani.conversation.qualification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Map.entry;

/**
 * Reads a budget the way Indian buyers say it: "50 lakhs", "1.2 Cr", "1 crore 20 lakh", "80L to 1Cr",
 * "pachas lakh tak", "around 50 lakhs", "50,00,000". Qualifiers: "around X" → X ± 10%; "up to / under / below /
 * within / X tak" → [0, X]; "at least / above / X se upar" → [X, unbounded]; a plain X → [X, X]. A floor turned down
 * is a ceiling and the other way round: "X se zyada nahi", "no more than X", "not over X" → [0, X]; "X se kam nahi",
 * "not less than X" → [X, unbounded].
 */
public final class BudgetParser {

    private static final Map<String, Long> UNITS = Map.ofEntries(
            entry("lakh", BudgetRange.LAKH), entry("lakhs", BudgetRange.LAKH), entry("lac", BudgetRange.LAKH),
            entry("lacs", BudgetRange.LAKH), entry("lacks", BudgetRange.LAKH), entry("laakh", BudgetRange.LAKH),
            entry("l", BudgetRange.LAKH), entry("lk", BudgetRange.LAKH), entry("lakh's", BudgetRange.LAKH),
            entry("crore", BudgetRange.CRORE), entry("crores", BudgetRange.CRORE), entry("cr", BudgetRange.CRORE),
            entry("crs", BudgetRange.CRORE), entry("karod", BudgetRange.CRORE), entry("karor", BudgetRange.CRORE),
            entry("caror", BudgetRange.CRORE), entry("k", 1_000L), entry("thousand", 1_000L),
            entry("hazaar", 1_000L), entry("hazar", 1_000L), entry("million", 1_000_000L), entry("mn", 1_000_000L));

    /** Words that make a bare number something other than money. */
    private static final Set<String> NOT_MONEY = Set.of("bhk", "bedroom", "bedrooms", "bed", "rk", "br", "month",
            "months", "mahine", "mahina", "year", "years", "saal", "sal", "hours", "hour", "pm", "am", "baje",
            "floor", "sq", "sqft", "square", "acre", "acres", "days", "din", "weeks");
    private static final Set<String> RANGE_JOINERS = Set.of("to", "and", "se", "till", "or", "upto");
    private static final Set<String> AROUND_BEFORE = Set.of("around", "about", "approx", "approximately",
            "roughly", "nearly", "lagbhag", "karib", "kareeb", "approximate", "somewhere");
    private static final Set<String> UP_TO_BEFORE = Set.of("up to", "upto", "under", "below", "within", "max",
            "maximum", "less than", "not more than", "till", "not above", "not exceeding", "at most", "at the most",
            "zyada se zyada", "jyada se jyada", "adhik se adhik", "zyada se zyada bhi");
    private static final Set<String> UP_TO_AFTER = Set.of("tak", "max", "maximum", "se kam", "or less", "at most",
            "tak hi", "ke andar", "ke under");
    private static final Set<String> AT_LEAST_BEFORE = Set.of("at least", "atleast", "above", "more than",
            "minimum", "min", "over", "starting", "upwards of", "starting from");
    private static final Set<String> AT_LEAST_AFTER = Set.of("se upar", "se zyada", "se jyada", "plus", "or more",
            "and above", "onwards", "upwards", "or above", "ke upar");
    // Turned down, these say the opposite: "no more than", "not over" before the amount ...
    private static final Set<String> FLOORS_BEFORE_NEGATABLE = Set.of("more than", "over", "above");
    private static final Set<String> CEILINGS_BEFORE_NEGATABLE = Set.of("less than", "under", "below");
    private static final Set<String> CURRENCY_WORDS = Set.of("rs", "rupees", "inr");
    // ... and "se zyada nahi", "se upar to nahi" right after it ("se zyada hai na?" asks "more than that, isn't it?")
    // "na" turns a bound down ("se zyada na ho") where Negation leaves it out (see there); "not" too, in Hinglish
    private static final Set<String> NEGATIONS_AFTER = union(Negation.AFTER, Set.of("na", "not"));
    private static final Set<String> FILLERS_BEFORE_NEGATION = Set.of("to", "toh", "bilkul", "hi", "bhi");
    private static final Set<String> CEILINGS_AFTER_NEGATABLE = Set.of("se kam");

    private record Amount(double value, long unit, int start, int end) {
        long rupees() {
            return Math.round(value * unit);
        }

        Amount withUnit(long newUnit) {
            return new Amount(value, newUnit, start, end);
        }
    }

    private BudgetParser() {
    }

    /** Whether a number followed by this word counts money, time or area ("ढाई करोड़", "teen mahine", "2 acre"). */
    static boolean countsMoneyOrTime(String word) {
        return UNITS.containsKey(word) || NOT_MONEY.contains(word);
    }

    public static Optional<BudgetRange> parse(String utterance) {
        return parse(utterance, false);
    }

    /**
     * @param budgetWasAsked the caller is answering "what budget?", so a bare "fifty" means 50 lakhs and "1.5" means
     *                       1.5 crore (below 10 → crore, 10–999 → lakhs, from 10,000 → rupees)
     */
    public static Optional<BudgetRange> parse(String utterance, boolean budgetWasAsked) {
        List<String> tokens = Utterances.tokens(utterance);
        List<Amount> amounts = mergeCompounds(tokens, readAmounts(tokens));
        List<Amount> money = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            Amount a = amounts.get(i);
            if (a.unit() > 0) {
                money.add(a);
            } else if (a.value() >= 10_000) {
                money.add(a.withUnit(1));
            } else if (i + 1 < amounts.size() && amounts.get(i + 1).unit() > 0 && joined(tokens, a, amounts.get(i + 1))) {
                money.add(inheritUnit(a, amounts.get(i + 1))); // "between 60 and 80 lakhs", "80 to 1 crore"
            } else if (budgetWasAsked && amounts.size() == 1) {
                money.add(a.withUnit(a.value() < 10 ? BudgetRange.CRORE : a.value() < 1000 ? BudgetRange.LAKH : 1));
            }
        }
        if (money.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i + 1 < money.size(); i++) {
            Amount a = money.get(i);
            Amount b = money.get(i + 1);
            if (joined(tokens, a, b)) {
                long x = a.rupees();
                long y = b.rupees();
                return valid(new BudgetRange(Math.min(x, y), Math.max(x, y)));
            }
        }
        return valid(qualify(tokens, money.getFirst()));
    }

    private static List<Amount> readAmounts(List<String> tokens) {
        List<Amount> amounts = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            var number = NumberWords.parseAt(tokens, i);
            if (number.isEmpty()) {
                i++;
                continue;
            }
            int end = number.get().end();
            String next = end < tokens.size() ? tokens.get(end) : "";
            if (UNITS.containsKey(next)) {
                amounts.add(new Amount(number.get().value(), UNITS.get(next), i, end + 1));
                end++;
            } else if (!NOT_MONEY.contains(next) && NumberWords.isNumberWord(tokens.get(i))
                    && !isLoneHindiWord(tokens, i, number.get())) {
                amounts.add(new Amount(number.get().value(), 0, i, end));
            }
            i = end;
        }
        return amounts;
    }

    // "do" and "sath" are everyday words ("do you", "family ke sath"); only digits or English number words count bare.
    private static boolean isLoneHindiWord(List<String> tokens, int i, NumberWords.Parsed number) {
        String word = tokens.get(i);
        int after = number.end();
        if (after + 1 < tokens.size() && RANGE_JOINERS.contains(tokens.get(after))
                && NumberWords.parseAt(tokens, after + 1).isPresent()) {
            return false; // "saath se assi lakh": the start of a range
        }
        var next = NumberWords.parseAt(tokens, after);
        if (next.isPresent() && next.get().end() < tokens.size() && UNITS.containsKey(tokens.get(next.get().end()))) {
            return false; // "do teen crore": a range said without a joiner
        }
        return !Character.isDigit(word.charAt(0)) && Set.of("do", "sath", "saath", "che", "das", "ek").contains(word)
                && number.end() == i + 1;
    }

    /** "1 crore 20 lakh" and "1 crore 20" are one amount. */
    private static List<Amount> mergeCompounds(List<String> tokens, List<Amount> amounts) {
        List<Amount> merged = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            Amount a = amounts.get(i);
            if (a.unit() == BudgetRange.CRORE && i + 1 < amounts.size()) {
                Amount b = amounts.get(i + 1);
                boolean adjacent = b.start() == a.end()
                        || (b.start() == a.end() + 1 && tokens.get(a.end()).equals("and"));
                if (adjacent && (b.unit() == BudgetRange.LAKH || (b.unit() == 0 && b.value() < 100))) {
                    double crores = a.value() + b.value() / 100.0;
                    merged.add(new Amount(crores, BudgetRange.CRORE, a.start(), b.end()));
                    i++;
                    continue;
                }
            }
            merged.add(a);
        }
        return merged;
    }

    private static boolean joined(List<String> tokens, Amount a, Amount b) {
        int gap = b.start() - a.end();
        return gap == 1 && RANGE_JOINERS.contains(tokens.get(a.end()))
                || gap == 2 && tokens.get(a.end()).equals("se") && tokens.get(a.end() + 1).equals("lekar")
                // "सत्तर अस्सी लाख", "70 80 lakh": 70 to 80, said without a joiner
                || gap == 0 && (a.unit() == 0 || a.unit() == b.unit()) && a.value() < b.value();
    }

    private static Amount inheritUnit(Amount bare, Amount withUnit) {
        Amount same = bare.withUnit(withUnit.unit());
        // "80 to 1 crore" means 80 lakhs, not 80 crore
        if (same.rupees() > withUnit.rupees() && withUnit.unit() == BudgetRange.CRORE) {
            return bare.withUnit(BudgetRange.LAKH);
        }
        return same;
    }

    private static BudgetRange qualify(List<String> tokens, Amount amount) {
        String before = String.join(" ", tokens.subList(Math.max(0, amount.start() - 3), amount.start()));
        // three words: "75 ke aas paas"
        String after = String.join(" ", tokens.subList(amount.end(), Math.min(tokens.size(), amount.end() + 3)));
        long rupees = amount.rupees();
        if (negatedBefore(tokens, amount, FLOORS_BEFORE_NEGATABLE) || negatedAfter(tokens, amount, AT_LEAST_AFTER)) {
            return BudgetRange.upTo(rupees); // "50 lakh se zyada nahi", "no more than 80 lakhs", "not over 1 crore"
        }
        if (negatedBefore(tokens, amount, CEILINGS_BEFORE_NEGATABLE)
                || negatedAfter(tokens, amount, CEILINGS_AFTER_NEGATABLE)) {
            return BudgetRange.atLeast(rupees); // "50 lakh se kam nahi", "not less than 80 lakhs"
        }
        if (Utterances.containsAny(before, UP_TO_BEFORE) || Utterances.containsAny(after, UP_TO_AFTER)) {
            return BudgetRange.upTo(rupees);
        }
        if (Utterances.containsAny(before, AT_LEAST_BEFORE) || Utterances.containsAny(after, AT_LEAST_AFTER)) {
            return BudgetRange.atLeast(rupees);
        }
        if (Utterances.containsAny(before, AROUND_BEFORE) || Utterances.containsAny(after, Set.of("ke aas paas",
                "ke aaspaas", "or so", "ish", "ke around", "ke karib"))) {
            return BudgetRange.around(rupees);
        }
        return BudgetRange.exactly(rupees);
    }

    /**
     * Whether one of {@code phrases} ends right before the amount (or its "rs") with a negation before it.
     */
    private static boolean negatedBefore(List<String> tokens, Amount amount, Set<String> phrases) {
        int amountStart = amount.start();
        while (amountStart > 0 && CURRENCY_WORDS.contains(tokens.get(amountStart - 1))) {
            amountStart--;
        }
        for (String phrase : phrases) {
            List<String> words = List.of(phrase.split(" "));
            int start = amountStart - words.size();
            if (start >= 1 && tokens.subList(start, amountStart).equals(words)
                    && Negation.before(tokens, start, Set.of(), 0)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of {@code phrases} follows the amount and is turned down next: "se zyada nahi", "se upar to nahi". */
    private static boolean negatedAfter(List<String> tokens, Amount amount, Set<String> phrases) {
        for (String phrase : phrases) {
            List<String> words = List.of(phrase.split(" "));
            int end = amount.end() + words.size();
            if (end > tokens.size() || !tokens.subList(amount.end(), end).equals(words)) {
                continue;
            }
            if (Negation.after(tokens, end, FILLERS_BEFORE_NEGATION, Integer.MAX_VALUE, NEGATIONS_AFTER)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    // Storing "up to 3 lakhs" would overwrite a real budget with recogniser noise; dropping it costs a re-ask at most.
    private static Optional<BudgetRange> valid(BudgetRange range) {
        return range.isPlausibleForPurchase() ? Optional.of(range) : Optional.empty();
    }
}
