package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.simulator.AudioClip;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** A key press during the bot's speech: the bot stops at once, and pressing 1 hands the caller to a person. */
class DtmfTest extends VaaniIntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Test
    void pressingOneWhileTheBotSpeaksStopsItAndHandsOverToAPerson() throws Exception {
        long leadId = insertLead("Rahul Verma", uniquePhone());
        String callSid = "dtmf" + UUID.randomUUID().toString().replace("-", "");
        // a moment of silence "spoken" 1 s into the greeting positions the key press while the bot talks
        AudioClip instant = AudioClip.of("key-press-moment", 8000, new byte[320]);
        Scenario scenario = Scenario.builder("press 1 during the greeting")
                .bargeIn(1000, instant)
                .dtmf("1")
                .timeout(Duration.ofSeconds(40))
                .expectServerHangsUp()
                .expectNoChunkViolations()
                .build();

        CallReport report = new SimulatedCall(SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media")
                .leadId(Long.toString(leadId)).callSid(callSid).build(), scenario).run();

        assertThat(report.failures()).withFailMessage(() -> describe(report)).isEmpty();
        assertThat(report.clearsReceived()).isGreaterThanOrEqualTo(1);
        assertThat(report.utterances()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(report.utterances().getFirst().interrupted()).as("the greeting was cut off").isTrue();
        assertThat(report.utterances().getLast().interrupted()).as("the hand-over line was heard").isFalse();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Boolean.class).single()).isTrue());
        Map<String, Object> call = jdbc.sql("""
                SELECT escalation_requested, final_outcome, transcript::text AS transcript
                  FROM call_sessions WHERE call_sid = ?""").param(callSid).query().singleRow();
        assertThat(call.get("escalation_requested")).isEqualTo(true);
        assertThat(call.get("final_outcome")).isEqualTo("transferred");
        JsonNode transcript = json.readTree((String) call.get("transcript"));
        assertThat(transcript).anyMatch(line -> line.path("interrupted").asBoolean());

        JsonNode session = json.readTree(redis.opsForValue().get("session:" + callSid));
        assertThat(session.path("escalation_requested").asBoolean()).isTrue();
        assertThat(session.path("final_outcome").asString()).isEqualTo("transferred");
    }
}
