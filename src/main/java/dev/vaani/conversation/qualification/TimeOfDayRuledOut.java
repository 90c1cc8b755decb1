package dev.vaani.conversation.qualification;

import java.time.LocalTime;

/**
 * Hours of any day the caller ruled out, [from, until): "not at 8 am" (08:00-09:00), "subah nahi" (the morning),
 * "not after 6 pm" (18:00 to midnight). {@code until} is LocalTime.MAX for hours lasting till midnight. A call keeps
 * them from one turn to the next, as it keeps the days ruled out.
 */
public record TimeOfDayRuledOut(LocalTime from, LocalTime until) {

    boolean contains(LocalTime time) {
        return !time.isBefore(from) && time.isBefore(until);
    }

    boolean toEndOfDay() {
        return until.equals(LocalTime.MAX);
    }
}
