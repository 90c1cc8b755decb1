package dev.vaani.platform.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document says what the API answers when something is wrong: every /api operation's 400, 401, 404 (one
 * with a path variable), 500 and 503 are the one problem-detail shape {@link ApiProblems} writes (RFC 9457, with an
 * "errors" list naming each invalid field or parameter), so a client generated from the document can read them.
 */
@Configuration(proxyBeanMethods = false)
class ApiProblemDocumentation {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/")) {
                    return;
                }
                item.readOperations().forEach(operation -> {
                    ApiResponses responses = operation.getResponses() == null ? new ApiResponses()
                            : operation.getResponses();
                    responses.putIfAbsent("400", problem("Invalid input: the errors list names each field or"
                            + " parameter and what it must be"));
                    responses.putIfAbsent("401", problem("No admin key, or a wrong one (X-API-Key or Bearer)"));
                    if (path.contains("{")) {
                        responses.putIfAbsent("404", problem("No such resource; the detail names it"));
                    }
                    responses.putIfAbsent("500", problem("Unexpected error; the server log has the details"));
                    responses.putIfAbsent("503", problem("The database is unavailable; retry after Retry-After"));
                    operation.setResponses(responses);
                });
            });
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static Schema<?> problemSchema() {
        Schema<?> error = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the body field or parameter, like phone or page"))
                .addProperty("message", new StringSchema().description("what is wrong with it"));
        return new ObjectSchema().description("RFC 9457 problem detail")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("Validation failed"))
                .addProperty("instance", new StringSchema().example("/api/leads"))
                .addProperty("errors", new ArraySchema().items(error)
                        .description("each invalid field or parameter (400, and 409 naming a field)"));
    }
}
