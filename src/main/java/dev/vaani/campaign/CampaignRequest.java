package dev.vaani.campaign;

import dev.vaani.conversation.CampaignScript;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import dev.vaani.crm.LeadRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalTime;
import java.util.List;

/**
 * A campaign to create or replace; absent fields take the defaults (09:00–21:00 Asia/Kolkata, 3 tries 120 min apart).
 * The calling window must lie within TRAI's hours ({@link CallingWindow#refusals}). {@code qualificationFields}, when
 * given, chooses which of the script's fields the agent asks for and in what order (each must be one of them).
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
}
