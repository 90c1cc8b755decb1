package dev.vaani.conversation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.vaani.conversation.qualification.HindiText;
import dev.vaani.conversation.qualification.Utterances;

/**
 * Which language a caller's turn is in, so the agent can answer in it. Devanagari means Hindi; Latin text with
 * Hindi function words ("mujhe", "chahiye", "hai") is Hinglish; Latin text with English function words and no Hindi is
 * English. Turns that say nothing either way ("yes", "50 lakh", "Whitefield", "ok") are empty: they never switch.
 */
public final class LanguageDetector {

    private static final Set<String> HINDI_WORDS = Set.of("hai", "hain", "nahi", "nahin", "mujhe", "humein", "hume",
            "chahiye", "kya", "aap", "aapka", "aapko", "mein", "ke", "ki", "ka", "ko", "se", "haan", "ji", "bhi",
            "kar", "karo", "karna", "karni", "kijiye", "achha", "theek", "bilkul", "tak", "wala", "wali", "dekh",
            "rahe", "raha", "rahi", "kuch", "koi", "baat", "aur", "toh", "hum", "bas", "abhi", "ghar", "liye",
            "lena", "chahte", "chahta", "mera", "meri", "hamara", "boliye", "bataiye", "kal", "baad", "matlab",
            "sahi", "galat", "lagbhag", "aaspaas", "saal", "mahine", "dijiye", "hoga", "tha", "thi", "kitna");
    private static final Set<String> ENGLISH_WORDS = Set.of("i", "i'm", "im", "the", "is", "am", "are", "want",
            "looking", "for", "my", "we", "need", "please", "would", "like", "and", "of", "it", "that", "this",
            "what", "can", "you", "your", "with", "about", "around", "will", "be", "have", "has", "not", "don",
            "do", "me", "call", "later", "budget", "buy", "interested", "sorry", "there", "a", "an", "to", "in",
            "at", "by", "within", "next", "year", "months", "should", "could", "just", "thank", "thanks", "no");

    private LanguageDetector() {
    }

    public static Optional<Language> detect(String utterance) {
        if (utterance == null || utterance.isBlank()) {
            return Optional.empty();
        }
        int devanagari = 0;
        int latin = 0;
        for (int i = 0; i < utterance.length(); i++) {
            char c = utterance.charAt(i);
            if (HindiText.isDevanagari(c) && Character.isLetter(c)) {
                devanagari++;
            } else if (c < 0x250 && Character.isLetter(c)) {
                latin++;
            }
        }
        if (devanagari >= 2 && devanagari >= latin) {
            return Optional.of(Language.HINDI);
        }
        List<String> tokens = Utterances.tokens(utterance);
        long hindi = tokens.stream().filter(HINDI_WORDS::contains).count();
        long english = tokens.stream().filter(ENGLISH_WORDS::contains).count();
        if (hindi >= 2 && hindi >= english || hindi == 1 && english == 0 && tokens.size() >= 3) {
            return Optional.of(Language.HINGLISH);
        }
        if (english >= 2 && hindi == 0) {
            return Optional.of(Language.ENGLISH);
        }
        return Optional.empty();
    }
}
