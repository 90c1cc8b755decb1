package dev.vaani.conversation.qualification;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/** A day as callers say it, for {@link CallbackTimeParser}: "kal", "parso", "today", "Monday", "next week". */
final class SpokenDay {

    private static final Set<String> TODAY = Set.of("today", "aaj", "tonight", "this morning", "this afternoon",
            "this evening", "is shaam", "iss shaam");
    private static final Set<String> DAY_AFTER_TOMORROW = Set.of("day after tomorrow", "parso", "parson");
    private static final Set<String> TOMORROW = Set.of("tomorrow", "kal", "tmrw", "tomorow");
    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
            entry("monday", DayOfWeek.MONDAY), entry("somvar", DayOfWeek.MONDAY),
            entry("tuesday", DayOfWeek.TUESDAY), entry("mangalvar", DayOfWeek.TUESDAY),
            entry("wednesday", DayOfWeek.WEDNESDAY), entry("budhvar", DayOfWeek.WEDNESDAY),
            entry("thursday", DayOfWeek.THURSDAY), entry("guruvar", DayOfWeek.THURSDAY),
            entry("friday", DayOfWeek.FRIDAY), entry("shukravar", DayOfWeek.FRIDAY),
            entry("saturday", DayOfWeek.SATURDAY), entry("shanivar", DayOfWeek.SATURDAY),
            entry("sunday", DayOfWeek.SUNDAY), entry("ravivar", DayOfWeek.SUNDAY));

    private SpokenDay() {
    }

    static boolean isDayWord(String token) {
        return DAY_AFTER_TOMORROW.contains(token) || TOMORROW.contains(token) || TODAY.contains(token)
                || WEEKDAYS.containsKey(token);
    }

    /** The day the words name ("kal", "parso", "Monday", "next week"), or null. */
    static ZonedDateTime named(List<String> tokens, ZonedDateTime now) {
        String normal = String.join(" ", tokens);
        ZonedDateTime day = null;
        if (Utterances.containsAny(normal, DAY_AFTER_TOMORROW) || saysDayAfter(tokens)) {
            day = now.plusDays(2);
        } else if (Utterances.containsAny(normal, TOMORROW)) {
            day = now.plusDays(1);
        } else if (Utterances.containsAny(normal, TODAY)) {
            day = now;
        }
        for (String token : tokens) {
            if (WEEKDAYS.containsKey(token)) {
                day = now.with(TemporalAdjusters.next(WEEKDAYS.get(token)));
            }
        }
        if (day == null && Utterances.containsAny(normal, Set.of("next week", "agle hafte", "agle week"))) {
            day = now.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        }
        return day;
    }

    // "not tomorrow, day after": "day after" closing its clause is the day after tomorrow, not "the day after Diwali"
    private static boolean saysDayAfter(List<String> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).equals("day") && tokens.get(i + 1).equals("after")
                    && (i + 2 == tokens.size() || tokens.get(i + 2).equals(CallTimeWords.BREAK))) {
                return true;
            }
        }
        return false;
    }
}
