package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** /v3/api-docs describes a call as GET /api/calls/{callSid} writes it, so a client generated from it can read it. */
class CallApiDescriptionTest extends VaaniIntegrationTest {

    private static final JsonMapper JSON = new JsonMapper();

    @Autowired
    CallRecords callRecords;

    private JsonNode schemas() {
        return JSON.readTree(api().get().uri("/v3/api-docs").retrieve().body(String.class)).path("components")
                .path("schemas");
    }

    private static String jsonType(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            default -> "null";
        };
    }

    @Test
    void everyFieldOfARealCallHasTheTypeTheDescriptionGivesIt() {
        String sid = UUID.randomUUID().toString().replace("-", "");
        callRecords.placed(sid, insertLead("Described Lead", uniquePhone()), null, "08012345678", "+919800000000");
        jdbc.sql("UPDATE call_sessions SET collected_data = '{\"location\":\"Whitefield\",\"bedrooms\":2.5}'::jsonb, "
                + "transcript = '[{\"speaker\":\"ai\",\"text\":\"Namaste\",\"timestamp\":\"2026-12-06T10:00:00Z\"}]'::jsonb "
                + "WHERE call_sid = ?").param(sid).update();

        JsonNode call = JSON.readTree(api().get().uri("/api/calls/{sid}", sid).retrieve().body(String.class));
        JsonNode described = schemas().path("CallView").path("properties");

        for (Map.Entry<String, JsonNode> field : call.properties()) {
            assertThat(described.has(field.getKey())).as(field.getKey()).isTrue();
            assertThat(described.path(field.getKey()).path("type").asString()).as(field.getKey())
                    .isEqualTo(jsonType(field.getValue()));
        }
    }

    @Test
    void theTranscriptIsDescribedAsAnArrayOfLines() {
        JsonNode transcript = schemas().path("CallView").path("properties").path("transcript");

        assertThat(transcript.path("type").asString()).isEqualTo("array");
        assertThat(transcript.path("items").path("type").asString()).isEqualTo("object");
    }
}
