package dev.vaani.speech.elevenlabs;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Maps ElevenLabs error responses: {"detail":{"status","message"}} or FastAPI's 422 {"detail":[{"msg"}]}. */
final class ElevenLabsErrors {

    private static final JsonMapper JSON = new JsonMapper();

    private ElevenLabsErrors() {}

    static SpeechFailure fromResponse(int status, String body) {
        Kind kind = switch (status) {
            case 401, 403 -> Kind.UNAUTHORIZED; // includes quota_exceeded: retrying cannot help
            case 408 -> Kind.TIMEOUT;
            case 429 -> Kind.RATE_LIMITED;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
        };
        String detail = detail(body);
        return new SpeechFailure(kind, "ElevenLabs HTTP " + status + (detail.isEmpty() ? "" : " " + detail));
    }

    private static String detail(String body) {
        try {
            JsonNode detail = JSON.readTree(body == null ? "" : body).path("detail");
            if (detail.isObject()) {
                String status = detail.path("status").asString("");
                String message = detail.path("message").asString("");
                return status.isEmpty() ? message : status + ": " + message;
            }
            if (detail.isArray()) {
                return StreamSupport.stream(detail.spliterator(), false)
                        .map(d -> d.path("loc").toString() + " " + d.path("msg").asString(""))
                        .collect(Collectors.joining("; "));
            }
        } catch (JacksonException ignored) {
            // not JSON: use the raw text below
        }
        String text = body == null ? "" : body.strip();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
