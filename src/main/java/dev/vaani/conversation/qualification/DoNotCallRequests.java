package dev.vaani.conversation.qualification;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one vocabulary, for the whole project, of a caller asking never to be called again ("don't call me again",
 * "remove my number", "दोबारा कॉल मत कीजिए", "mat call karo"). Such a request puts the lead on do-not-call (TRAI: a
 * complaint follows the next call), so it is kept apart from a plain "not interested", which must not. Devanagari
 * reaches these rules as the Latin tokens of {@link HindiLexicon}, so one list serves all three ways of speaking.
 */
public final class DoNotCallRequests {

    // Unmistakable whatever else the turn says: "again", "stop", "remove", "never".
    private static final Set<String> ALWAYS = Set.of(
            // English
            "don t call me again", "do not call me again", "dont call me again", "don t call again",
            "do not call again", "never call me", "never call again", "stop calling", "quit calling",
            "remove my number", "remove me from your list", "delete my number", "take my number off",
            "don t ever call", "do not ever call", "unsubscribe", "dnd",
            // Hindi / Hinglish
            "dobara call mat", "dobara phone mat", "phir se call mat", "phir call mat", "fir se call mat",
            "dubara call mat", "kabhi call mat", "kabhi phone mat", "call karna band", "call band karo",
            "call band kijiye", "number hata", "number hatao", "number hataiye", "number delete", "mera number hata",
            "dobara call na", "dubara call na", "phir se call na", "fir se call na", "kabhi call na",
            "dobara phone na", "kabhi phone na", "list se hata", "list se hatao", "list se hataiye",
            "list se nikal", "list se nikalo", "list se remove", "list se delete", "off your list",
            "remove me from");
    // "don't call me now, call me tomorrow" asks for a callback: these, and every call turned down (NEGATED_CALL),
    // count only when the turn asks for no other call.
    private static final Set<String> UNLESS_LATER = Set.of(
            "do not disturb", "don t disturb", "dont disturb", "pareshan mat karo", "pareshan mat kijiye",
            "pareshan mat karna", "disturb mat karo", "disturb mat kijiye", "disturb mat karna");
    private static final String VERB = "(?:kiya |kiye )?(?:karo|karna|kijiye|kariye|karen|karein|kare|kar)";
    // A call turned down, whatever time is said around it ("Sunday ko call mat karna", "please don't call me in the
    // evening"), with the words it takes along: after masking it, "call me in the evening" is no longer a callback.
    // "न" reads as "na" (hindi-words.tsv): "कॉल न करें" is "call na karen".
    private static final Pattern NEGATED_CALL = Pattern.compile("(?<=^| )(?:"
            + "(?:call|phone|ring)(?: kiya| kiye)? mat(?: " + VERB + ")?"
            + "|(?:call|phone|ring)(?: kiya| kiye)? na " + VERB
            + "|mat (?:call|phone)(?: " + VERB + ")?"
            + "|mat (?:karo|karna|kijiye|kariye) (?:call|phone)"
            + "|(?:don t|dont|do not|never)(?: ever)? (?:call|phone|ring)(?:ing)?(?: me| us)?(?: back)?"
            + ")(?= |$)");

    // A call turned down only at some times ("Sunday ko call mat karna", "don't call me in the evening", "abhi call
    // mat karo") is the caller's hours, not a request never to be called: it is asked when to call instead. Not "kal"
    // (yesterday as often as tomorrow: "kal bhi bola tha, call mat karo").
    private static final Set<String> SOME_TIMES = Set.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "weekend", "weekends", "somvar", "mangalvar", "budhvar", "guruvar", "shukravar",
            "shanivar", "ravivar", "subah", "dopahar", "shaam", "sham", "raat", "morning", "afternoon", "evening",
            "night", "tonight", "office hours", "working hours", "office time", "abhi", "now", "right now", "aaj",
            "today", "is time", "this time", "is waqt", "iss waqt", "am", "pm", "baje");
    // ...unless it says from when on: "aaj ke baad call mat karna", "ab se call mat karna"
    private static final Set<String> FROM_NOW_ON = Set.of("aaj ke baad", "iske baad", "is ke baad", "ab ke baad",
            "after today", "after this", "from now", "from today", "ab se", "aaj se", "aage se", "anymore",
            "any more");

    private DoNotCallRequests() {
    }

    /**
     * Whether the turn turns a call down only at some times ("Sunday ko call mat karna", "please don't call me in the
     * evening"), and asks for nothing unmistakable: the caller's hours, to be asked about, not a request never to be
     * called.
     */
    public static boolean turnsDownOnlySomeTimes(String transcript) {
        String normal = String.join(" ", Utterances.tokens(transcript));
        return !Utterances.containsAny(normal, ALWAYS) && NEGATED_CALL.matcher(normal).find()
                && Utterances.containsAny(normal, SOME_TIMES) && !Utterances.containsAny(normal, FROM_NOW_ON);
    }

    /**
     * Whether the caller asks not to be called again. {@code asksForLaterCall} says whether the same turn also asks
     * for a call at another time; then only an unmistakable request counts.
     */
    public static boolean isRequest(String transcript, boolean asksForLaterCall) {
        String normal = String.join(" ", Utterances.tokens(transcript));
        return Utterances.containsAny(normal, ALWAYS) || !asksForLaterCall
                && (Utterances.containsAny(normal, UNLESS_LATER) || NEGATED_CALL.matcher(normal).find());
    }

    /**
     * The normalised transcript with every request not to be called replaced by "|", so that what is left shows
     * whether the turn also asks for a call: "don't call me in the evening" leaves "| in the evening", which does not;
     * "abhi call mat karo, kal shaam call karna" leaves "abhi | kal shaam call karna", which does.
     */
    public static String withoutRequests(String normal) {
        String out = NEGATED_CALL.matcher(normal).replaceAll("|");
        for (Set<String> phrases : java.util.List.of(ALWAYS, UNLESS_LATER)) {
            for (String phrase : phrases) {
                String before;
                do {
                    before = out;
                    out = (" " + out + " ").replace(" " + phrase + " ", " | ").trim();
                } while (!out.equals(before));
            }
        }
        return out;
    }
}
