package dev.vaani.conversation.openai;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.conversation.openai.LlmFailure.Kind;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Maps OpenAI's error responses ({"error":{"message","type","param","code"}}) to {@link LlmFailure}. */
final class OpenAiErrors {

    private OpenAiErrors() {}

    static LlmFailure fromHttp(int status, byte[] body, HttpHeaders headers, JsonMapper json) {
        JsonNode error = parseError(body, json);
        String code = error.path("code").asString("");
        String type = error.path("type").asString("");
        String message = error.path("message").asString("");
        if (message.isEmpty()) {
            message = "HTTP " + status + " from OpenAI";
        }
        Kind kind = switch (status) {
            case 401, 403 -> Kind.UNAUTHORIZED;
            case 408 -> Kind.TIMEOUT;
            case 429 -> isQuota(code, type) ? Kind.QUOTA_EXCEEDED : Kind.RATE_LIMITED;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
        };
        String requestId = headers.firstValue("x-request-id").orElse(null);
        return new LlmFailure(kind, message, requestId, retryAfter(headers), false, null);
    }

    /** A {"error":…} object sent inside an event stream that had started normally. */
    static LlmFailure fromStreamError(JsonNode error, String requestId) {
        String code = error.path("code").asString("");
        String type = error.path("type").asString("");
        Kind kind;
        if (isQuota(code, type)) {
            kind = Kind.QUOTA_EXCEEDED;
        } else if (code.contains("rate_limit") || type.equals("requests") || type.equals("tokens")) {
            kind = Kind.RATE_LIMITED;
        } else if (type.equals("invalid_request_error")) {
            kind = Kind.BAD_REQUEST;
        } else {
            kind = Kind.SERVER_ERROR;
        }
        String message = error.path("message").asString("error in OpenAI stream");
        return new LlmFailure(kind, message, requestId, null, false, null);
    }

    private static boolean isQuota(String code, String type) {
        return code.equals("insufficient_quota") || type.equals("insufficient_quota");
    }

    private static JsonNode parseError(byte[] body, JsonMapper json) {
        try {
            return json.readTree(body).path("error");
        } catch (Exception notJson) {
            return json.missingNode();
        }
    }

    /** retry-after-ms, else retry-after in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpHeaders headers) {
        var millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(millis.get().trim()));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        var value = headers.firstValue("retry-after");
        if (value.isEmpty()) {
            return null;
        }
        String text = value.get().trim();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(text) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
