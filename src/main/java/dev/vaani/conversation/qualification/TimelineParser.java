package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a purchase timeline: "next 3 months", "within 6 months", "2-3 mahine mein", "immediately", "abhi",
 * "next month", "15 din mein", "this year", "agle saal", "just exploring". A range ("2-3 months") counts by its far end.
 * A span waited out ("after 3 months", "ek saal baad") falls in the bucket after it.
 */
public final class TimelineParser {

    private static final Set<String> EXPLORING = Set.of("just exploring", "just looking", "exploring", "not decided",
            "not yet decided", "no hurry", "no rush", "not sure when", "decide nahi", "soch rahe", "dekh rahe hain bas",
            "bas dekh rahe", "koi jaldi nahi", "jaldi nahi", "just checking", "browsing");
    // A time named: immediate whatever else is said
    private static final Set<String> IMMEDIATE = Set.of("this month", "is mahine", "ready to move", "isi mahine",
            "this month itself", "next week", "agle hafte", "agle week");
    // "Now" and "soon", which the answer to "is this a good time to talk?" says of the call ("haan abhi boliye",
    // "yes, I can talk right now"): unasked, they count only with a word about buying as near them as any about
    // talking ("abhi lena hai", "I want to buy immediately")
    private static final Set<String> NOW = Set.of("immediately", "right away", "asap", "as soon as possible",
            "urgent", "urgently", "turant", "jaldi", "right now", "abhi turant", "jald se jald");
    private static final Set<String> BUYING = Set.of("lena", "lene", "lenge", "lunga", "loonga", "lungi", "le lenge",
            "kharidna", "kharidana", "kharidne", "kharidane", "kharidenge", "kharid", "khareedna", "khareedenge",
            "buy", "buying", "purchase", "purchasing", "book", "booking", "chahiye", "move in", "possession",
            "invest", "investing");
    private static final Set<String> TALKING = Set.of("boliye", "bolie", "bolo", "boliyega", "bataiye", "bataie",
            "batayiye", "batayie", "batao", "bataiyega", "kahiye", "kahie", "kaho", "suniye", "sunie", "baat",
            "talk", "talking", "speak", "speaking", "go ahead", "tell", "proceed", "continue", "carry on", "free");
    // Buying next month is a month or two away
    private static final Set<String> NEXT_MONTH = Set.of("next month", "agle mahine", "agle month", "agla mahina");
    private static final Set<String> MONTH_WORDS = Set.of("month", "months", "mahine", "mahina", "mahino", "mahinon");
    private static final Set<String> YEAR_WORDS = Set.of("year", "years", "saal", "sal", "varsh");
    private static final Set<String> WEEK_WORDS = Set.of("week", "weeks", "hafte", "hafta", "hafton");
    private static final Set<String> DAY_WORDS = Set.of("day", "days", "din", "dino", "dinon");
    private static final Set<String> WITHIN_YEAR = Set.of("this year", "is saal", "iss saal", "within a year",
            "in a year", "one year", "ek saal", "end of the year", "year end", "saal ke andar", "saal bhar");
    private static final Set<String> LATER = Set.of("next year", "agle saal", "later next year", "couple of years",
            "after a year", "do saal", "few years");
    private static final Set<String> APPROXIMATELY = Set.of("about", "around", "some", "almost", "nearly",
            "lagbhag", "karib", "kareeb");
    private static final Set<String> FEW_MONTHS = Set.of("few months", "kuch mahine", "couple of months",
            "next quarter", "coming months");

    private TimelineParser() {
    }

    public static Optional<Timeline> parse(String utterance) {
        return parse(utterance, false);
    }

    /**
     * @param timelineWasAsked "abhi", "jaldi", "right now" and a bare number of months count by themselves only as an
     *                         answer to "by when?"; otherwise "now" needs a word about buying ("abhi lena hai")
     */
    public static Optional<Timeline> parse(String utterance, boolean timelineWasAsked) {
        List<String> tokens = Utterances.tokens(utterance);
        String normal = String.join(" ", tokens);
        if (Utterances.containsAny(normal, EXPLORING)) {
            return Optional.of(Timeline.JUST_EXPLORING);
        }
        Optional<Timeline> counted = counted(tokens);
        if (counted.isPresent()) {
            return counted;
        }
        if (Utterances.containsAny(normal, LATER)) {
            return Optional.of(Timeline.LATER);
        }
        if (Utterances.containsAny(normal, WITHIN_YEAR)) {
            return Optional.of(Timeline.WITHIN_YEAR);
        }
        if (Utterances.containsAny(normal, NEXT_MONTH)) {
            return Optional.of(Timeline.withinMonths(2));
        }
        if (Utterances.containsAny(normal, FEW_MONTHS)) {
            return Optional.of(Timeline.WITHIN_6_MONTHS);
        }
        if (Utterances.containsAny(normal, IMMEDIATE) || saysBuyingNow(tokens, NOW, timelineWasAsked)) {
            return Optional.of(Timeline.IMMEDIATE);
        }
        // "abhi" is also filler ("abhi 2BHK dekh rahe hain"), so unasked it too needs a word about buying; and never
        // "abhi nahi" ("not now"), which says the opposite
        if (!IntentClassifier.saysNotNow(normal) && saysBuyingNow(tokens, Set.of("abhi"), timelineWasAsked)) {
            return Optional.of(Timeline.IMMEDIATE);
        }
        if (timelineWasAsked && tokens.size() <= 2) {
            var number = NumberWords.parseAt(tokens, 0);
            if (number.isPresent() && number.get().value() >= 1 && number.get().value() <= 36) {
                return Optional.of(Timeline.withinMonths((int) Math.ceil(number.get().value())));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether one of the {@code now} words is said of buying: any of them answers "by when?"; unasked, one counts when a
     * buying word is at least as near it as any word about talking ("haan boliye, abhi lena hai" but not "haan abhi
     * boliye, flat chahiye").
     */
    private static boolean saysBuyingNow(List<String> tokens, Set<String> now, boolean timelineWasAsked) {
        List<int[]> nows = Utterances.phraseSpans(tokens, now);
        if (timelineWasAsked || nows.isEmpty()) {
            return !nows.isEmpty();
        }
        List<int[]> buying = Utterances.phraseSpans(tokens, BUYING);
        List<int[]> talking = Utterances.phraseSpans(tokens, TALKING);
        for (int[] word : nows) {
            if (distance(word, buying) <= distance(word, talking) && !buying.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** How many words from {@code span} to the nearest of {@code others} (1: next to it); MAX_VALUE when none. */
    private static int distance(int[] span, List<int[]> others) {
        int nearest = Integer.MAX_VALUE;
        for (int[] other : others) {
            int d = other[1] <= span[0] ? span[0] - other[1] + 1 : other[0] >= span[1] ? other[0] - span[1] + 1 : 0;
            nearest = Math.min(nearest, d);
        }
        return nearest;
    }

    private static Optional<Timeline> counted(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            var number = NumberWords.parseAt(tokens, i);
            int next;
            double value;
            if (number.isPresent()) {
                value = number.get().value();
                next = number.get().end();
                // "2 to 3 months": the far end decides
                if (next + 1 < tokens.size() && Set.of("to", "or", "se").contains(tokens.get(next))) {
                    var far = NumberWords.parseAt(tokens, next + 1);
                    if (far.isPresent()) {
                        value = far.get().value();
                        next = far.get().end();
                    }
                }
            } else if (Set.of("a", "an", "one").contains(tokens.get(i))) {
                value = 1;
                next = i + 1;
            } else {
                continue;
            }
            if (next < tokens.size() && isAfter(tokens, i, next + 1)) {
                Optional<Double> months = inMonths(value, tokens.get(next));
                if (months.isPresent()) {
                    // past N, so the first bucket that ends beyond it: "after a year" is later, "after 3 months" is
                    // within 6 months, "after 6 months" within a year
                    return Optional.of(Timeline.withinMonths((int) Math.floor(months.get()) + 1));
                }
            }
            if (next < tokens.size() && MONTH_WORDS.contains(tokens.get(next))) {
                return Optional.of(Timeline.withinMonths((int) Math.ceil(value)));
            }
            if (next < tokens.size() && YEAR_WORDS.contains(tokens.get(next))) {
                return Optional.of(value <= 1 ? Timeline.WITHIN_YEAR : Timeline.LATER);
            }
            // "15 din mein", "in 2 weeks", "6 hafte": counted in months, rounded up
            if (next < tokens.size() && WEEK_WORDS.contains(tokens.get(next))) {
                return Optional.of(Timeline.withinMonths((int) Math.ceil(value * 7 / 30)));
            }
            if (next < tokens.size() && DAY_WORDS.contains(tokens.get(next))) {
                return Optional.of(Timeline.withinMonths((int) Math.ceil(value / 30)));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the span said from {@code start} to before {@code end} ("3 months", "ek saal") is one to wait out: "after
     * 3 months", "after about a year", "3 mahine baad", "ek saal ke baad", "a year later".
     */
    private static boolean isAfter(List<String> tokens, int start, int end) {
        int before = start - 1;
        if (before >= 0 && APPROXIMATELY.contains(tokens.get(before))) {
            before--;
        }
        if (before >= 0 && tokens.get(before).equals("after")) {
            return true;
        }
        int after = end < tokens.size() && tokens.get(end).equals("ke") ? end + 1 : end;
        return after < tokens.size() && Set.of("baad", "bad", "later").contains(tokens.get(after));
    }

    private static Optional<Double> inMonths(double value, String unit) {
        if (MONTH_WORDS.contains(unit)) {
            return Optional.of(value);
        }
        if (YEAR_WORDS.contains(unit)) {
            return Optional.of(value * 12);
        }
        if (WEEK_WORDS.contains(unit)) {
            return Optional.of(value * 7 / 30);
        }
        return DAY_WORDS.contains(unit) ? Optional.of(value / 30) : Optional.empty();
    }
}
