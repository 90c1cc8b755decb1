package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Set;

/**
 * Whether a turn asks to be called at another time ("kal shaam call karna", "baad mein baat karte hain", "call me in
 * an hour") or says why now is bad ("abhi busy hoon"), for {@link IntentClassifier}.
 */
final class CallbackRequests {

    // Asking to be called at another time: with one of these, a "don't call now" in the same turn is not a request
    // never to be called ("abhi call mat karo, baad mein call karna")
    private static final Set<String> CALL_LATER = Set.of("call me later", "call later", "call back", "callback",
            "call me back", "call me tomorrow", "call tomorrow", "kal call", "later please",
            "some other time", "call me in", "call me at", "call me on", "call me after", "call me in the evening",
            "call me tonight", "talk later", "call karo baad", "thodi der baad", "kuch der baad",
            "after some time", "in a while", "talk to you later", "speak later", "speak to you later");
    // "baad mein" (later) asks for a callback only about the call ("baad mein call karo", "baad mein baat karte
    // hain") or said on its own ("abhi nahi, baad mein"); in an answer it is a timeline or a decision put off ("do
    // saal baad mein lenge", "Diwali ke baad mein", "loan ka baad mein dekhenge")
    private static final Set<String> LATER = Set.of("baad mein", "baad me", "baad main");
    private static final Set<String> ABOUT_THE_CALL = Set.of("call", "phone", "ring", "baat", "talk", "speak");
    private static final Set<String> ON_ITS_OWN = Set.of("abhi", "nahi", "nahin", "no", "not", "now", "ji", "haan",
            "han", "ha", "please", "plz", "sorry", "bhai", "sir", "madam", "ok", "okay", "achha", "bas", "thoda",
            "yaar", "hai", "hain", "theek", "|");
    // Saying why now is bad: a callback too, but no ask for a call ("abhi busy hoon, raat ko call mat karna" is
    // still a request not to be called). Said of a day ("kal meeting mein hoon"), each turns that day down:
    // NotFreeTimes
    static final Set<String> BAD_TIME = Set.of("busy", "in a meeting", "driving", "not a good time",
            "bad time", "abhi time nahi", "time nahi hai", "not free", "free nahi", "meeting mein", "can t talk",
            "cannot talk", "baat nahi kar sakta", "baat nahi kar sakti", "baat nahi kar sakte", "gaadi chala raha",
            "gaadi chala rahi", "gaadi chala rahe");
    // "kal shaam call karna", "ek ghante baad call karo", "sunday ko phone karna": a call word with a time the
    // callback parser can read (its words are the one list of days, parts of day and "in N hours") asks for a callback
    private static final Set<String> CALL_WORDS = Set.of("call", "phone", "ring");
    // ...and after a call turned down, so does a bare "do it" with a time: "aaj call mat karo, kal karna"
    private static final Set<String> DO_IT = Set.of("karo", "karna", "kijiye", "kariye", "karen", "karein",
            "kar lena", "kar lijiye", "kar lijiyega");
    private static final Set<String> NOT = Set.of("mat", "na", "nahi", "nahin");
    // "kal baat karte hain", "can we talk tomorrow": talking at a time to come, without the word "call"
    private static final Set<String> TALK_THEN = Set.of("baat karte", "baat karenge", "baat kar lenge", "baat karna",
            "baat karo", "baat kijiye", "baat kariye", "baat karein", "baat karen", "baat hogi", "baat ho jayegi",
            "talk", "speak");
    // A length of time is not a moment to call unless it says from when: "do minute baat karte hain" echoes the
    // greeting's "two minutes"; "in 10 minutes", "10 minute baad" are moments
    private static final java.util.regex.Pattern BARE_MINUTES = java.util.regex.Pattern.compile(
            "(?<!(?:^| )(?:in|after))(?:^| )[^ ]+ (?:minute|minutes|min|mins|minat)(?= |$)(?! (?:baad|after|later|mein|me))");

    private CallbackRequests() {
    }

    /**
     * Whether the turn asks to be called at another time, read from what is left once every call turned down is taken
     * out: "please don't call me in the evening" does not, "don't call me now, call me tomorrow" does.
     */
    static boolean asksForACall(String normal) {
        String asked = DoNotCallRequests.withoutRequests(normal);
        List<String> words = List.of(asked.split(" "));
        boolean callWord = words.stream().anyMatch(CALL_WORDS::contains)
                || !asked.equals(normal) && saysPositively(words, DO_IT);
        return Utterances.containsAny(asked, CALL_LATER) || saysLaterAboutTheCall(words)
                || callWord && CallbackTimeParser.namesATime(asked)
                || Utterances.containsAny(asked, TALK_THEN) && namesAMomentToCall(asked);
    }

    /**
     * Whether the turn names a moment to call at ("tomorrow evening", "kal shaam", "Sunday", "in 10 minutes"), not
     * just a length of time ("do minute", "two minutes", as the greeting asked for).
     */
    static boolean namesAMomentToCall(String utterance) {
        String normal = String.join(" ", Utterances.tokens(utterance));
        return CallbackTimeParser.namesATime(BARE_MINUTES.matcher(normal).replaceAll(" "));
    }

    /** "baad mein call karo", "बाद में बात करते हैं", "abhi nahi, baad mein": but not "do saal baad mein lenge". */
    private static boolean saysLaterAboutTheCall(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (!LATER.contains(words.get(i) + " " + words.get(i + 1))) {
                continue;
            }
            if (i + 2 < words.size() && ABOUT_THE_CALL.contains(words.get(i + 2))) {
                return true;
            }
            // "abhi nahi, baad mein karna": a bare "do it" after a "later" said on its own
            List<String> after = words.subList(i + 2, words.size());
            boolean doIt = !after.isEmpty() && (DO_IT.contains(after.getFirst()) || after.getFirst().equals("karenge"));
            if (words.subList(0, i).stream().allMatch(ON_ITS_OWN::contains)
                    && (doIt ? after.subList(1, after.size()) : after).stream().allMatch(ON_ITS_OWN::contains)) {
                return true;
            }
        }
        return false;
    }

    /** A reason now is bad, not turned down: "abhi busy hoon", "no, I'm busy"; not "busy nahi hoon", "I'm not busy". */
    static boolean saysABadTime(List<String> tokens) {
        for (String phrase : BAD_TIME) {
            List<String> said = List.of(phrase.split(" "));
            for (int i = 0; i + said.size() <= tokens.size(); i++) {
                if (!tokens.subList(i, i + said.size()).equals(said)) {
                    continue;
                }
                int after = i + said.size();
                boolean notBefore = i > 0 && tokens.get(i - 1).equals("not");
                boolean nahiAfter = after < tokens.size() && Set.of("nahi", "nahin").contains(tokens.get(after));
                if (!notBefore && !nahiAfter) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether one of {@code phrases} is said and not turned down by a "mat"/"na" right before it. */
    private static boolean saysPositively(List<String> words, Set<String> phrases) {
        for (String phrase : phrases) {
            List<String> said = List.of(phrase.split(" "));
            for (int i = 0; i + said.size() <= words.size(); i++) {
                if (words.subList(i, i + said.size()).equals(said) && (i == 0 || !NOT.contains(words.get(i - 1)))) {
                    return true;
                }
            }
        }
        return false;
    }
}
