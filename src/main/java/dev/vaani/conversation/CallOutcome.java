package dev.vaani.conversation;

import java.util.Locale;

/** How a call ended for the business; stored as final_outcome. */
public enum CallOutcome {
    QUALIFIED, NOT_INTERESTED, CALLBACK, TRANSFERRED, WRONG_NUMBER, VOICEMAIL, NO_ANSWER, BUSY, FAILED, INCOMPLETE;

    /** snake_case name as stored in JSON and the database, e.g. "not_interested". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CallOutcome fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
    }
}
