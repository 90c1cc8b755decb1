package dev.vaani.telephony.exotel;

import dev.vaani.call.identity.CallIdentitySigner;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

    private final ExotelCallUrls urls;
    private final CallIdentitySigner identities;

    VoicebotUrlController(ExotelCallUrls urls, CallIdentitySigner identities) {
        this.urls = urls;
        this.identities = identities;
    }

    @Operation(summary = "Voicebot applet dynamic WebSocket URL")
    @RequestMapping(path = "/exotel/voicebot-url", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<?> voicebotUrl(HttpServletRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> fields.put(k, v.length == 0 ? null : v[0]));
        String callSid = CallStatusCallback.get(fields, "CallSid");
        if (callSid == null) {
            // an identity bound to no call would open any stream for its lead until it expires
            return CallStatusWebhookController.problem(HttpStatus.BAD_REQUEST, "CallSid is missing");
        }
        // Our CustomField names the lead of a call we placed. Without it the caller is unknown: a caller ID can be
        // spoofed, so the number Exotel reports names no lead (docs/call-identity.md).
        Map<String, String> link = ExotelCallUrls.parseCustomField(CallStatusCallback.get(fields, "CustomField"));
        String identity = identities.sign(number(link.get("lead")), number(link.get("campaign")),
                number(link.get("scheduled")), callSid);
        return ResponseEntity.ok(Map.of("url", urls.mediaStreamUrl(Map.of(CallIdentitySigner.PARAMETER, identity), true)));
    }

    private static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
