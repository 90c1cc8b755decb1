package dev.vaani.telephony.exotel;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Exotel account and API settings (EXOTEL_* variables). Secrets never appear in toString. */
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
        @DefaultValue("false") boolean recordCalls) {

    /** EXOTEL_RECORD_CALLS: ask Exotel to record every call (a campaign can also ask for its own calls). */
    @ConstructorBinding
    public ExotelProperties {
    }

    public ExotelProperties(String accountSid, String apiKey, String apiToken, String virtualNumber, String exophloId,
                            String baseUrl, String webhookSecret) {
        this(accountSid, apiKey, apiToken, virtualNumber, exophloId, baseUrl, webhookSecret, false);
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
                + (webhookSecret.isBlank() ? "" : "****") + ", recordCalls=" + recordCalls + "]";
    }
}
