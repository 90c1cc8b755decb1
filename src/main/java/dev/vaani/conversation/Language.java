package dev.vaani.conversation;

import java.util.Locale;
import java.util.Optional;

/**
 * The language a call is spoken in. Hindi is written in Devanagari (what Hindi voices read); Hinglish is Hindi and
 * English mixed, written in Latin letters. {@link #code()} is what campaigns store and speech providers receive.
 */
public enum Language {
    ENGLISH("en"),
    HINDI("hi"),
    HINGLISH("hinglish");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** "en", "en-IN", "english" → ENGLISH; "hi", "hi-IN", "hindi" → HINDI; "hinglish" → HINGLISH. */
    public static Optional<Language> fromCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        if (c.equals("hinglish") || c.equals("hi-latn")) {
            return Optional.of(HINGLISH);
        }
        if (c.equals("hi") || c.startsWith("hi-") || c.equals("hindi")) {
            return Optional.of(HINDI);
        }
        if (c.equals("en") || c.startsWith("en-") || c.equals("english")) {
            return Optional.of(ENGLISH);
        }
        return Optional.empty();
    }

    /** A campaign's language, English when unset or unknown. */
    public static Language orEnglish(String code) {
        return fromCode(code).orElse(ENGLISH);
    }
}
