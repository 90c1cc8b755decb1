package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.clip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.ScriptedSpeechToText;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** While the call is still live, what the caller said is already in PostgreSQL, not only in Redis. */
class WriteThroughTest extends VaaniIntegrationTest {

    @Autowired
    ScriptedSpeechToText recogniser;

    @Autowired
    JsonMapper json;

    @Test
    void collectedDataAndStageReachPostgresWhileTheCallIsLive() throws Exception {
        long leadId = insertLead("Anita Rao", uniquePhone());
        String callSid = "live" + UUID.randomUUID().toString().replace("-", "");
        recogniser.hears("Yes, this is a good time.", "I am looking for a two BHK apartment.", "In Whitefield.");
        Scenario scenario = Scenario.builder("answers two questions, then stays on the line")
                .waitForBotToFinish(500).say(clip("yes-good-time.wav"))
                .waitForBotToFinish(500).say(clip("two-bhk.wav"))
                .waitForBotToFinish(500).say(clip("whitefield.wav"))
                .waitForBotToFinish(500).pause(60_000).hangUp()
                .timeout(Duration.ofSeconds(120))
                .build();

        try (ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<CallReport> call = CompletableFuture.supplyAsync(() -> new SimulatedCall(
                    SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media").leadId(Long.toString(leadId))
                            .callSid(callSid).build(), scenario).run(), runner);

            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
                Map<String, Object> row = jdbc.sql("""
                        SELECT collected_data::text AS collected, conversation_stage, media_ended_at IS NULL AS live
                          FROM call_sessions WHERE call_sid = ?""").param(callSid).query().singleRow();
                assertThat(row.get("live")).isEqualTo(true);
                JsonNode collected = json.readTree((String) row.get("collected"));
                assertThat(collected.path("location").asString()).isEqualTo("Whitefield");
                assertThat(collected.path("property_type").asString()).containsIgnoringCase("apartment");
                assertThat(row.get("conversation_stage")).isNotNull();
            });

            assertThat(api().post().uri("/api/calls/{sid}/wrap-up", callSid).retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(202);
            call.get(60, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql("""
                SELECT status FROM call_sessions WHERE call_sid = ? AND next_step_decided_at IS NOT NULL""")
                .param(callSid).query(String.class).optional()).contains("completed"));
    }
}
