package dev.vaani.conversation.qualification;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads when to call back, relative to the lead's "now": "tomorrow 5 pm", "kal shaam", "in 2 hours", "Monday
 * morning", "evening", "shaam 6 baje", "paanch baje", "saadhe paanch" (5:30), "sawa chaar" (4:15), "paune chhe"
 * (5:45), "dhai baje" (2:30), "dedh baje" (1:30), in Devanagari too ("कल शाम पांच बजे"). Choices: a day without a
 * time means 11 AM (mid-morning, well inside calling hours); a part of day means morning 10, afternoon 2 PM, evening
 * 6 PM, night 8 PM; the small hours of a night end it ("kal raat 12 baje" is the midnight after tomorrow, "raat 1
 * baje" 01:00 tonight); a bare hour means the one of AM and PM inside calling hours, 09:00-21:00 ("8 baje" is 8 PM,
 * "10 baje" 10 AM), while "subah"/"morning"/"am" and "shaam"/"evening"/"raat"/"pm" decide when said; a time already
 * past today means tomorrow, and "today" or "aaj shaam" once past means an hour from now while the day or evening
 * lasts (see laterToday): never an instant already past.
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
    // "anytime but morning": with a time ruled out, "anytime" is the next time outside it; alone it answers "is now a
    // good time?" ("haan, kabhi bhi") and names none
    private static final Set<String> ANYTIME = Set.of("anytime", "any time", "kabhi bhi", "whenever");
    // "saadhe paanch" (+30 min), "sawa chaar" (+15), "paune chhe" (-15) as recognisers spell them, in the spellings
    // NumberWords reads (which Devanagari साढ़े, सवा, पौने already arrive in: saade, sava, paune)
    private static final Map<String, String> QUARTER_SPELLINGS = Map.of("saadhe", "saade", "sadhe", "saade",
            "sarhe", "saade", "saarhe", "saade", "sawa", "sava", "savaa", "sava", "sawaa", "sava", "pone", "paune",
            "paune", "paune");

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
        return parse(utterance, now, Set.of());
    }

    /**
     * As {@link #parse(String, ZonedDateTime)}, never on a day the caller ruled out earlier in the call ("not
     * tomorrow", then "in the morning") unless this turn names a day itself: the caller's latest word ("actually
     * tomorrow at 5 is fine") wins.
     */
    public static Optional<OffsetDateTime> parse(String utterance, ZonedDateTime now, Set<LocalDate> ruledOutEarlier) {
        return parse(utterance, now, ruledOutEarlier, null);
    }

    /**
     * As {@link #parse(String, ZonedDateTime, Set)}, judging a time ruled out where {@code placement} (the campaign's
     * calling hours, which this package cannot see) moves the call, not where TRAI's hours would; null for TRAI's.
     */
    public static Optional<OffsetDateTime> parse(String utterance, ZonedDateTime now, Set<LocalDate> ruledOutEarlier,
            UnaryOperator<ZonedDateTime> placement) {
        return parse(utterance, now, ruledOutEarlier, Set.of(), placement);
    }

    /**
     * As {@link #parse(String, ZonedDateTime, Set, UnaryOperator)}, never in the hours the caller ruled out earlier in
     * the call ("shaam ko mat karna", then "kal call karna") unless this turn names a time of day itself: "ok, shaam ko
     * hi karna" asks for the evening after all.
     */
    public static Optional<OffsetDateTime> parse(String utterance, ZonedDateTime now, Set<LocalDate> daysRuledOutEarlier,
            Set<TimeOfDayRuledOut> timesOfDayRuledOutEarlier, UnaryOperator<ZonedDateTime> placement) {
        CallTimeWords.Words words = CallTimeWords.of(utterance);
        RuledOutTimes ruledOut = placement == null ? new RuledOutTimes() : new RuledOutTimes(placement);
        for (List<String> refused : words.refused()) {
            ruleOut(spelled(refused), now, ruledOut);
        }
        List<String> asked = spelled(words.asked());
        if (SpokenDay.named(asked, now) == null) {
            daysRuledOutEarlier.forEach(ruledOut::day);
        }
        if (!namesATimeOfDay(asked)) {
            timesOfDayRuledOutEarlier.forEach(ruledOut::timeOfDay);
        }
        return asked(asked, !words.refused().isEmpty(), now, ruledOut)
                .flatMap(when -> ruledOut.avoid(when, now))
                .map(when -> when.truncatedTo(ChronoUnit.MINUTES).toOffsetDateTime());
    }

    /** The days the turn says the caller is not free ("kal busy hoon", "not tomorrow"), as dates from {@code now}. */
    public static Set<LocalDate> daysRuledOut(String utterance, ZonedDateTime now) {
        return ruledOutIn(utterance, now).days();
    }

    /** The hours the turn rules out ("shaam ko mat karna", "not at 8 am", "kal subah busy hoon"), on any day. */
    public static Set<TimeOfDayRuledOut> timesOfDayRuledOut(String utterance, ZonedDateTime now) {
        return Set.copyOf(ruledOutIn(utterance, now).timesOfDay());
    }

    /**
     * A call back no time was given for: tomorrow at 11, moved out of the hours the caller ruled out ("subah mat
     * karna": noon), on the first day after it they did not rule out.
     */
    public static OffsetDateTime byDefault(ZonedDateTime now, Set<LocalDate> daysRuledOut,
            Set<TimeOfDayRuledOut> timesOfDayRuledOut) {
        RuledOutTimes ruledOut = new RuledOutTimes();
        daysRuledOut.forEach(ruledOut::day);
        timesOfDayRuledOut.forEach(ruledOut::timeOfDay);
        ZonedDateTime tomorrow = now.plusDays(1).with(DEFAULT_TIME);
        ZonedDateTime when = ruledOut.avoid(tomorrow, now).orElseGet(() -> {
            // no hour of the days ahead is left: keep to the days, the caller's firmer word
            ZonedDateTime day = tomorrow;
            while (daysRuledOut.contains(day.toLocalDate())) {
                day = day.plusDays(1);
            }
            return day;
        });
        return when.truncatedTo(ChronoUnit.MINUTES).toOffsetDateTime();
    }

    private static RuledOutTimes ruledOutIn(String utterance, ZonedDateTime now) {
        RuledOutTimes ruledOut = new RuledOutTimes();
        for (List<String> refused : CallTimeWords.of(utterance).refused()) {
            ruleOut(spelled(refused), now, ruledOut);
        }
        return ruledOut;
    }

    private static boolean namesATimeOfDay(List<String> tokens) {
        PartOfDay partOfDay = PartOfDay.first(tokens);
        return partOfDay != null || SpokenClock.read(tokens, partOfDay) != null;
    }

    /** Whether a word can say when: a day, a part of day, an hour or a word of the clock. */
    static boolean isTimeWord(String token) {
        return SpokenDay.isDayWord(token) || PartOfDay.isNamedBy(token) || SpokenClock.CLOCK_WORDS.contains(token)
                || QUARTER_SPELLINGS.containsKey(token) || NumberWords.isNumberWord(token)
                || token.matches("\\d{1,2}[:.]\\d{2}");
    }

    private static List<String> spelled(List<String> tokens) {
        return tokens.stream().map(t -> QUARTER_SPELLINGS.getOrDefault(t, t)).toList();
    }

    /**
     * The time a refused phrase names: its hour (or the hours before or after it), or else its part of day, or else
     * the day it names ("kal busy hoon", "not tomorrow").
     */
    private static void ruleOut(List<String> phrase, ZonedDateTime now, RuledOutTimes ruledOut) {
        PartOfDay partOfDay = PartOfDay.first(phrase);
        SpokenClock.Said clock = SpokenClock.read(phrase, partOfDay);
        if (clock != null) {
            // "don't call before 11" rules out the morning up to 11, "don't call after 6 pm" the evening from 6
            switch (clock.bound()) {
                case AT -> ruledOut.at(clock.time());
                case UNTIL -> ruledOut.before(clock.time());
                case FROM -> ruledOut.from(clock.time());
            }
        } else if (partOfDay != null) {
            ruledOut.between(partOfDay.from(), partOfDay.ruledOutUntil());
        } else if (SpokenDay.named(phrase, now) != null) {
            ruledOut.day(SpokenDay.named(phrase, now).toLocalDate());
        }
    }

    private static Optional<ZonedDateTime> asked(List<String> tokens, boolean somethingRefused, ZonedDateTime now,
            RuledOutTimes ruledOut) {
        String normal = String.join(" ", tokens);
        Optional<ZonedDateTime> relative = relative(tokens, now);
        if (relative.isPresent()) {
            return relative;
        }
        ZonedDateTime day = SpokenDay.named(tokens, now);
        PartOfDay partOfDay = PartOfDay.first(tokens);
        SpokenClock.Said said = SpokenClock.read(tokens, partOfDay);
        LocalTime clock = said == null || said.bound() == SpokenClock.Bound.UNTIL ? null : said.time();
        if (said != null && said.bound() == SpokenClock.Bound.UNTIL) {
            ruledOut.from(said.time());
        } else if (said != null && said.bound() == SpokenClock.Bound.FROM) {
            ruledOut.before(said.time());
        }
        // "before 5", "anytime but morning": the next time allowed, today first
        boolean untilOnly = said != null && said.bound() == SpokenClock.Bound.UNTIL;
        if (day == null && clock == null && partOfDay == null
                && (untilOnly || somethingRefused && Utterances.containsAny(normal, ANYTIME))) {
            day = now;
        }
        if (day == null && clock == null && partOfDay == null) {
            return Optional.empty();
        }
        ZonedDateTime when;
        boolean today = day != null && day.toLocalDate().equals(now.toLocalDate());
        if (clock != null && PartOfDay.NIGHT.equals(partOfDay) && clock.isBefore(PartOfDay.NIGHT_ENDS)) {
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
}
