package dev.vaani.platform;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.validation.FieldError;

/**
 * Reports a malformed or invalid setting by the variable name the user set (MAX_CALL_DURATION_MINUTES), not by the
 * internal property name, and without a stack trace.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class SettingBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)(?::.*)?}$");

    /**
     * Internal property name → the variable users set, read from application.yml's {@code ${VARIABLE:default}}
     * placeholders, so every setting there is named as the user knows it without a second list to keep.
     */
    static final Map<String, String> VARIABLES = variablesOf(new ClassPathResource("application.yml"));

    static Map<String, String> variablesOf(Resource yaml) {
        YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
        factory.setResources(yaml);
        Properties properties = factory.getObject();
        Map<String, String> variables = new HashMap<>();
        if (properties != null) {
            properties.forEach((property, value) -> {
                Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(value));
                if (placeholder.matches()) {
                    variables.put(String.valueOf(property), placeholder.group(1));
                }
            });
        }
        return Map.copyOf(variables);
    }

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
                reason = expected(conversion.getTargetType().getType());
                break;
            }
        }
        return new FailureAnalysis("Invalid setting: " + describe(property, value) + " is malformed (" + reason + ")",
                "Fix it in the environment or .env (see .env.example).", cause);
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "expected one of: " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        return "expected " + type.getSimpleName();
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
