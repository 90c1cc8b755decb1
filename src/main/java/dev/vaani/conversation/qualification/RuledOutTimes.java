package dev.vaani.conversation.qualification;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The times of day a caller rules out ("not at 8 am", "subah nahi", "anytime but morning", "not before 11", "5 baje se
 * pehle") and the days ("kal busy hoon", "not tomorrow"), and the time read moved out of them (a day ruled out to the
 * same time the next day), for {@link CallbackTimeParser}: a default ("kal" is 11:00) or a part of
 * day that falls in one moves to its end ("not in the morning": noon), or, when it runs to the end of the day ("before
 * 10"), to an hour before it, never before calling hours open. A time that cannot be moved out of them all is none.
 */
final class RuledOutTimes {

    /** "Not at 8": the hour it starts. */
    private static final long HOUR_OF_A_TIME = 1;
    // Moving at most once per window and back: a few steps settle any list a turn can say
    private static final int MAX_STEPS = 8;

    /*
     * Where a call asked for at a time will be placed: TRAI's hours, or the campaign's own when its caller knows them
     * ("kal 9 baje, 10 baje nahi" with a campaign calling from 10 must not be moved into the 10 o'clock turned down).
     */
    private final UnaryOperator<ZonedDateTime> placement;
    private final List<TimeOfDayRuledOut> windows = new ArrayList<>();
    private final Set<LocalDate> days = new HashSet<>();

    RuledOutTimes() {
        this(RuledOutTimes::withinTraisHours);
    }

    RuledOutTimes(UnaryOperator<ZonedDateTime> placement) {
        this.placement = placement;
    }

    /** "Kal busy hoon", "not tomorrow": the whole day. */
    void day(LocalDate date) {
        days.add(date);
    }

    Set<LocalDate> days() {
        return Set.copyOf(days);
    }

    /** Hours ruled out in an earlier turn. */
    void timeOfDay(TimeOfDayRuledOut hours) {
        windows.add(hours);
    }

    List<TimeOfDayRuledOut> timesOfDay() {
        return List.copyOf(windows);
    }

    /** "Not at 8 am", "8 baje nahi": the hour from it. */
    void at(LocalTime time) {
        LocalTime end = time.plusHours(HOUR_OF_A_TIME);
        windows.add(new TimeOfDayRuledOut(time, end.isBefore(time) ? LocalTime.MAX : end));
    }

    /** "Subah nahi", "except the afternoon"; {@code until} is LocalTime.MAX for a part of day lasting till midnight. */
    void between(LocalTime from, LocalTime until) {
        windows.add(new TimeOfDayRuledOut(from, until));
    }

    /** "Not before 11", "5 baje ke baad": everything before it. */
    void before(LocalTime time) {
        windows.add(new TimeOfDayRuledOut(LocalTime.MIN, time));
    }

    /** "Before 10", "11 baje se pehle", "not after 6": it and everything after it. */
    void from(LocalTime time) {
        windows.add(new TimeOfDayRuledOut(time, LocalTime.MAX));
    }

    /**
     * {@code when}, or the nearest time after {@code now} outside every window; empty when there is none. A time
     * outside calling hours is judged where the call will be placed, the next opening: "kal subah 8 baje, 9 baje nahi"
     * is not called at 9.
     */
    Optional<ZonedDateTime> avoid(ZonedDateTime when, ZonedDateTime now) {
        ZonedDateTime at = when;
        for (int step = 0; step < MAX_STEPS; step++) {
            ZonedDateTime placed = placement.apply(at);
            if (days.contains(placed.toLocalDate())) {
                // the same time of day, the next day: "kal busy hoon, subah call karna" is the morning after
                at = placed.plusDays(1);
                continue;
            }
            TimeOfDayRuledOut window = windows.stream().filter(w -> w.contains(placed.toLocalTime())).findFirst().orElse(null);
            if (window == null) {
                return Optional.of(at);
            }
            at = placed;
            if (!window.toEndOfDay()) {
                at = at.with(window.until());
            } else {
                LocalTime earlier = window.from().minusHours(1);
                at = at.with(earlier.isBefore(CallbackTimeParser.CALLING_FROM) || earlier.isAfter(window.from())
                        ? CallbackTimeParser.CALLING_FROM : earlier);
                if (!at.isAfter(now)) {
                    at = at.plusDays(1);
                }
            }
        }
        return Optional.empty();
    }

    private static ZonedDateTime withinTraisHours(ZonedDateTime at) {
        LocalTime time = at.toLocalTime();
        if (time.isBefore(CallbackTimeParser.CALLING_FROM)) {
            return at.with(CallbackTimeParser.CALLING_FROM);
        }
        return time.isBefore(CallbackTimeParser.CALLING_UNTIL) ? at
                : at.plusDays(1).with(CallbackTimeParser.CALLING_FROM);
    }
}
