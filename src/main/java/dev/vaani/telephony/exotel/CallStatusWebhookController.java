package dev.vaani.telephony.exotel;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.crm.CallRecords;
import dev.vaani.crm.CallStatusUpdate;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Exotel's StatusCallback: JSON (we ask for it), or form / multipart (Exotel's default). */
@RestController
class CallStatusWebhookController {

    private static final String EXPECTED_TYPES =
            "expected application/json, application/x-www-form-urlencoded or multipart/form-data";

    private final CallRecords callRecords;
    private final JsonMapper json;

    CallStatusWebhookController(CallRecords callRecords, JsonMapper json) {
        this.callRecords = callRecords;
        this.json = json;
    }

    @Operation(summary = "Exotel call status callback", description = "Needs EXOTEL_WEBHOOK_SECRET (query secret, X-Vaani-Secret header or Basic auth password), checked by the security chain")
    @PostMapping("/webhooks/exotel/call-status")
    ResponseEntity<?> callStatus(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        if (!contentType.startsWith(MediaType.APPLICATION_JSON_VALUE)
                && !contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                && !contentType.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type; " + EXPECTED_TYPES);
        }
        Map<String, String> fields;
        try {
            fields = readFields(request);
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        CallStatusUpdate update;
        try {
            update = CallStatusCallback.parse(fields);
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid status callback: " + e.getMessage());
        }
        CallRecords.Applied applied = callRecords.apply(update, fields);
        return ResponseEntity.ok(Map.of("call_sid", update.callSid(), "status", update.status(),
                "matched", applied == CallRecords.Applied.UPDATED));
    }

    private Map<String, String> readFields(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        Map<String, String> fields = new LinkedHashMap<>();
        if (contentType.startsWith(MediaType.APPLICATION_JSON_VALUE)) {
            JsonNode body;
            try {
                body = json.readTree(request.getInputStream());
            } catch (IOException | JacksonException e) {
                throw new IllegalArgumentException("Body is not valid JSON");
            }
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("JSON body must be an object with Exotel's fields");
            }
            body.properties().forEach(e -> fields.put(e.getKey(),
                    e.getValue().isValueNode() ? e.getValue().asString("") : e.getValue().toString()));
        } else if (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                || contentType.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
            request.getParameterMap().forEach((key, values) -> {
                if (!key.equals("secret") && values.length > 0) {
                    fields.put(key, values[0]);
                }
            });
        } else {
            throw new IllegalArgumentException("Unsupported content type; " + EXPECTED_TYPES);
        }
        return fields;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
