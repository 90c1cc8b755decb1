package dev.vaani.conversation.qualification;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The times a caller says they are not free, for {@link CallTimeWords}: "main kal free nahi hoon", "kal busy hoon",
 * "tomorrow I can't", "I'm busy all of tomorrow", "kal busy rahunga", "kal subah busy hoon", and the days they are
 * away: "kal main Pune ja raha hoon", "kal shehar se bahar hoon", "I'm travelling tomorrow". Such a time is turned
 * down as "kal mat karna" is. Being busy now ("abhi busy hoon kal call karna", "call me tomorrow, I'm busy right now")
 * turns no time down: a "now", or a call asked for, stands between the day and the busy.
 */
final class NotFreeTimes {

    // away for the day: going somewhere ("ja raha", not "aa raha", which is coming to us) or out of town; a place
    // with no day ("Pune ja raha hoon") rules nothing out, since a phrase here only turns down the day said with it
    private static final List<String> AWAY = List.of("ja raha", "ja rahi", "ja rahe", "jaa raha", "jaa rahi",
            "jaa rahe", "jaunga", "jaungi", "jaenge", "jayenge", "jaana hai", "jana hai", "bahar", "baahar",
            "out of town", "out of station", "travelling", "traveling", "travel kar", "away", "on tour", "tour pe",
            "tour par");
    // saying one is not free, as tokens ("can't" reaches us as "can t"): the reasons now is bad, and what is said
    // only of another time ("tomorrow I can't", "kal mushkil hai")
    private static final List<List<String>> NOT_FREE = Stream.of(CallbackRequests.BAD_TIME.stream(),
            Stream.of("not available", "available nahi", "unavailable", "can t", "cannot", "can not", "free nahin",
                    "free nhi", "won t be free", "won t be available", "won t work", "doesn t work", "not possible",
                    "possible nahi", "mushkil", "time nahi", "occupied", "tied up", "meetings",
                    "not convenient", "inconvenient", "convenient nahi", "not suitable", "suitable nahi"),
            AWAY.stream())
            .flatMap(s -> s).distinct().map(p -> List.of(p.split(" "))).toList();
    // "not busy", "busy nahi hoon": free after all
    private static final Set<String> NOT_BEFORE = Set.of("not", "never");
    private static final Set<String> NAHI_AFTER = Set.of("nahi", "nahin", "nhi");
    // between the busy and the day it is said of: "busy all of tomorrow", "can't do Monday", "busy rahunga kal"; not
    // "hoon", whose present is now ("busy hoon kal call karna")
    private static final Set<String> BUSY_FOR = Set.of("all", "of", "the", "whole", "entire", "full", "day", "for",
            "on", "do", "make", "it", "poora", "pura", "poore", "pure", "din", "rahunga", "rahungi", "rahenge",
            "rahoonga", "hounga", "houngi");
    // "call me tomorrow, I'm busy": the day a call asks for is not the one turned down
    private static final Set<String> ASKING = Set.of("call", "phone", "ring", "me", "karna", "karo", "kijiye",
            "kariye", "karein", "karen");

    private NotFreeTimes() {
    }

    /** The time phrases, [start, end) of {@code tokens}, the clause [from, to) says the caller is not free at. */
    static List<int[]> in(List<String> tokens, int from, int to) {
        List<int[]> times = new ArrayList<>();
        for (int i = from; i < to; i++) {
            for (List<String> phrase : NOT_FREE) {
                int end = i + phrase.size();
                if (end > to || !tokens.subList(i, end).equals(phrase) || turnedDown(tokens, from, i, end, to)) {
                    continue;
                }
                int[] time = timeBefore(tokens, from, i);
                if (time == null) {
                    time = timeAfter(tokens, end, to);
                }
                if (time != null) {
                    times.add(time);
                }
            }
        }
        return times;
    }

    private static boolean turnedDown(List<String> tokens, int from, int start, int end, int to) {
        return start > from && NOT_BEFORE.contains(tokens.get(start - 1))
                || end < to && NAHI_AFTER.contains(tokens.get(end));
    }

    /** "Kal main busy hoon", "tomorrow I can't": the time said before, unless a call or now comes between. */
    private static int[] timeBefore(List<String> tokens, int from, int notFree) {
        for (int j = notFree - 1; j >= from; j--) {
            String word = tokens.get(j);
            if (CallTimeWords.endsATimeTurnedDown(word)) {
                return null;
            }
            if (isDayOrPartOfDay(word)) {
                int start = CallTimeWords.timeRunStart(tokens, from, j + 1);
                if (start > from && ASKING.contains(tokens.get(start - 1))) {
                    return null;
                }
                return new int[] {start, CallTimeWords.timeRunEnd(tokens, j, notFree)};
            }
        }
        return null;
    }

    /** "Busy all of tomorrow", "not free on Monday": the time right after, past the words that tie it to the busy. */
    private static int[] timeAfter(List<String> tokens, int after, int to) {
        int j = after;
        while (j < to && BUSY_FOR.contains(tokens.get(j))) {
            j++;
        }
        boolean time = j < to && isDayOrPartOfDay(tokens.get(j));
        return time ? new int[] {j, CallTimeWords.timeRunEnd(tokens, j, to)} : null;
    }

    private static boolean isDayOrPartOfDay(String word) {
        return SpokenDay.isDayWord(word) || PartOfDay.isNamedBy(word);
    }
}
