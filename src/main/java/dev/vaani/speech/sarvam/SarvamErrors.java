package dev.vaani.speech.sarvam;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

/**
 * Maps Sarvam's failure signals to typed failures. REST errors and refused upgrades carry
 * {@code {"error":{"message","code","request_id"}}}; a bad or missing key is 403 {@code invalid_api_key_error}
 * (401 is treated the same); 429 is either {@code rate_limit_exceeded_error} (retry later) or
 * {@code insufficient_quota_error} (credits spent: retrying cannot help). On an open socket errors arrive as
 * {@code {"type":"error","data":{...}}} messages carrying the same codes.
 */
final class SarvamErrors {

    private static final JsonMapper JSON = new JsonMapper();

    private SarvamErrors() {}

    /** A typed failure: what went wrong, and whether trying again (later, or a fresh connection) may help. */
    record Failure(Kind kind, String message) {
        boolean recoverable() {
            return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR || kind == Kind.TIMEOUT
                    || kind == Kind.CONNECTION_LOST || kind == Kind.UNAVAILABLE;
        }

        SpeechFailure toSpeechFailure() {
            return new SpeechFailure(kind, message);
        }

        /** The failure as a recognition stream reports it to its listener. */
        SpeechEvent.Failure event() {
            return new SpeechEvent.Failure(kind, message, recoverable());
        }
    }

    static Failure fromStatus(int status, String body) {
        String code = errorCode(body);
        String message = "Sarvam HTTP " + status + describe(body);
        if (code.contains("quota")) {
            return new Failure(Kind.UNAUTHORIZED, message);
        }
        return switch (status) {
            case 401, 403 -> new Failure(Kind.UNAUTHORIZED, message);
            case 408 -> new Failure(Kind.TIMEOUT, message);
            case 429 -> new Failure(Kind.RATE_LIMITED, message);
            default -> status >= 500 ? new Failure(Kind.SERVER_ERROR, message) : new Failure(Kind.BAD_REQUEST, message);
        };
    }

    /** An error message on an open socket; {@code data} is the message's "data" object. */
    static Failure fromMessage(JsonNode data) {
        String code = data.path("code").asString("").toLowerCase(Locale.ROOT);
        String text = data.path("message").asString(data.path("error").asString(""));
        String message = "Sarvam error" + (code.isEmpty() ? "" : " " + code) + (text.isEmpty() ? "" : ": " + text);
        Kind kind;
        if (code.contains("quota") || code.contains("api_key") || code.contains("auth") || code.equals("403")
                || code.equals("401")) {
            kind = Kind.UNAUTHORIZED;
        } else if (code.contains("rate_limit") || code.equals("429")) {
            kind = Kind.RATE_LIMITED;
        } else if (code.contains("timeout") || code.equals("408")) {
            kind = Kind.TIMEOUT;
        } else if (code.contains("invalid_request") || code.contains("unprocessable") || code.startsWith("4")) {
            kind = Kind.BAD_REQUEST;
        } else {
            kind = Kind.SERVER_ERROR; // internal_server_error, unknown codes: worth a fresh attempt
        }
        return new Failure(kind, message);
    }

    /** The server closed a socket we did not ask to close. */
    static Failure fromClose(int code, String reason) {
        String message = "Sarvam closed the socket: " + code + (reason == null || reason.isBlank() ? "" : " " + reason);
        return switch (code) {
            case 1008 -> new Failure(Kind.BAD_REQUEST, message); // policy violation: same request fails again
            case 1011, 1012, 1013, 1014 -> new Failure(Kind.SERVER_ERROR, message);
            default -> new Failure(Kind.CONNECTION_LOST, message);
        };
    }

    static Failure fromThrowable(Throwable error, boolean connecting) {
        if (error instanceof IllegalArgumentException) {
            return new Failure(Kind.BAD_REQUEST, SpeechFailure.unsendableSettingMessage("Sarvam"));
        }
        String message = "Sarvam " + (connecting ? "connect" : "stream") + " failed: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : " " + error.getMessage());
        if (error instanceof HttpTimeoutException || error instanceof java.util.concurrent.TimeoutException) {
            return new Failure(Kind.TIMEOUT, message);
        }
        if (error instanceof IOException || !connecting) {
            return new Failure(Kind.CONNECTION_LOST, message);
        }
        return new Failure(Kind.SERVER_ERROR, message);
    }

    static String errorCode(String body) {
        JsonNode error = parse(body).path("error");
        return error.path("code").asString("").toLowerCase(Locale.ROOT);
    }

    private static String describe(String body) {
        JsonNode error = parse(body).path("error");
        if (error.isObject()) {
            String code = error.path("code").asString("");
            String text = error.path("message").asString("");
            return code.isEmpty() ? (text.isEmpty() ? "" : " " + text) : " " + code + (text.isEmpty() ? "" : ": " + text);
        }
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "" : " " + (text.length() > 200 ? text.substring(0, 200) : text);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }
}
