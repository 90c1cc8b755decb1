package dev.vaani.speech.sarvam;

import java.util.Locale;

/**
 * Maps a call's language ("hi", "en-IN", "multi" for Hinglish...) to what Sarvam's recogniser takes: a BCP-47 code
 * with an India region ("hi-IN") and, for saaras:v3, an output mode. Hinglish becomes hi-IN in codemix mode, which
 * writes English words in Latin script and Hindi words in Devanagari, as Hinglish speakers mix them.
 */
record SarvamLanguage(String code, String mode) {

    static SarvamLanguage forCall(String callLanguage, SarvamSettings settings) {
        String mode = settings.sttModelHasModes() ? settings.sttMode() : null;
        if (callLanguage == null || callLanguage.isBlank()) {
            return new SarvamLanguage(settings.language(), mode);
        }
        String lower = callLanguage.strip().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "multi", "hinglish" -> new SarvamLanguage("hi-IN", settings.sttModelHasModes() ? "codemix" : null);
            case "unknown" -> new SarvamLanguage("unknown", mode);
            default -> new SarvamLanguage(indian(lower), mode);
        };
    }

    /** "hi" -> "hi-IN", "en-US" -> "en-IN" (Sarvam only knows the Indian variants), "od-IN" unchanged. */
    static String indian(String code) {
        String lower = code.strip().toLowerCase(Locale.ROOT);
        int dash = lower.indexOf('-');
        String base = dash < 0 ? lower : lower.substring(0, dash);
        if (base.equals("or")) {
            base = "od"; // ISO 639-1 Odia; Sarvam writes od-IN
        }
        return base + "-IN";
    }
}
