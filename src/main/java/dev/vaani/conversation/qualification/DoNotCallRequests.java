package dev.vaani.conversation.qualification;

import java.util.Set;

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
            "call band kijiye", "number hata", "number hatao", "number hataiye", "number delete", "mera number hata");
    // "don't call me now, call me tomorrow" asks for a callback: these count only when the turn asks for no other call.
    private static final Set<String> UNLESS_LATER = Set.of(
            "don t call", "do not call", "dont call", "call mat karo", "call mat karna", "call mat kijiye",
            "call mat kariye", "call mat karen", "call mat kar", "mat call karo", "mat call karna", "mat call kijiye",
            "phone mat karo", "phone mat karna", "phone mat kijiye", "mat phone karo", "mat karo call",
            "do not disturb", "pareshan mat karo", "pareshan mat kijiye", "pareshan mat karna",
            "disturb mat karo", "disturb mat kijiye");

    private DoNotCallRequests() {
    }

    /**
     * Whether the caller asks not to be called again. {@code asksForLaterCall} says whether the same turn also asks
     * for a call at another time; then only an unmistakable request counts.
     */
    public static boolean isRequest(String transcript, boolean asksForLaterCall) {
        String normal = String.join(" ", Utterances.tokens(transcript));
        return Utterances.containsAny(normal, ALWAYS)
                || !asksForLaterCall && Utterances.containsAny(normal, UNLESS_LATER);
    }
}
