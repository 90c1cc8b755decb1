package dev.vaani.conversation.qualification;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Map.entry;

/**
 * Reads when to call back, relative to the lead's "now": "tomorrow 5 pm", "kal shaam", "in 2 hours", "Monday
 * morning", "evening", "shaam 6 baje", "paanch baje", "saadhe paanch" (5:30), "sawa chaar" (4:15), "paune chhe"
 * (5:45), "dhai baje" (2:30), "dedh baje" (1:30), in Devanagari too ("कल शाम पांच बजे"). Choices: a day without a
 * time means 11 AM (mid-morning, well inside calling hours); a part of day means morning 10, afternoon 2 PM, evening
 * 6 PM, night 8 PM; the small hours of a night end it ("kal raat 12 baje" is the midnight after tomorrow, "raat 1
 * baje" 01:00 tonight); a bare hour means the one of AM and PM inside calling hours, 09:00-21:00 ("8 baje" is 8 PM,
 * "10 baje" 10 AM), while "subah"/"morning"/"am" and "shaam"/"evening"/"raat"/"pm" decide when said; a time already past
 * today means tomorrow, and "today" or "aaj shaam" once past means an hour from now while the day or evening lasts
 * (see laterToday): never an instant already past.
 */
public final class CallbackTimeParser {

    private static final LocalTime DEFAULT_TIME = LocalTime.of(11, 0);
    /*
     * TRAI's calling hours in India, as CallbackHours.EARLIEST and LATEST (which this package does not import: the
     * conversation package above it uses this one). They decide what a bare hour means; CallbackHours then moves the
     * time read into the campaign's own, possibly narrower, hours.
     */
    static final LocalTime CALLING_FROM = LocalTime.of(9, 0);
    static final LocalTime CALLING_UNTIL = LocalTime.of(21, 0);
    /*
     * "Ek minute", "one minute", "just a minute", "do minute": a caller holding the line ("ek minute, main gaadi chala
     * raha hoon...") is asking us to wait, not to ring back in 60 s, and a call placed a minute or two after hanging
     * up would find them still busy. So a relative time shorter than this is filler: it is not a callback time and it
     * does not hide the time the caller goes on to give ("...ek ghante baad call karo"). Five minutes is the shortest
     * "call me back in..." people mean ("paanch minute baad call karo").
     */
    private static final int SHORTEST_CALLBACK_MINUTES = 5;
    /**
     * A part of day: when it begins (what "not in the morning" rules out starts there), the time it means, and when it
     * is over (the latest a "later this evening" may be).
     */
    private record PartOfDay(LocalTime from, LocalTime at, LocalTime until) {
    }

    private static final PartOfDay MORNING = new PartOfDay(LocalTime.MIN, LocalTime.of(10, 0), LocalTime.NOON);
    private static final PartOfDay LUNCH = new PartOfDay(LocalTime.of(12, 30), LocalTime.of(13, 0),
            LocalTime.of(14, 30));
    private static final PartOfDay AFTERNOON = new PartOfDay(LocalTime.NOON, LocalTime.of(14, 0),
            LocalTime.of(17, 0));
    private static final PartOfDay EVENING = new PartOfDay(LocalTime.of(17, 0), LocalTime.of(18, 0), CALLING_UNTIL);
    private static final PartOfDay NIGHT = new PartOfDay(LocalTime.of(20, 0), LocalTime.of(20, 0), CALLING_UNTIL);
    /* Said at night, the hours before this ("raat 12 baje", "raat 2 baje") are the small hours ending that night. */
    private static final LocalTime NIGHT_ENDS = LocalTime.of(5, 0);
    private static final Map<String, PartOfDay> PARTS_OF_DAY = Map.ofEntries(
            entry("morning", MORNING), entry("subah", MORNING), entry("afternoon", AFTERNOON),
            entry("dopahar", AFTERNOON), entry("lunch", LUNCH), entry("evening", EVENING), entry("shaam", EVENING),
            entry("sham", EVENING), entry("night", NIGHT), entry("tonight", NIGHT), entry("raat", NIGHT));
    private static final Set<String> TODAY = Set.of("today", "aaj", "tonight", "this morning", "this afternoon",
            "this evening", "is shaam", "iss shaam");
    private static final Set<String> CLOCK_WORDS = Set.of("baje", "bajey", "bje", "bajay", "am", "pm", "oclock");
    private static final Set<String> DAYS = Set.of("tomorrow", "kal", "tmrw", "tomorow", "parso", "parson", "aaj",
            "today", "tonight");
    /** A time said with one of these is a bound: "before 5", "not after 6", "11 se pehle", "5 baje ke baad". */
    private enum Bound { AT, FROM, UNTIL }

    private static final Set<String> UNTIL_WORDS = Set.of("before", "till", "until", "by");
    private static final Set<String> FROM_WORDS = Set.of("after", "from");
    // what may stand between a time and the Hindi word making it a bound: "5 baje ke baad", "11 am se pehle"
    private static final Set<String> BOUND_TAIL = Set.of("baje", "bajey", "bje", "bajay", "am", "pm", "oclock", "a",
            "p", "m", "o", "clock", "ke", "se", "ki");
    // "anytime but morning": with a time ruled out, "anytime" is the next time outside it; alone it answers "is now a
    // good time?" ("haan, kabhi bhi") and names none
    private static final Set<String> ANYTIME = Set.of("anytime", "any time", "kabhi bhi", "whenever");
    // "saadhe paanch" (+30 min), "sawa chaar" (+15), "paune chhe" (-15) as recognisers spell them, in the spellings
    // NumberWords reads (which Devanagari साढ़े, सवा, पौने already arrive in: saade, sava, paune)
    private static final Map<String, String> QUARTER_SPELLINGS = Map.of("saadhe", "saade", "sadhe", "saade",
            "sarhe", "saade", "saarhe", "saade", "sawa", "sava", "savaa", "sava", "sawaa", "sava", "pone", "paune",
            "paune", "paune");
    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
            entry("monday", DayOfWeek.MONDAY), entry("somvar", DayOfWeek.MONDAY),
            entry("tuesday", DayOfWeek.TUESDAY), entry("mangalvar", DayOfWeek.TUESDAY),
            entry("wednesday", DayOfWeek.WEDNESDAY), entry("budhvar", DayOfWeek.WEDNESDAY),
            entry("thursday", DayOfWeek.THURSDAY), entry("guruvar", DayOfWeek.THURSDAY),
            entry("friday", DayOfWeek.FRIDAY), entry("shukravar", DayOfWeek.FRIDAY),
            entry("saturday", DayOfWeek.SATURDAY), entry("shanivar", DayOfWeek.SATURDAY),
            entry("sunday", DayOfWeek.SUNDAY), entry("ravivar", DayOfWeek.SUNDAY));

    private CallbackTimeParser() {
    }

    /** Whether the utterance names a time to call at all ("kal", "shaam 6 baje", "in 2 hours", "sunday"). */
    public static boolean namesATime(String utterance) {
        // which day it falls on depends on "now"; whether there is one does not
        return parse(utterance, ZonedDateTime.of(2026, 1, 1, 12, 0, 0, 0, java.time.ZoneOffset.UTC)).isPresent();
    }

    /**
     * When the caller asks to be called back, relative to their {@code now}; empty when the turn names no time. A time
     * the caller turns down ("Sunday ko call mat karna", "don't call me in the evening", "not at 8 am", "subah nahi")
     * is never read (see {@link CallTimeWords}), and never the time given: see {@link RuledOutTimes}.
     */
    public static Optional<OffsetDateTime> parse(String utterance, ZonedDateTime now) {
        CallTimeWords.Words words = CallTimeWords.of(utterance);
        RuledOutTimes ruledOut = new RuledOutTimes();
        for (List<String> refused : words.refused()) {
            ruleOut(spelled(refused), ruledOut);
        }
        return asked(spelled(words.asked()), !words.refused().isEmpty(), now, ruledOut)
                .flatMap(when -> ruledOut.avoid(when, now))
                .map(when -> when.truncatedTo(ChronoUnit.MINUTES).toOffsetDateTime());
    }

    /** Whether a word can say when: a day, a part of day, an hour or a word of the clock. */
    static boolean isTimeWord(String token) {
        return isDayWord(token) || PARTS_OF_DAY.containsKey(token) || CLOCK_WORDS.contains(token)
                || QUARTER_SPELLINGS.containsKey(token) || NumberWords.isNumberWord(token)
                || token.matches("\\d{1,2}[:.]\\d{2}");
    }

    static boolean isDayWord(String token) {
        return DAYS.contains(token) || WEEKDAYS.containsKey(token);
    }

    private static List<String> spelled(List<String> tokens) {
        return tokens.stream().map(t -> QUARTER_SPELLINGS.getOrDefault(t, t)).toList();
    }

    /** The time of day a refused phrase names: its hour, or else its part of day. */
    private static void ruleOut(List<String> phrase, RuledOutTimes ruledOut) {
        PartOfDay partOfDay = phrase.stream().filter(PARTS_OF_DAY::containsKey).map(PARTS_OF_DAY::get)
                .findFirst().orElse(null);
        Clock clock = clockTime(phrase, partOfDay == null ? null : partOfDay.at());
        if (clock != null) {
            ruledOut.at(clock.time());
        } else if (partOfDay != null) {
            ruledOut.between(partOfDay.from(), partOfDay.until().equals(CALLING_UNTIL) ? LocalTime.MAX
                    : partOfDay.until());
        }
    }

    private static Optional<ZonedDateTime> asked(List<String> tokens, boolean somethingRefused, ZonedDateTime now,
            RuledOutTimes ruledOut) {
        String normal = String.join(" ", tokens);
        Optional<ZonedDateTime> relative = relative(tokens, now);
        if (relative.isPresent()) {
            return relative;
        }
        Integer dayOffset = null;
        if (Utterances.containsAny(normal, Set.of("day after tomorrow", "parso", "parson"))) {
            dayOffset = 2;
        } else if (Utterances.containsAny(normal, Set.of("tomorrow", "kal", "tmrw", "tomorow"))) {
            dayOffset = 1;
        } else if (Utterances.containsAny(normal, TODAY)) {
            dayOffset = 0;
        }
        ZonedDateTime day = dayOffset == null ? null : now.plusDays(dayOffset);
        for (String token : tokens) {
            if (WEEKDAYS.containsKey(token)) {
                day = now.with(TemporalAdjusters.next(WEEKDAYS.get(token)));
            }
        }
        if (day == null && Utterances.containsAny(normal, Set.of("next week", "agle hafte", "agle week"))) {
            day = now.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        }
        PartOfDay partOfDay = tokens.stream().filter(PARTS_OF_DAY::containsKey).map(PARTS_OF_DAY::get)
                .findFirst().orElse(null);
        Clock said = clockTime(tokens, partOfDay == null ? null : partOfDay.at());
        LocalTime clock = said == null || said.bound() == Bound.UNTIL ? null : said.time();
        if (said != null && said.bound() == Bound.UNTIL) {
            ruledOut.from(said.time());
        } else if (said != null && said.bound() == Bound.FROM) {
            ruledOut.before(said.time());
        }
        // "before 5", "anytime but morning": the next time allowed, today first
        boolean untilOnly = said != null && said.bound() == Bound.UNTIL;
        if (day == null && clock == null && partOfDay == null
                && (untilOnly || somethingRefused && Utterances.containsAny(normal, ANYTIME))) {
            day = now;
        }
        if (day == null && clock == null && partOfDay == null) {
            return Optional.empty();
        }
        ZonedDateTime when;
        boolean today = day != null && day.toLocalDate().equals(now.toLocalDate());
        if (clock != null && partOfDay == NIGHT && clock.isBefore(NIGHT_ENDS)) {
            // the small hours end the night of the day named: "kal raat 12 baje" is the midnight after tomorrow
            when = (day == null ? now : day).plusDays(1).with(clock);
        } else if (clock != null && (day == null || today)) {
            // a time already past today ("aaj 7 baje" at 19:30) means tomorrow
            when = now.with(clock);
            if (!when.isAfter(now)) {
                when = when.plusDays(1);
            }
        } else if (clock != null) {
            when = day.with(clock);
        } else if (today) {
            when = laterToday(now, partOfDay);
        } else if (day == null) {
            when = now.with(partOfDay.at());
            if (!when.isAfter(now)) {
                when = when.plusDays(1);
            }
        } else {
            when = day.with(partOfDay != null ? partOfDay.at() : DEFAULT_TIME);
        }
        return Optional.of(when);
    }

    /*
     * "Today", "aaj shaam", "this evening" without an hour: the part of day's time (11:00 for the day alone) while it
     * is still ahead. Once past ("aaj call karna" at 14:00, "aaj shaam" at 19:30) it is an hour from now on the
     * quarter hour, soon enough to still be today and late enough for whatever kept the caller from talking now, if
     * that is before the part of day, and calling hours, are over; otherwise the same time tomorrow ("aaj shaam" at
     * 20:10 is tomorrow 18:00, "today" at 20:30 tomorrow 11:00). Never an instant already past.
     */
    private static ZonedDateTime laterToday(ZonedDateTime now, PartOfDay partOfDay) {
        ZonedDateTime asked = now.with(partOfDay != null ? partOfDay.at() : DEFAULT_TIME);
        if (asked.isAfter(now)) {
            return asked;
        }
        ZonedDateTime later = now.plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        later = later.plusMinutes((15 - later.getMinute() % 15) % 15);
        LocalTime until = partOfDay != null ? partOfDay.until() : CALLING_UNTIL;
        boolean stillToday = later.toLocalDate().equals(now.toLocalDate()) && later.toLocalTime().isBefore(until)
                && later.toLocalTime().isBefore(CALLING_UNTIL) && !later.toLocalTime().isBefore(CALLING_FROM);
        return stillToday ? later : asked.plusDays(1);
    }

    /** "in 2 hours", "half an hour", "30 minutes baad", "do ghante mein"; never "ek minute" (filler). */
    private static Optional<ZonedDateTime> relative(List<String> tokens, ZonedDateTime now) {
        String normal = String.join(" ", tokens);
        if (Utterances.containsAny(normal, Set.of("half an hour", "aadhe ghante", "adhe ghante",
                "half hour"))) {
            return Optional.of(now.plusMinutes(30));
        }
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            double amount;
            int next;
            var number = NumberWords.parseAt(tokens, i);
            if (number.isPresent()) {
                amount = number.get().value();
                next = number.get().end();
            } else if (t.equals("an") || t.equals("a")) {
                amount = 1;
                next = i + 1;
            } else {
                continue;
            }
            if (next >= tokens.size()) {
                continue;
            }
            String unit = tokens.get(next);
            if (List.of("hour", "hours", "hrs", "hr", "ghanta", "ghante").contains(unit)) {
                return Optional.of(now.plusMinutes(Math.round(amount * 60)));
            }
            if (List.of("minutes", "minute", "mins", "min", "minat").contains(unit)
                    && Math.round(amount) >= SHORTEST_CALLBACK_MINUTES) {
                return Optional.of(now.plusMinutes(Math.round(amount)));
            }
        }
        return Optional.empty();
    }

    /**
     * "5 pm", "5:30 pm", "17:00", "at 5", "5 baje", "paanch baje", "saadhe paanch", "sawa chaar", "paune chhe", "dhai
     * baje", "five thirty pm"; the part of day disambiguates ("shaam 5 baje" = 17:00).
     */
    private record Clock(LocalTime time, Bound bound) {
    }

    private static Clock clockTime(List<String> tokens, LocalTime partOfDay) {
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
                    || prev.equals("at") || prev.equals("around") || PARTS_OF_DAY.containsKey(prev)
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
            if ((hour == 12 || hour < NIGHT_ENDS.getHour()) && NIGHT.at().equals(partOfDay) && !next.equals("pm")) {
                hour %= 12; // "raat 12 baje" is midnight, not noon; "raat 1 baje" one at night, not in the afternoon
            } else if (hour < 12 && pm) {
                hour += 12;
            } else if (hour == 12 && am) {
                hour = 0;
            } else if (!am && !pm && hour >= 1 && hour <= 12) {
                return new Clock(insideCallingHours(hour, minute), bound(tokens, i, end));
            }
            return new Clock(LocalTime.of(hour, minute), bound(tokens, i, end));
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
        return !asSaid.isBefore(CALLING_FROM) && asSaid.isBefore(CALLING_UNTIL) ? asSaid : afterNoon;
    }
}
