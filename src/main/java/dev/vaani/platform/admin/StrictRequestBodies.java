package dev.vaani.platform.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON bodies sent to our handlers ({@code @RequestBody}: leads, campaigns, webhooks, call backs, all under
 * /api) are read strictly, so a mistake is a 400 naming the field ({@link ApiProblems}) and never a wrong setting:
 * a field the request does not have ({@code "doNotCal"}), a fraction for a whole number ({@code 2.7}, was cut to 2),
 * a number or true/false for text, a number for true/false, text for a number or true/false ({@code "3"},
 * {@code "true"}: a quoting form or spreadsheet would otherwise set whatever the text happens to parse to), and
 * anything after the body's one JSON value (two objects pasted together: the second was dropped unread).
 * <p>
 * Only the server's message converter reads this way. The application's JsonMapper, which reads what Exotel and the
 * speech providers send (their answers and callbacks carry fields we do not know, and must keep being taken), the
 * stored sessions and collected answers, is left as it is: this is a copy of it with its settings.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestBodies implements WebMvcConfigurer {

    private final JsonMapper json;

    StrictRequestBodies(JsonMapper json) {
        this.json = json;
    }

    /** Runs after Spring Boot's own configurer (order 0), so its JSON converter is the one replaced. */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict(json)));
    }

    static JsonMapper strict(JsonMapper json) {
        return json.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .withCoercionConfig(LogicalType.Integer, coercion -> coercion
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, coercion -> coercion
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, coercion -> coercion
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, coercion -> coercion
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .build();
    }
}
