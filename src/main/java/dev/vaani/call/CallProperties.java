package dev.vaani.call;

import jakarta.validation.constraints.Max;
import java.time.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How live calls behave. Durations are milliseconds of audio unless named otherwise.
 *
 * @param websocketPath        where Exotel connects (WEBSOCKET_ENDPOINT_PATH)
 * @param maxDurationMinutes   a call is wrapped up politely after this long (MAX_CALL_DURATION_MINUTES)
 * @param mediaSecret          /media needs it as Basic auth password or ?token= (MEDIA_SECRET; generated when unset)
 * @param vadThreshold         RMS energy above which a frame may be speech (the sketch's 500)
 * @param endOfTurnSilenceMs   silence after speech that ends the caller's turn when the recogniser has not ended it first
 *                             (500 since docs/turn-taking.md step 48)
 * @param minSpeechMs          speech needed before silence can end a turn
 * @param bargeInConfirmMs     caller speech over the bot for this long interrupts it
 * @param fillerDelayMs        play a filler when no answer audio is ready this long after the turn ended
 * @param greetingProtectionMs the first part of the greeting cannot be interrupted
 * @param maxFrameBytes        inbound WebSocket text frames above this are refused
 * @param outboundChunkMs      audio per outbound media message (Exotel: 200 ms = 3200 bytes at 8 kHz minimum)
 * @param outboundLeadMs       how far ahead of real time we let Exotel buffer, so clear is effective
 * @param markTimeoutMs        how long to wait for the goodbye's mark echo before closing
 * @param silenceTimeoutMs     caller silence after our question before we prompt them
 * @param inboundLanguage      what a call without a campaign (an inbound caller) starts in: en, hi or hinglish
 *                             (INBOUND_CALL_LANGUAGE); the agent still follows a caller who switches
 */
@Validated
@ConfigurationProperties("vaani.call")
public record CallProperties(
        @NotBlank @Pattern(regexp = "/.*", message = "must start with /") @DefaultValue("/media") String websocketPath,
        @Positive @Max(240) @DefaultValue("10") int maxDurationMinutes,
        @DefaultValue("") String mediaSecret,
        @Positive @DefaultValue("500") int vadThreshold,
        @Min(100) @DefaultValue("500") int endOfTurnSilenceMs,
        @Min(0) @DefaultValue("500") int minSpeechMs,
        @Min(20) @DefaultValue("200") int bargeInConfirmMs,
        @Min(0) @DefaultValue("300") int fillerDelayMs,
        @Min(0) @DefaultValue("1500") int greetingProtectionMs,
        @Min(1024) @DefaultValue("262144") int maxFrameBytes,
        @Min(200) @DefaultValue("200") int outboundChunkMs,
        @Min(200) @DefaultValue("400") int outboundLeadMs,
        @Min(100) @DefaultValue("5000") int markTimeoutMs,
        @Min(1000) @DefaultValue("8000") int silenceTimeoutMs,
        @Pattern(regexp = "en|hi|hinglish", message = "must be en, hi or hinglish") @DefaultValue("en") String inboundLanguage) {

    /**
     * How long a call can last from its row's creation: ringing, then the longest call, with room to spare. A row still
     * open after that belongs to a call that cannot be live (its server died before the reconciler got to it).
     */
    public Duration longestCallRow() {
        return Duration.ofMinutes(maxDurationMinutes + 30L);
    }

    public boolean mediaAuthRequired() {
        return mediaSecret != null && !mediaSecret.isBlank();
    }

    @Override
    public String toString() {
        return "CallProperties[websocketPath=" + websocketPath + ", maxDurationMinutes=" + maxDurationMinutes
                + ", mediaSecret=" + (mediaAuthRequired() ? "****" : "none") + "]";
    }
}
