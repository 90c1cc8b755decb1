package dev.vaani.conversation.scripted;

import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Language;
import dev.vaani.conversation.LanguageDetector;

/**
 * The language the scripted agent speaks now: the campaign's to begin with, then whatever the caller last spoke
 * (a Devanagari turn → Hindi, Latin with Hindi words → Hinglish, plain English → English; "ok" or "50 lakh" keep it).
 * A question the broker wrote is asked in their words, whatever language they wrote it in ("Sunrise Heights or
 * Sunrise Greens?" in a Hindi campaign): only a built-in default question not in the language being spoken (after a
 * switch, or a default script left in English) is replaced by the phrasebook's. The campaign's closing is used when it
 * is in the language being spoken, otherwise the phrasebook's.
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

    /** Speaks {@code language} from now on (the one another agent was replying in, when this call was taken over). */
    void speak(Language language) {
        current = language;
    }

    /** Switches to the language of the caller's turn when it clearly has one; true when it changed. */
    boolean follow(String utterance) {
        Language spoken = LanguageDetector.detect(utterance).orElse(current);
        boolean changed = spoken != current;
        current = spoken;
        return changed;
    }

    String question(String fieldKey, String scriptQuestion) {
        boolean brokersOwn = scriptQuestion != null && !scriptQuestion.isBlank() && !builtIn(scriptQuestion);
        return phrases().ask(fieldKey, brokersOwn || isSpoken(scriptQuestion) ? scriptQuestion : null);
    }

    /** One of the questions Vaani ships (a default script's, or a phrasebook's), in any language. */
    private static boolean builtIn(String question) {
        String asked = question.strip();
        return CampaignScript.isDefaultQuestion(asked) || java.util.Arrays.stream(Language.values())
                .anyMatch(l -> Phrasebook.forLanguage(l).fallbackQuestions().containsValue(asked));
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
