package dev.vaani.campaign;

import dev.vaani.conversation.CampaignScript;
import java.time.LocalTime;
import java.util.List;

/** A campaign as the admin API shows it. status: draft, active, paused, stopped, completed. */
public record Campaign(long id, String name, String language, CampaignScript script, List<String> qualificationFields,
                       LocalTime callingWindowStart, LocalTime callingWindowEnd, String timeZone,
                       int maxConcurrentCalls, int retryMaxAttempts, int retryIntervalMinutes, boolean recordCalls,
                       String status) {

    public CallingWindow window() {
        return new CallingWindow(callingWindowStart, callingWindowEnd);
    }
}
