package dev.vaani.call.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a call's transcript, as stored in Redis and PostgreSQL.
 *
 * @param speaker     "ai" or "user" (the sketch's names)
 * @param text        what was said (for an interrupted bot line: only the part the caller heard)
 * @param timestamp   ISO-8601 instant
 * @param interrupted true when the caller cut this bot line short
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record TranscriptLine(@JsonProperty("speaker") String speaker, @JsonProperty("text") String text,
                             @JsonProperty("timestamp") String timestamp,
                             @JsonProperty("interrupted") boolean interrupted) {

    public static final String AI = "ai";
    public static final String USER = "user";

    public static TranscriptLine ai(String text, String timestamp) {
        return new TranscriptLine(AI, text, timestamp, false);
    }

    public static TranscriptLine user(String text, String timestamp) {
        return new TranscriptLine(USER, text, timestamp, false);
    }
}
