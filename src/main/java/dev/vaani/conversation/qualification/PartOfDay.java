package dev.vaani.conversation.qualification;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/**
 * A part of day a caller names ("subah", "evening", "raat"): when it begins (what "not in the morning" rules out starts
 * there), the time it means (morning 10, lunch 1 PM, afternoon 2 PM, evening 6 PM, night 8 PM), and when it is over
 * (the latest a "later this evening" may be).
 */
record PartOfDay(LocalTime from, LocalTime at, LocalTime until) {

    static final PartOfDay MORNING = new PartOfDay(LocalTime.MIN, LocalTime.of(10, 0), LocalTime.NOON);
    static final PartOfDay LUNCH = new PartOfDay(LocalTime.of(12, 30), LocalTime.of(13, 0), LocalTime.of(14, 30));
    static final PartOfDay AFTERNOON = new PartOfDay(LocalTime.NOON, LocalTime.of(14, 0), LocalTime.of(17, 0));
    static final PartOfDay EVENING = new PartOfDay(LocalTime.of(17, 0), LocalTime.of(18, 0),
            CallbackTimeParser.CALLING_UNTIL);
    static final PartOfDay NIGHT = new PartOfDay(LocalTime.of(20, 0), LocalTime.of(20, 0),
            CallbackTimeParser.CALLING_UNTIL);
    /* Said at night, the hours before this ("raat 12 baje", "raat 2 baje") are the small hours ending that night. */
    static final LocalTime NIGHT_ENDS = LocalTime.of(5, 0);

    private static final Map<String, PartOfDay> NAMES = Map.ofEntries(
            entry("morning", MORNING), entry("subah", MORNING), entry("afternoon", AFTERNOON),
            entry("dopahar", AFTERNOON), entry("lunch", LUNCH), entry("evening", EVENING), entry("shaam", EVENING),
            entry("sham", EVENING), entry("night", NIGHT), entry("tonight", NIGHT), entry("raat", NIGHT));

    static boolean isNamedBy(String word) {
        return NAMES.containsKey(word);
    }

    /** The first part of day the words name, or null. */
    static PartOfDay first(List<String> tokens) {
        return tokens.stream().filter(NAMES::containsKey).map(NAMES::get).findFirst().orElse(null);
    }

    /** When a refusal of it ends: a part of day lasting until calling hours close lasts until midnight. */
    LocalTime ruledOutUntil() {
        return until.equals(CallbackTimeParser.CALLING_UNTIL) ? LocalTime.MAX : until;
    }
}
