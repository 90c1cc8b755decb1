package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule, for the whole project, of what a listening noise is: a turn made only of acknowledgements ("haan",
 * "hmm", "achha", "theek hai", "okay", "right"), at most three of them ("haan haan", "okay okay, theek hai").
 * Turn-taking keeps the bot talking over these; the dialogue treats them as acknowledgements, not answers.
 * Drawn-out spellings count too ("hmmm", "haaan", "ummm"): a run of three or more of a letter reads as two.
 */
public final class Backchannels {

    private static final Set<String> PHRASES = Set.of(
            // English
            "okay", "ok", "right", "yes", "yeah", "yep", "yup", "sure", "alright", "all right", "fine", "i see",
            "got it", "oh", "ohh", "ah", "hmm", "hm", "mm", "mhm", "mmhmm", "uh huh", "um", "umm", "uh", "uhh",
            // Hindi / Hinglish
            "haan", "han", "haa", "ha", "hanji", "haanji", "haan ji", "ji haan", "ji", "jee", "achha", "acha", "accha",
            "achcha", "theek hai", "thik hai", "theek", "thik", "sahi", "sahi hai");
    // Words that claim the floor however short the burst: stop, wait, no, a question. Kept here, with the
    // acknowledgements, so the project has one vocabulary of what keeps the bot talking and what stops it.
    private static final Set<String> FLOOR_WORDS = Set.of(
            // English
            "stop", "wait", "hold", "no", "sorry", "excuse", "pardon", "repeat", "what", "why", "how", "when",
            "where", "who", "which",
            // Hindi / Hinglish
            "ruko", "rukiye", "ruk", "nahi", "nahin", "kya", "kyun", "kyon", "kaise", "kab", "kahan", "kaun", "kitna",
            "kitne", "suniye", "suno");
    private static final int LONGEST_PHRASE = 2;
    private static final int MOST_PHRASES = 3;
    private static final Pattern DRAWN_OUT = Pattern.compile("(\\p{L})\\1{2,}");

    private Backchannels() {
    }

    /** True when the words are only an acknowledgement and not a turn of their own; false for nothing heard. */
    public static boolean isBackchannel(String transcript) {
        List<String> tokens = Utterances.tokens(transcript);
        if (tokens.isEmpty()) {
            return false;
        }
        int phrases = 0;
        int at = 0;
        while (at < tokens.size()) {
            int matched = longestPhraseAt(tokens, at);
            if (matched == 0 || ++phrases > MOST_PHRASES) {
                return false;
            }
            at += matched;
        }
        return true;
    }

    /**
     * True when the words claim the floor: a "stop", "wait", "no" or a question word anywhere ("wait, can you repeat
     * that", "ruko", "kitna hai"). A burst of speech over the bot that is as short as a backchannel interrupts only
     * with one of these; otherwise, whatever a recogniser wrote, its length decides.
     */
    public static boolean claimsTheFloor(String transcript) {
        for (String token : Utterances.tokens(transcript)) {
            if (FLOOR_WORDS.contains(token)) {
                return true;
            }
        }
        return false;
    }

    private static int longestPhraseAt(List<String> tokens, int at) {
        for (int length = Math.min(LONGEST_PHRASE, tokens.size() - at); length >= 1; length--) {
            StringBuilder phrase = new StringBuilder();
            for (int i = at; i < at + length; i++) {
                phrase.append(i > at ? " " : "").append(DRAWN_OUT.matcher(tokens.get(i)).replaceAll("$1$1"));
            }
            if (PHRASES.contains(phrase.toString())) {
                return length;
            }
        }
        return 0;
    }
}
