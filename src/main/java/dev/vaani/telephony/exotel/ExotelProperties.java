package dev.vaani.telephony.exotel;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
        @DefaultValue("") String webhookSecret) {

    /** Whether outbound calls can be placed: account, key, token and caller id are all set. */
    public boolean configured() {
        return !accountSid.isBlank() && !apiKey.isBlank() && !apiToken.isBlank() && !virtualNumber.isBlank();
    }

    @Override
    public String toString() {
        return "ExotelProperties[accountSid=" + accountSid + ", apiKey=" + (apiKey.isBlank() ? "" : "****")
                + ", apiToken=" + (apiToken.isBlank() ? "" : "****") + ", virtualNumber=" + virtualNumber
                + ", exophloId=" + exophloId + ", baseUrl=" + baseUrl + ", webhookSecret="
                + (webhookSecret.isBlank() ? "" : "****") + "]";
    }
}
