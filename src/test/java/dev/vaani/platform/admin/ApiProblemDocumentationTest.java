package dev.vaani.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** /v3/api-docs describes the API's answers as they are: its status codes, and the one problem shape of its errors. */
class ApiProblemDocumentationTest extends VaaniIntegrationTest {

    private static final JsonMapper JSON = new JsonMapper();

    private JsonNode document() {
        return JSON.readTree(api().get().uri("/v3/api-docs").retrieve().body(String.class));
    }

    @Test
    void everyApiOperationDescribesItsErrorsAsProblemDetails() {
        JsonNode document = document();

        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode responses = operation.getValue().path("responses");
                for (String status : path.getKey().contains("{") ? new String[] {"400", "401", "404"}
                        : new String[] {"400", "401"}) {
                    assertThat(responses.path(status).path("content").path("application/problem+json").path("schema")
                            .path("$ref").asString()).as(operation.getKey() + " " + path.getKey() + " " + status)
                            .isEqualTo("#/components/schemas/Problem");
                }
            }
        }
        assertThat(document.path("components").path("schemas").path("Problem").path("properties").propertyNames())
                .contains("title", "status", "detail", "errors");
    }

    @Test
    void creatingALeadIsDescribedAs201AndDeletingOneAs204() {
        JsonNode paths = document().path("paths");

        assertThat(paths.path("/api/leads").path("post").path("responses").has("201")).isTrue();
        assertThat(paths.path("/api/leads").path("post").path("responses").has("200")).isFalse();
        assertThat(paths.path("/api/leads/{id}").path("delete").path("responses").has("204")).isTrue();
        assertThat(paths.path("/api/campaigns").path("post").path("responses").has("201")).isTrue();
    }
}
