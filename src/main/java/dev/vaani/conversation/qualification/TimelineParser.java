package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a purchase timeline: "next 3 months", "within 6 months", "2-3 mahine mein", "immediately", "abhi",
 * "next month", "15 din mein", "this year", "agle saal", "just exploring". A range ("2-3 months") counts by its far end.
 */
public final class TimelineParser {

    private static final Set<String> EXPLORING = Set.of("just exploring", "just looking", "exploring", "not decided",
            "not yet decided", "no hurry", "no rush", "not sure when", "decide nahi", "soch rahe", "dekh rahe hain bas",
            "bas dekh rahe", "koi jaldi nahi", "jaldi nahi", "just checking", "browsing");
    private static final Set<String> IMMEDIATE = Set.of("immediately", "right away", "asap", "as soon as possible",
            "urgent", "urgently", "turant", "jaldi", "this month", "is mahine", "ready to move", "right now",
            "abhi turant", "jald se jald", "isi mahine", "this month itself", "next week", "agle hafte",
            "agle week");
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
    private static final Set<String> FEW_MONTHS = Set.of("few months", "kuch mahine", "couple of months",
            "next quarter", "coming months");

    private TimelineParser() {
    }

    public static Optional<Timeline> parse(String utterance) {
        return parse(utterance, false);
    }

    /** @param timelineWasAsked "abhi" (now) and a bare number of months count only as an answer to "by when?" */
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
        if (Utterances.containsAny(normal, IMMEDIATE)) {
            return Optional.of(Timeline.IMMEDIATE);
        }
        // "abhi" is also filler ("abhi 2BHK dekh rahe hain"); trust it only as a short answer, and never in "abhi
        // nahi" ("not now"), which says the opposite
        if (Utterances.containsPhrase(normal, "abhi") && !IntentClassifier.saysNotNow(normal)
                && (timelineWasAsked || tokens.size() <= 3)) {
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
}
