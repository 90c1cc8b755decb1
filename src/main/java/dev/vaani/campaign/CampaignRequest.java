package dev.vaani.campaign;

import dev.vaani.conversation.CampaignScript;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import dev.vaani.crm.LeadRequest;
import dev.vaani.platform.admin.InvalidFieldException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalTime;
import java.util.List;

/**
 * A campaign to create or replace; absent fields take the defaults (09:00–21:00 Asia/Kolkata, 3 tries 120 min apart).
 * The calling window must lie within TRAI's hours ({@link CallingWindow#refusals}). {@code qualificationFields}, when
 * given, chooses which of the script's fields the agent asks for and in what order (each must be one of them). The
 * script's parts left out take the default script's ({@link CampaignScript#withDefaultsFrom}).
 */
@TraiCallingWindow
public record CampaignRequest(@NotBlank(message = "name is required") @Size(max = 200)
                              @Pattern(regexp = LeadRequest.NO_CONTROL, message = LeadRequest.CONTROL_MESSAGE) String name,
                              @Pattern(regexp = "en|hi|hinglish", message = "language must be en, hi or hinglish")
                              String language,
                              CampaignScript script,
                              List<String> qualificationFields,
                              LocalTime callingWindowStart,
                              LocalTime callingWindowEnd,
                              String timeZone,
                              @Min(1) @Max(1000) Integer maxConcurrentCalls,
                              @Min(1) @Max(20) Integer retryMaxAttempts,
                              @Min(1) @Max(10080) Integer retryIntervalMinutes,
                              Boolean recordCalls) implements TraiCallingWindow.Fields {

    /**
     * The questions the script lists must each be askable, and be one question: refused naming the field, as the API
     * names any other. A script that leaves its questions out (null) is not refused: it asks the default script's.
     *
     * @throws InvalidFieldException for an empty list, a null question, a blank key or question, or a key listed twice
     */
    void refuseUnaskableQuestions() {
        List<CampaignScript.QualificationField> fields = script == null ? null : script.qualificationFields();
        if (fields == null) {
            return;
        }
        if (fields.isEmpty()) { // the call would read back nothing and end qualified
            throw new InvalidFieldException("script.qualificationFields", "a campaign must ask at least one question");
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            CampaignScript.QualificationField field = fields.get(i);
            String at = "script.qualificationFields[" + i + "]";
            if (field == null) {
                throw new InvalidFieldException(at, "must be a question: {\"key\": …, \"question\": …}");
            }
            if (field.key() == null || field.key().isBlank()) {
                throw new InvalidFieldException(at + ".key", "must name what the question finds out (e.g. budget)");
            }
            if (field.question() == null || field.question().isBlank()) {
                throw new InvalidFieldException(at + ".question", "must say how the agent asks it");
            }
            // the same rule as the console's form: a key differing only in capitals is the same answer twice
            if (!keys.add(field.key().strip().toLowerCase(java.util.Locale.ROOT))) {
                throw new InvalidFieldException(at + ".key", "another question already finds out " + field.key()
                        + "; the agent would ask only one of them");
            }
        }
    }
}
