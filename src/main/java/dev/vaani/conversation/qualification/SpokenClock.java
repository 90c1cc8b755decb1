package dev.vaani.conversation.qualification;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A time of day as callers say it, for {@link CallbackTimeParser}: "5 pm", "shaam 6 baje", "saadhe paanch", "at 8"
 * (a bare hour is the one inside calling hours), and whether it is the time asked for or a bound of it: "before 5",
 * "not before 11", "11 baje se pehle", "5 baje ke baad", "6 baje tak".
 */
final class SpokenClock {

    static final Set<String> CLOCK_WORDS = Set.of("baje", "bajey", "bje", "bajay", "am", "pm", "oclock");

    /** The time asked for ("at 5"), the earliest allowed ("after 5", "not before 5"), or the first not ("before 5"). */
    enum Bound { AT, FROM, UNTIL }

    private static final Set<String> UNTIL_WORDS = Set.of("before", "till", "until", "by");
    private static final Set<String> FROM_WORDS = Set.of("after", "from");
    // what may stand between a time and the Hindi word making it a bound: "5 baje ke baad", "11 am se pehle"
    private static final Set<String> BOUND_TAIL = Set.of("baje", "bajey", "bje", "bajay", "am", "pm", "oclock", "a",
            "p", "m", "o", "clock", "ke", "se", "ki");

    private SpokenClock() {
    }

    /** The time said, and whether it is the time asked for or a bound. */
    record Said(LocalTime time, Bound bound) {
    }

    /**
     * The first time of day said: "5 pm", "5:30 pm", "17:00", "at 5", "5 baje", "paanch baje", "saadhe paanch", "sawa
     * chaar", "paune chhe", "dhai baje", "five thirty pm"; the part of day disambiguates ("shaam 5 baje" = 17:00).
     */
    static Said read(List<String> tokens, PartOfDay named) {
        LocalTime partOfDay = named == null ? null : named.at();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String prev = i > 0 ? tokens.get(i - 1) : "";
            int hour;
            int minute = 0;
            int end = i + 1;
            boolean digits = t.matches("\\d{1,2}(\\.\\d{2})?");
            if (t.matches("\\d{1,2}:\\d{2}")) {
                hour = Integer.parseInt(t.substring(0, t.indexOf(':')));
                minute = Integer.parseInt(t.substring(t.indexOf(':') + 1));
            } else if (t.matches("\\d{1,2}\\.\\d{2}")) {
                hour = Integer.parseInt(t.substring(0, t.indexOf('.')));
                minute = Integer.parseInt(t.substring(t.indexOf('.') + 1));
            } else {
                // "paanch", "saade paanch" = 5.5, "paune chhe" = 5.75, "dhai" = 2.5, "5 and a half"
                var number = NumberWords.parseAt(tokens, i);
                if (number.isEmpty() || number.get().value() <= 0 || number.get().value() >= 24) {
                    continue;
                }
                double value = number.get().value();
                hour = value < 1 ? 12 : (int) Math.floor(value); // "paune ek" is a quarter to one: 12:45
                minute = (int) Math.round((value - Math.floor(value)) * 60);
                end = number.get().end();
                // "five thirty pm", "5 45 baje"
                var minutes = minute == 0 ? NumberWords.parseAt(tokens, end) : Optional.<NumberWords.Parsed>empty();
                if (minutes.isPresent() && minutes.get().value() == Math.rint(minutes.get().value())
                        && minutes.get().value() >= 10 && minutes.get().value() < 60
                        && isClockWord(tokens, minutes.get().end())) {
                    minute = (int) minutes.get().value();
                    end = minutes.get().end();
                }
            }
            boolean saidAsClock = t.contains(":") || isClockWord(tokens, end)
                    || prev.equals("at") || prev.equals("around") || PartOfDay.isNamedBy(prev)
                    || UNTIL_WORDS.contains(prev) || FROM_WORDS.contains(prev)
                    // a bare "6" in "kal shaam 6" is an hour; a word may count something ("shaam ko ek baar")
                    || digits && partOfDay != null;
            if (!saidAsClock || hour > 23 || minute > 59) {
                continue;
            }
            String next = end < tokens.size() ? tokens.get(end) : "";
            String afterNext = end + 1 < tokens.size() ? tokens.get(end + 1) : "";
            boolean pm = next.equals("pm") || next.equals("p") && afterNext.equals("m")
                    || (partOfDay != null && partOfDay.getHour() >= 12);
            boolean am = next.equals("am") || next.equals("a") && afterNext.equals("m")
                    || (partOfDay != null && partOfDay.getHour() < 12);
            if ((hour == 12 || hour < PartOfDay.NIGHT_ENDS.getHour()) && PartOfDay.NIGHT.equals(named)
                    && !next.equals("pm")) {
                hour %= 12; // "raat 12 baje" is midnight, not noon; "raat 1 baje" one at night, not in the afternoon
            } else if (hour < 12 && pm) {
                hour += 12;
            } else if (hour == 12 && am) {
                hour = 0;
            } else if (!am && !pm && hour >= 1 && hour <= 12) {
                return new Said(insideCallingHours(hour, minute), bound(tokens, i, end));
            }
            return new Said(LocalTime.of(hour, minute), bound(tokens, i, end));
        }
        return null;
    }

    /** Whether the time said at [start, end) is a bound: "before 5", "not before 11", "5 baje ke baad nahi". */
    private static Bound bound(List<String> tokens, int start, int end) {
        String prev = start > 0 ? tokens.get(start - 1) : "";
        boolean not = start > 1 && Set.of("not", "never").contains(tokens.get(start - 2));
        if (UNTIL_WORDS.contains(prev)) {
            return not ? Bound.FROM : Bound.UNTIL;
        }
        if (FROM_WORDS.contains(prev)) {
            return not ? Bound.UNTIL : Bound.FROM;
        }
        int j = end;
        while (j < tokens.size() && BOUND_TAIL.contains(tokens.get(j))) {
            j++;
        }
        String word = j < tokens.size() ? tokens.get(j) : "";
        boolean nahi = j + 1 < tokens.size() && Set.of("nahi", "nahin", "nhi").contains(tokens.get(j + 1));
        if (Set.of("pehle", "pahle", "before").contains(word)) {
            return nahi ? Bound.FROM : Bound.UNTIL;
        }
        if (Set.of("baad", "bad", "after").contains(word)) {
            return nahi ? Bound.UNTIL : Bound.FROM;
        }
        return word.equals("tak") ? Bound.UNTIL : Bound.AT;
    }

    /** "baje", "am", "pm", "p m" ("p.m."), "o clock" at {@code i}: the number before it is a time of day. */
    private static boolean isClockWord(List<String> tokens, int i) {
        String word = i < tokens.size() ? tokens.get(i) : "";
        String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
        return CLOCK_WORDS.contains(word) || (word.equals("p") || word.equals("a")) && next.equals("m")
                || word.equals("o") && next.equals("clock");
    }

    /*
     * A bare hour ("8 baje", "at 8") is the one of its two clock times a sales call may be placed at: "8 baje" said
     * at 14:00 means 8 tonight, not 8 tomorrow morning, when no call is allowed before 9; "10 baje" means 10 in the
     * morning, not 10 at night. Exactly one of h and h + 12 falls inside 09:00-21:00 for every h from 1 to 12, so with
     * "a time already past today means tomorrow" this is the next such hour inside calling hours, today first.
     */
    private static LocalTime insideCallingHours(int hour, int minute) {
        LocalTime asSaid = LocalTime.of(hour % 12, minute);
        LocalTime afterNoon = asSaid.plusHours(12);
        return !asSaid.isBefore(CallbackTimeParser.CALLING_FROM) && asSaid.isBefore(CallbackTimeParser.CALLING_UNTIL)
                ? asSaid : afterNoon;
    }
}
