package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.clip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.call.identity.CallIdentitySigner;
import dev.vaani.testing.ServerProcess;
import dev.vaani.testing.SignedStreams;
import dev.vaani.testing.VaaniIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A server killed mid-call (kill -9: no shutdown, nothing flushed) with Redis emptied afterwards: the call's row is
 * still closed, by the reconciler of another instance (this test's server), and holds what was collected before the
 * kill, with the reply latency of the turns it had, because collected data and each turn's timings are written
 * through to PostgreSQL while the call is live.
 */
@Isolated("empties the shared Redis, under every other test's live calls")
class KilledServerTest extends VaaniIntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    CallIdentitySigner identities;

    @Autowired
    CallProperties callSettings;

    @TempDir
    Path dataDirectory;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a second server starts, with offline speech recognition
    void aCallWhoseServerWasKilledIsClosedWithWhatWasCollected() throws Exception {
        long leadId = insertLead("Farhan Ali", uniquePhone());
        String callSid = "kill" + UUID.randomUUID().toString().replace("-", "");
        Scenario scenario = Scenario.builder("answers two questions, then stays on the line")
                .waitForBotToFinish(500).say(clip("yes-good-time.wav"))
                .waitForBotToFinish(500).say(clip("two-bhk.wav"))
                .waitForBotToFinish(500).say(clip("whitefield.wav"))
                .waitForBotToFinish(500).pause(120_000).hangUp()
                .timeout(Duration.ofSeconds(200))
                .build();

        // The other server shares this one's media secret, so it trusts the identity this test signs for the lead.
        try (ServerProcess server = ServerProcess.start(dataDirectory, Map.of("MEDIA_SECRET", callSettings.mediaSecret()));
             ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor()) {
            server.awaitReady(Duration.ofMinutes(4));
            CompletableFuture.runAsync(() -> new SimulatedCall(SimulatorOptions.builder()
                    .url(SignedStreams.mediaUrl(server.port(), identities, callSettings, leadId, null)).callSid(callSid)
                    .build(), scenario).run(), runner);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(collected(callSid).path("location")
                    .asString()).withFailMessage(server::tail).isEqualTo("Whitefield"));
            assertThat(row(callSid)).containsEntry("status", "in-progress").containsEntry("closed", false);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(measuredTurns(callSid))
                    .as("turns whose reply was heard, written while the call is live").hasSizeGreaterThanOrEqualTo(2));

            server.kill();
            redis.getConnectionFactory().getConnection().serverCommands().flushAll();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(row(callSid))
                .containsEntry("closed", true).containsEntry("decided", true));
        assertThat(row(callSid)).containsEntry("status", "interrupted").containsEntry("final_outcome", "incomplete");
        assertThat((String) row(callSid).get("end_reason")).contains("media stream lost");
        JsonNode collected = collected(callSid);
        assertThat(collected.path("location").asString()).isEqualTo("Whitefield");
        assertThat(collected.path("property_type").asString()).containsIgnoringCase("apartment");
        // the other server recognises speech offline, as an operator runs it
        assertThat(json.readTree(jdbc.sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).single()).findValuesAsString("text")).anyMatch(line -> line.contains("whitefield"));
        assertThat(jdbc.sql("SELECT location FROM leads WHERE id = ?").param(leadId).query(String.class).single())
                .isEqualTo("Whitefield");
        assertThat(measuredTurns(callSid)).as("the reply latency of the turns the killed call had")
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(turn -> assertThat(turn.path("first_audio_sent_ms").isNumber()).isTrue());
    }

    private java.util.List<JsonNode> measuredTurns(String callSid) {
        JsonNode turns = json.readTree(jdbc.sql("SELECT turn_metrics::text FROM call_sessions WHERE call_sid = ?")
                .param(callSid).query(String.class).optional().orElse("[]"));
        java.util.List<JsonNode> measured = new java.util.ArrayList<>();
        turns.forEach(turn -> {
            if (turn.has("first_audio_sent_ms")) {
                measured.add(turn);
            }
        });
        return measured;
    }

    private JsonNode collected(String callSid) throws Exception {
        String value = jdbc.sql("SELECT collected_data::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).optional().orElse("{}");
        return json.readTree(value);
    }

    private Map<String, Object> row(String callSid) {
        return jdbc.sql("""
                SELECT status, final_outcome, end_reason, media_ended_at IS NOT NULL AS closed,
                       next_step_decided_at IS NOT NULL AS decided
                  FROM call_sessions WHERE call_sid = ?""").param(callSid).query().singleRow();
    }
}
