package dev.vaani.platform;

import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;

/**
 * Reports a malformed or invalid setting by the variable name the user set (MAX_CALL_DURATION_MINUTES), not by the
 * internal property name, and without a stack trace.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class SettingBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    /** Internal property name → the variable users set. */
    static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("vaani.call.max-duration-minutes", "MAX_CALL_DURATION_MINUTES"),
            Map.entry("vaani.call.websocket-path", "WEBSOCKET_ENDPOINT_PATH"),
            Map.entry("vaani.call.media-secret", "MEDIA_SECRET"),
            Map.entry("vaani.call.greeting-protection-ms", "GREETING_PROTECTION_MS"),
            Map.entry("vaani.vad.mode", "VAD_MODE"),
            Map.entry("vaani.exotel.base-url", "EXOTEL_BASE_URL"),
            Map.entry("vaani.providers.deepgram.mode", "STT_PROVIDER"),
            Map.entry("vaani.providers.openai.mode", "LLM_PROVIDER"),
            Map.entry("vaani.providers.elevenlabs.mode", "TTS_PROVIDER"),
            Map.entry("vaani.providers.deepgram.base-url", "DEEPGRAM_BASE_URL"),
            Map.entry("vaani.providers.openai.base-url", "OPENAI_BASE_URL"),
            Map.entry("vaani.providers.elevenlabs.base-url", "ELEVENLABS_BASE_URL"),
            Map.entry("vaani.providers.sarvam.base-url", "SARVAM_BASE_URL"),
            Map.entry("vaani.providers.deepgram.api-key", "DEEPGRAM_API_KEY"),
            Map.entry("vaani.providers.openai.api-key", "OPENAI_API_KEY"),
            Map.entry("vaani.providers.elevenlabs.api-key", "ELEVENLABS_API_KEY"),
            Map.entry("vaani.providers.sarvam.api-key", "SARVAM_API_KEY"));

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        if (cause.getCause() instanceof BindValidationException validation) {
            String problems = validation.getValidationErrors().getAllErrors().stream()
                    .map(error -> error instanceof FieldError field
                            ? describe(cause.getName() + "." + field.getField(), field.getRejectedValue()) + " " + field.getDefaultMessage()
                            : error.getDefaultMessage())
                    .collect(Collectors.joining("; "));
            return new FailureAnalysis("Invalid setting: " + problems, "Fix it in the environment or .env (see .env.example).", cause);
        }
        String property = cause.getProperty() != null ? cause.getProperty().getName().toString() : cause.getName().toString();
        Object value = cause.getProperty() != null ? cause.getProperty().getValue() : null;
        String reason = "cannot be used";
        for (Throwable t = cause.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ConversionFailedException conversion) {
                value = conversion.getValue();
                reason = "expected " + conversion.getTargetType().getType().getSimpleName();
                break;
            }
        }
        return new FailureAnalysis("Invalid setting: " + describe(property, value) + " is malformed (" + reason + ")",
                "Fix it in the environment or .env (see .env.example).", cause);
    }

    private static String describe(String property, Object value) {
        String variable = VARIABLES.get(toKebab(property));
        String name = variable != null ? variable : property;
        boolean secret = name.toLowerCase().contains("secret") || name.toLowerCase().contains("key");
        return name + (value == null || secret ? "" : "='" + value + "'");
    }

    private static String toKebab(String property) {
        return property.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }

}
