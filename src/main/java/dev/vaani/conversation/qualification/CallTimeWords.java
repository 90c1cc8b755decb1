package dev.vaani.conversation.qualification;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a turn that can say when to call back, for {@link CallbackTimeParser}. A time inside a refusal is the
 * time the caller does not want: "Sunday ko call mat karna", "please don't call me in the evening", "raat ko phone mat
 * karo". So the phrase that turns a call down is dropped with its time words, and the rest of the turn still counts:
 * "aaj mat karo, kal shaam ko call karna" asks for tomorrow evening. "Kal" and "parso" in a clause told in the past
 * ("kal bhi bola tha") are yesterday and the day before, not tomorrow, and are dropped too. Whether the turn asks
 * never to be called again is {@link DoNotCallRequests}' question, not this one's.
 *
 * <p>A time ruled out without a word of calling is dropped the same way: "not at 8 am", "8 baje nahi", "subah nahi",
 * "anytime but morning", "except the afternoon", "subah ke alawa", and a time the caller is not free at ("kal busy
 * hoon", "tomorrow I can't": {@link NotFreeTimes}). Only its time of day goes when it also names a day
 * ("kal subah nahi, shaam ko karna" still asks for tomorrow). Every dropped phrase is kept in {@link Words#refused()},
 * for the times it rules out. "Not before 11", "11 se pehle nahi" and "5 baje ke baad" are no refusals but bounds,
 * left for the parser.
 *
 * <p>A dropped phrase, a clause break (",", "?", "।") and "but"/"lekin" leave {@link #BREAK} behind, so that no phrase
 * ("day after tomorrow", "5 baje") is read across them.
 */
final class CallTimeWords {

    /** The words that ask for a time, and each phrase that turns a call or a time down. */
    record Words(List<String> asked, List<List<String>> refused) {
    }

    /** Stands where words were dropped or a clause ended; no rule reads it as a word. */
    static final String BREAK = ",";

    // a comma that does not group digits ("50,00,000"); a full stop is left alone ("5.30", "p.m.")
    private static final Pattern CLAUSE_BREAK = Pattern.compile("(?<!\\d),|,(?!\\d)|[;!?।॥|\\n]");
    private static final Set<String> CONJUNCTIONS = Set.of("but", "lekin", "magar", "balki", "instead", "however");
    private static final Set<String> CALL_WORDS = Set.of("call", "calls", "calling", "phone", "ring", "disturb");
    // "mat", "na" ("न" reaches us as "n"), and "nahi" ("call nahi karna"): Hindi turns the verb after it down
    private static final Set<String> HINDI_NEGATIONS = Set.of("mat", "na", "n", "nahi", "nahin");
    // the verb a Hindi refusal ends with: "call mat karna", "mat karo", "phone na kijiye"
    private static final Set<String> HINDI_VERBS = Set.of("kar", "karo", "karna", "karein", "karen", "kariye",
            "kariyega", "kijiye", "kijie", "kijiyega", "karoge", "karenge", "karte", "dena", "dijiye");
    // "don't ever call", "don't you call", "do not please call"
    private static final Set<String> ENGLISH_FILLERS = Set.of("ever", "you", "u", "please", "even");
    // "abhi call mat karo", "don't call me now": the refusal is of now, and the words beyond it are another request
    private static final Set<String> NOW_WORDS = Set.of("abhi", "ab", "now");
    // "kal bhi bola tha", "kal call kiya tha", "maine kal kaha": a verb in the past
    private static final Set<String> PAST_MARKERS = Set.of("tha", "thi", "thay", "bola", "boli", "kaha", "kahaa",
            "bataya", "batayi", "kiya", "kia", "kiye", "hua", "hui", "gaya", "gayi", "aaya", "aayi", "mila", "mili",
            "told", "said");
    // yesterday and tomorrow are both "kal"; the day before yesterday and after tomorrow both "parso"
    private static final Set<String> EITHER_WAY_DAYS = Set.of("kal", "parso", "parson");
    // "not before 11", "not after 6": a bound the parser reads, not a time turned down
    private static final Set<String> BOUND_WORDS = Set.of("before", "after", "later", "earlier", "till", "until");
    // Hindi's turning down of what precedes it, without a verb: "8 baje nahi", "subah nahi"; not "na", which also
    // asks ("5 baje na?"), nor "nahi toh", which is "otherwise"
    private static final Set<String> HINDI_TIME_NEGATIONS = Set.of("nahi", "nahin", "nhi", "mat");
    private static final Set<String> OTHERWISE = Set.of("toh", "to");
    // "subah ke alawa", "shaam ko chhod ke", "raat ke siwa": all but what precedes it
    private static final Set<String> HINDI_EXCEPT = Set.of("alawa", "alava", "elawa", "siwa", "siva", "siwaay",
            "sivay", "chhod", "chod", "chhodke", "chodke", "chhodkar", "chodkar");
    // "except the afternoon", "any time excluding Sunday" (and "anytime but", read as except)
    private static final Set<String> ENGLISH_EXCEPT = Set.of("except", "excluding", "besides");
    private static final Set<String> ANYTIME = Set.of("anytime", "whenever");
    // the small words of a time phrase: "at 8 am", "in the morning", "subah ko", "8 baje ke"
    private static final Set<String> TIME_FILLERS = Set.of("at", "in", "on", "around", "the", "this", "by", "during",
            "ko", "ke", "ka", "ki", "a", "p", "m", "o", "clock");

    private CallTimeWords() {
    }

    /** The tokens of {@link Utterances#tokens}, refused phrases and past days replaced by {@link #BREAK}. */
    static Words of(String utterance) {
        List<String> tokens = new ArrayList<>();
        for (String clause : CLAUSE_BREAK.split(utterance == null ? "" : utterance)) {
            for (String token : Utterances.tokens(clause)) {
                boolean anytimeBut = token.equals("but") && !tokens.isEmpty() && (ANYTIME.contains(tokens.getLast())
                        || tokens.getLast().equals("time") && tokens.size() > 1
                        && tokens.get(tokens.size() - 2).equals("any"));
                tokens.add(anytimeBut ? "except" : CONJUNCTIONS.contains(token) ? BREAK : token);
            }
            tokens.add(BREAK);
        }
        boolean[] dropped = new boolean[tokens.size()];
        List<List<String>> refused = new ArrayList<>();
        int clauseStart = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equals(BREAK)) {
                dropRefusals(tokens, clauseStart, i, dropped, refused);
                dropPastDays(tokens, clauseStart, i, dropped);
                clauseStart = i + 1;
            }
        }
        return new Words(asked(tokens, dropped), List.copyOf(refused));
    }

    private static List<String> asked(List<String> tokens, boolean[] dropped) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String word = dropped[i] ? BREAK : tokens.get(i);
            if (!word.equals(BREAK) || !words.isEmpty() && !words.getLast().equals(BREAK)) {
                words.add(word);
            }
        }
        if (!words.isEmpty() && words.getLast().equals(BREAK)) {
            words.removeLast();
        }
        return words;
    }

    /** Marks each refused call phrase, and each time turned down, in the clause [from, to). */
    private static void dropRefusals(List<String> tokens, int from, int to, boolean[] dropped,
            List<List<String>> refused) {
        for (int i = from; i < to; i++) {
            String word = tokens.get(i);
            int negationEnd = englishNegationEnd(tokens, i, to);
            if (negationEnd > i) {
                int call = negationEnd;
                while (call < to && ENGLISH_FILLERS.contains(tokens.get(call))) {
                    call++;
                }
                if (call < to && CALL_WORDS.contains(tokens.get(call))) {
                    mark(tokens, dropped, refused, englishStart(tokens, from, i), englishEnd(tokens, call, to));
                } else if (negationEnd < to && !BOUND_WORDS.contains(tokens.get(negationEnd))) {
                    markTime(tokens, dropped, refused, i, timeRunEnd(tokens, negationEnd, to));
                }
            } else if (ENGLISH_EXCEPT.contains(word) || word.equals("than") && isAt(tokens, i - 1, from, to,
                    Set.of("other")) || word.equals("from") && isAt(tokens, i - 1, from, to, Set.of("apart"))) {
                markTime(tokens, dropped, refused, i, timeRunEnd(tokens, i + 1, to));
            } else if (HINDI_NEGATIONS.contains(word) && (isAt(tokens, i - 1, from, to, CALL_WORDS)
                    || isAt(tokens, i + 1, from, to, CALL_WORDS) || isAt(tokens, i + 1, from, to, HINDI_VERBS))) {
                int start = hindiStart(tokens, from, i);
                mark(tokens, dropped, refused, start, hindiEnd(tokens, start, i, to));
            } else if (HINDI_TIME_NEGATIONS.contains(word) && !isAt(tokens, i + 1, from, to, OTHERWISE)
                    || HINDI_EXCEPT.contains(word)) {
                markTime(tokens, dropped, refused, timeRunStart(tokens, from, i), i + 1);
            }
        }
        for (int[] notFree : NotFreeTimes.in(tokens, from, to)) {
            markTime(tokens, dropped, refused, notFree[0], notFree[1]);
        }
    }

    /** Whether a word ends the reach of a time turned down: a call asked for, or the "now" that is refused. */
    static boolean endsATimeTurnedDown(String word) {
        return CALL_WORDS.contains(word) || HINDI_VERBS.contains(word) || NOW_WORDS.contains(word);
    }

    /** The end of the time phrase starting at {@code i} ("at 8 am", "in the morning"), exclusive. */
    static int timeRunEnd(List<String> tokens, int i, int to) {
        int end = i;
        while (end < to && (TIME_FILLERS.contains(tokens.get(end)) || CallbackTimeParser.isTimeWord(tokens.get(end)))) {
            end++;
        }
        return end;
    }

    /** The start of the time phrase ending before {@code i} ("kal subah", "8 baje ke"). */
    static int timeRunStart(List<String> tokens, int from, int i) {
        int start = i;
        while (start > from && (TIME_FILLERS.contains(tokens.get(start - 1))
                || CallbackTimeParser.isTimeWord(tokens.get(start - 1)))) {
            start--;
        }
        return start;
    }

    /*
     * A time turned down, [from, to), when it names one. A day named with a time of day stays asked for: "kal subah
     * nahi" turns down the morning, not tomorrow.
     */
    private static void markTime(List<String> tokens, boolean[] dropped, List<List<String>> refused, int from,
            int to) {
        List<String> phrase = tokens.subList(from, to);
        if (phrase.stream().noneMatch(CallbackTimeParser::isTimeWord)) {
            return;
        }
        boolean timeOfDay = phrase.stream().anyMatch(t -> CallbackTimeParser.isTimeWord(t)
                && !SpokenDay.isDayWord(t));
        for (int i = from; i < to; i++) {
            dropped[i] |= !(timeOfDay && SpokenDay.isDayWord(tokens.get(i)));
        }
        refused.add(List.copyOf(phrase));
    }

    /** Where an English negation starting at {@code i} ends ("don t", "dont", "do not", "not", "never"), else i. */
    private static int englishNegationEnd(List<String> tokens, int i, int to) {
        String word = tokens.get(i);
        String next = i + 1 < to ? tokens.get(i + 1) : "";
        if (word.equals("don") && next.equals("t") || word.equals("do") && next.equals("not")) {
            return i + 2;
        }
        return Set.of("dont", "not", "never").contains(word) ? i + 1 : i;
    }

    /*
     * English puts the time after the verb ("don't call me in the evening"), so the refusal reaches back only over
     * words that no other call phrase owns: "tomorrow don't call" refuses tomorrow; in "call me tomorrow don't call
     * today" the tomorrow belongs to the first call.
     */
    private static int englishStart(List<String> tokens, int from, int negation) {
        int start = negation;
        for (int j = negation - 1; j >= from; j--) {
            String word = tokens.get(j);
            if (CALL_WORDS.contains(word) || HINDI_VERBS.contains(word)) {
                return negation;
            }
            if (NOW_WORDS.contains(word)) {
                return start;
            }
            start = j;
        }
        return start;
    }

    /** Up to the next call ("don't call me now, call me tomorrow") or the "now" it refuses, exclusive. */
    private static int englishEnd(List<String> tokens, int call, int to) {
        int end = call + 1;
        while (end < to && !CALL_WORDS.contains(tokens.get(end))) {
            if (NOW_WORDS.contains(tokens.get(end++))) {
                break;
            }
        }
        return end;
    }

    /*
     * Hindi puts the time before the verb ("Sunday ko call mat karna"): the refusal reaches back to the clause's start,
     * or to the verb or call word of the phrase before it ("kal shaam call karna, sunday ko mat karna" without the
     * comma), or through the "abhi" it refuses and no further.
     */
    private static int hindiStart(List<String> tokens, int from, int negation) {
        int start = negation;
        for (int j = negation - 1; j >= from; j--) {
            String word = tokens.get(j);
            if (HINDI_VERBS.contains(word) || CALL_WORDS.contains(word) && j < negation - 1) {
                break;
            }
            start = j;
            if (NOW_WORDS.contains(word)) {
                break;
            }
        }
        return start;
    }

    /*
     * Through the call word and verb after the negation ("mat call karo", "mat karna"), and through the clause's end
     * when nothing after it asks for a call: Hindi may say the time last ("call mat karna kal", "phone mat karo sunday
     * ko"). A refusal of now ("abhi call mat karo kal shaam") ends at its verb: the time after it is the one asked for.
     */
    private static int hindiEnd(List<String> tokens, int start, int negation, int to) {
        int end = negation + 1;
        if (end < to && CALL_WORDS.contains(tokens.get(end))) {
            end++;
        }
        while (end < to && HINDI_VERBS.contains(tokens.get(end))) {
            end++;
        }
        if (end < to && CALL_WORDS.contains(tokens.get(end))) {
            end++; // "mat karo call"
        }
        boolean refusesNow = tokens.subList(start, end).stream().anyMatch(NOW_WORDS::contains);
        boolean asksAfter = tokens.subList(end, to).stream()
                .anyMatch(word -> CALL_WORDS.contains(word) || HINDI_VERBS.contains(word));
        return refusesNow || asksAfter ? end : to;
    }

    private static void dropPastDays(List<String> tokens, int from, int to, boolean[] dropped) {
        if (tokens.subList(from, to).stream().noneMatch(PAST_MARKERS::contains)) {
            return;
        }
        for (int i = from; i < to; i++) {
            if (EITHER_WAY_DAYS.contains(tokens.get(i))) {
                dropped[i] = true;
            }
        }
    }

    private static boolean isAt(List<String> tokens, int i, int from, int to, Set<String> words) {
        return i >= from && i < to && words.contains(tokens.get(i));
    }

    private static void mark(List<String> tokens, boolean[] dropped, List<List<String>> refused, int from, int to) {
        for (int i = from; i < to; i++) {
            dropped[i] = true;
        }
        refused.add(List.copyOf(tokens.subList(from, to)));
    }
}
