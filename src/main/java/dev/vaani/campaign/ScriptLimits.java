package dev.vaani.campaign;

import dev.vaani.conversation.CampaignScript;
import dev.vaani.platform.admin.InvalidFieldException;
import java.util.List;

/**
 * How long a campaign's script may be, for the API and the console's form alike. The lines the agent speaks are a
 * breath or a few (a greeting of 1000 characters is about a minute of speech, which no caller waits through), the
 * instructions a prompt's worth. Before, only the request's 1 MB limit bounded them: a 500 000-character greeting was
 * stored and would have been sent to the voice and the model on every call.
 */
public final class ScriptLimits {

    public static final int NAME = 200;
    public static final int GREETING = 1000;
    public static final int PURPOSE = 2000;
    public static final int CLOSING = 1000;
    public static final int QUESTION = 500;
    public static final int KEY = 40;
    public static final int QUESTIONS = 30;
    public static final int INSTRUCTIONS = 4000;
    public static final int LOCALITIES = 200;
    public static final int LOCALITY = 100;

    private ScriptLimits() {
    }

    /** @throws InvalidFieldException naming the first part longer than its limit, and the limit */
    static void refuseOverlong(CampaignScript script) {
        if (script == null) {
            return;
        }
        atMost("script.agentName", script.agentName(), NAME);
        atMost("script.companyName", script.companyName(), NAME);
        atMost("script.greeting", script.greeting(), GREETING);
        atMost("script.purpose", script.purpose(), PURPOSE);
        atMost("script.closing", script.closing(), CLOSING);
        atMost("script.extraInstructions", script.extraInstructions(), INSTRUCTIONS);
        List<CampaignScript.QualificationField> fields = script.qualificationFields();
        if (fields != null) {
            if (fields.size() > QUESTIONS) {
                throw new InvalidFieldException("script.qualificationFields", "at most " + QUESTIONS + " questions");
            }
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i) != null) {
                    atMost("script.qualificationFields[" + i + "].key", fields.get(i).key(), KEY);
                    atMost("script.qualificationFields[" + i + "].question", fields.get(i).question(), QUESTION);
                }
            }
        }
        if (script.localities().size() > LOCALITIES) {
            throw new InvalidFieldException("script.localities", "at most " + LOCALITIES + " places");
        }
        for (int i = 0; i < script.localities().size(); i++) {
            atMost("script.localities[" + i + "]", script.localities().get(i), LOCALITY);
        }
    }

    private static void atMost(String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            throw new InvalidFieldException(field, "at most " + limit + " characters (this has " + value.length() + ")");
        }
    }
}
