package dev.vaani.conversation.scripted;

import dev.vaani.conversation.Language;
import dev.vaani.conversation.LanguageDetector;

/**
 * The language the scripted agent speaks now: the campaign's to begin with, then whatever the caller last spoke
 * (a Devanagari turn → Hindi, Latin with Hindi words → Hinglish, plain English → English; "ok" or "50 lakh" keep it).
 * The campaign's own lines (questions, closing) are used when they are in the language being spoken; otherwise
 * (after a switch, or a script written in another language than the campaign's) the phrasebook's lines take their
 * place.
 */
final class SpeakingLanguage {

    private final Language campaignLanguage;
    private Language current;

    SpeakingLanguage(Language campaignLanguage) {
        this.campaignLanguage = campaignLanguage;
        this.current = campaignLanguage;
    }

    Language current() {
        return current;
    }

    Phrasebook phrases() {
        return Phrasebook.forLanguage(current);
    }

    /** Switches to the language of the caller's turn when it clearly has one; true when it changed. */
    boolean follow(String utterance) {
        Language spoken = LanguageDetector.detect(utterance).orElse(current);
        boolean changed = spoken != current;
        current = spoken;
        return changed;
    }

    String question(String fieldKey, String scriptQuestion) {
        return phrases().ask(fieldKey, isSpoken(scriptQuestion) ? scriptQuestion : null);
    }

    String closing(String scriptClosing) {
        return isSpoken(scriptClosing) ? scriptClosing : phrases().closing();
    }

    /** Whether a campaign line is in the language being spoken (a line without clear signs counts as the campaign's). */
    private boolean isSpoken(String line) {
        if (line == null || line.isBlank()) {
            return false;
        }
        return LanguageDetector.detect(line).orElse(campaignLanguage) == current;
    }
}
