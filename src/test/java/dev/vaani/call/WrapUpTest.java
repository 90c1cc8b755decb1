package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
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

/**
 * Ending a call from outside (an operator, or the maximum-duration timer): the bot says a polite goodbye, waits for
 * its mark, then hangs up; the call record is completed.
 */
class WrapUpTest extends VaaniIntegrationTest {

    @Autowired
    JsonMapper json;

    @Autowired
    LiveCalls liveCalls;

    @Test
    void anOperatorWrapUpSaysGoodbyeWaitsForItsMarkThenHangsUp() throws Exception {
        long leadId = insertLead("Meera Iyer", uniquePhone());
        String callSid = "wrap" + UUID.randomUUID().toString().replace("-", "");
        Scenario scenario = Scenario.builder("the caller listens, then stays silent")
                .waitForBotToFinish(300)
                .timeout(Duration.ofSeconds(60))
                .expectGreeting()
                .expectServerHangsUp()
                .expectNoChunkViolations()
                .build();

        try (ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<CallReport> call = CompletableFuture.supplyAsync(() -> new SimulatedCall(
                    SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media").leadId(Long.toString(leadId))
                            .callSid(callSid).build(), scenario).run(), runner);
            // the greeting has been heard (its line is recorded when its mark comes back)
            await().atMost(Duration.ofSeconds(20)).until(() -> transcriptLines(callSid) >= 1);

            assertThat(anonymous().post().uri("/api/calls/{sid}/wrap-up", callSid).retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(401);
            assertThat(api().post().uri("/api/calls/{sid}/wrap-up", "no-such-call").retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(404);
            assertThat(api().post().uri("/api/calls/{sid}/wrap-up", callSid).retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(202);

            CallReport report = call.get(45, TimeUnit.SECONDS);
            assertThat(report.failures()).withFailMessage(() -> describe(report)).isEmpty();
            assertThat(report.closeCode()).hasValue(1000);
            assertThat(report.utterances()).hasSize(2);
            CallReport.BotUtterance goodbye = report.utterances().getLast();
            assertThat(goodbye.interrupted()).isFalse();
            // the socket closed only after the goodbye had played out and its mark came back
            assertThat(report.marksEchoed()).isGreaterThanOrEqualTo(2);
            assertThat(report.durationMs()).isGreaterThanOrEqualTo(goodbye.startMs() + goodbye.durationMs());
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Boolean.class).single()).isTrue());
        Map<String, Object> record = jdbc.sql("""
                SELECT final_outcome, transcript::text AS transcript FROM call_sessions WHERE call_sid = ?""")
                .param(callSid).query().singleRow();
        assertThat(record.get("final_outcome")).isEqualTo("incomplete");
        JsonNode transcript = json.readTree((String) record.get("transcript"));
        assertThat(transcript).hasSize(2);
        assertThat(transcript.get(1).path("speaker").asString()).isEqualTo("ai");
        assertThat(transcript.get(1).path("text").asString()).contains("Goodbye");
        assertThat(liveCalls.wrapUp(callSid)).as("the call is no longer live").isFalse();
    }

    private int transcriptLines(String callSid) {
        return jdbc.sql("SELECT jsonb_array_length(transcript) FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Integer.class).optional().orElse(0);
    }
}
