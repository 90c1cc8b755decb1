package dev.vaani.telephony.exotel;

import dev.vaani.call.identity.CallIdentitySigner;
import dev.vaani.phone.PhoneNumbers;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dynamic URL for Exotel's Voicebot applet: answers {"url":"wss://…/media?vaani_call=…"}, the call's identity (lead,
 * campaign, attempt, this CallSid) signed by {@link CallIdentitySigner}. Exotel's request format is undocumented, so
 * GET and POST, query or form, and several field names are accepted.
 */
@RestController
class VoicebotUrlController {

    private final ExotelProperties exotel;
    private final ExotelCallUrls urls;
    private final JdbcClient jdbc;
    private final CallIdentitySigner identities;

    VoicebotUrlController(ExotelProperties exotel, ExotelCallUrls urls, JdbcClient jdbc, CallIdentitySigner identities) {
        this.exotel = exotel;
        this.urls = urls;
        this.jdbc = jdbc;
        this.identities = identities;
    }

    @Operation(summary = "Voicebot applet dynamic WebSocket URL")
    @RequestMapping(path = "/exotel/voicebot-url", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<?> voicebotUrl(HttpServletRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> fields.put(k, v.length == 0 ? null : v[0]));
        Map<String, String> link = ExotelCallUrls.parseCustomField(CallStatusCallback.get(fields, "CustomField"));
        String leadId = link.get("lead");
        if (leadId == null) {
            leadId = leadByPhone(first(fields, "CallFrom", "From"));
        }
        String identity = identities.sign(number(leadId), number(link.get("campaign")), number(link.get("scheduled")),
                CallStatusCallback.get(fields, "CallSid"));
        return ResponseEntity.ok(Map.of("url", urls.mediaStreamUrl(Map.of(CallIdentitySigner.PARAMETER, identity), true)));
    }

    /** For inbound calls or flows without our CustomField: the lead with the caller's number, if any. */
    private String leadByPhone(String phone) {
        return PhoneNumbers.toE164(phone).flatMap(e164 -> jdbc.sql("SELECT id FROM leads WHERE phone = ? ORDER BY id LIMIT 1")
                .param(e164).query(Long.class).optional()).map(String::valueOf).orElse(null);
    }

    private static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String first(Map<String, String> fields, String... names) {
        for (String name : names) {
            String value = CallStatusCallback.get(fields, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
