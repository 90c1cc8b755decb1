package dev.vaani.telephony.exotel;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How we talk to Exotel's REST API (vaani.exotel.client.*).
 *
 * @param requestsPerMinute client-side limit; Exotel allows 200/min per account and answers 429 above it
 * @param maxAttempts       tries per request for 429, 5xx and network errors (1 = no retry)
 * @param initialBackoff    first wait between tries, doubled each time up to maxBackoff
 * @param maxBackoff        longest wait between tries, also the cap on an honoured Retry-After
 * @param requestTimeout    per HTTP request
 */
@Validated
@ConfigurationProperties("vaani.exotel.client")
public record ExotelClientSettings(
        @Positive @DefaultValue("200") int requestsPerMinute,
        @Min(1) @DefaultValue("4") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("60s") Duration maxBackoff,
        @DefaultValue("15s") Duration requestTimeout) {
}
