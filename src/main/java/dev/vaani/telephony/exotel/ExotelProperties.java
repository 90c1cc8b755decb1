package dev.vaani.telephony.exotel;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Exotel account and API settings (EXOTEL_* variables). Secrets never appear in toString.
 *
 * @param maxConcurrentCalls calls the account may carry at once (EXOTEL_MAX_CONCURRENT_CALLS), across every campaign
 *                           and every server instance sharing the database: Exotel limits this per account by plan
 *                           (Starter 10, Growth 50, Enterprise by contract) and refuses placements beyond it. Its
 *                           default, the smallest plan's, is kept in application.yml with the variable's name.
 */
@Validated
@ConfigurationProperties("vaani.exotel")
public record ExotelProperties(
        @DefaultValue("") String accountSid,
        @DefaultValue("") String apiKey,
        @DefaultValue("") String apiToken,
        @DefaultValue("") String virtualNumber,
        @DefaultValue("") String exophloId,
        @NotBlank @DefaultValue("https://api.exotel.com") String baseUrl,
        @DefaultValue("") String webhookSecret,
        @DefaultValue("false") boolean recordCalls,
        @Min(1) int maxConcurrentCalls) {

    /** EXOTEL_RECORD_CALLS: ask Exotel to record every call (a campaign can also ask for its own calls). */
    @ConstructorBinding
    public ExotelProperties {
    }

    public ExotelProperties(String accountSid, String apiKey, String apiToken, String virtualNumber, String exophloId,
                            String baseUrl, String webhookSecret) {
        // the API client's own settings: the account's line limit is the dialer's, not the client's, concern
        this(accountSid, apiKey, apiToken, virtualNumber, exophloId, baseUrl, webhookSecret, false, Integer.MAX_VALUE);
    }

    /** Whether outbound calls can be placed: account, key, token and caller id are all set. */
    public boolean configured() {
        return !accountSid.isBlank() && !apiKey.isBlank() && !apiToken.isBlank() && !virtualNumber.isBlank();
    }

    @Override
    public String toString() {
        return "ExotelProperties[accountSid=" + accountSid + ", apiKey=" + (apiKey.isBlank() ? "" : "****")
                + ", apiToken=" + (apiToken.isBlank() ? "" : "****") + ", virtualNumber=" + virtualNumber
                + ", exophloId=" + exophloId + ", baseUrl=" + baseUrl + ", webhookSecret="
                + (webhookSecret.isBlank() ? "" : "****") + ", recordCalls=" + recordCalls + ", maxConcurrentCalls=" + maxConcurrentCalls + "]";
    }
}
