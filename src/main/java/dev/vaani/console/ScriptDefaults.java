package dev.vaani.console;

import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Language;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default script's lines in every language, as JSON for the campaign form: when the operator picks another
 * language, the lines still as a default wrote them change to that language's default before they save, as
 * {@link CampaignScript#inLanguage} would change them on save, and the lines they wrote stay.
 */
final class ScriptDefaults {

    private static final String JSON = JsonMapper.shared().writeValueAsString(byLanguage());

    private ScriptDefaults() {
    }

    /** {"en": {"greeting": …, "purpose": …, "questions": {"budget": …}}, "hi": …, "hinglish": …}. */
    static String json() {
        return JSON;
    }

    private static Map<String, Object> byLanguage() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Language language : Language.values()) {
            CampaignScript script = CampaignScript.defaultRealEstate(language);
            Map<String, String> questions = new LinkedHashMap<>();
            script.qualificationFields().forEach(f -> questions.put(f.key(), f.question()));
            all.put(language.code(), Map.of("greeting", script.greeting(), "purpose", script.purpose(),
                    "questions", questions));
        }
        return all;
    }
}
