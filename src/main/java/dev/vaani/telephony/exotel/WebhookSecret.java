package dev.vaani.telephony.exotel;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** EXOTEL_WEBHOOK_SECRET check: query `secret` or header X-Vaani-Secret; open when no secret is set. */
public final class WebhookSecret {

    private WebhookSecret() {
    }

    public static boolean accepts(ExotelProperties exotel, HttpServletRequest request) {
        String expected = exotel.webhookSecret();
        if (expected == null || expected.isBlank()) {
            return true;
        }
        String presented = request.getHeader("X-Vaani-Secret");
        if (presented == null) {
            String query = request.getQueryString();
            presented = query == null ? null : org.springframework.web.util.UriComponentsBuilder.newInstance()
                    .query(query).build().getQueryParams().getFirst("secret");
            presented = presented == null ? null : java.net.URLDecoder.decode(presented, StandardCharsets.UTF_8);
        }
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
