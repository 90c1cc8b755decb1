package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.clip;
import static dev.vaani.call.CallTestSupport.describe;
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
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * However a call ends (Exotel's stop, or the socket dropping mid-call), the record is completed in PostgreSQL, the
 * Redis session outlives the call for its TTL, and the call leaves the live set and the live-calls gauge.
 */
class CallEndTest extends VaaniIntegrationTest {

    @Autowired
    ScriptedSpeechToText recogniser;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    LiveCalls liveCalls;

    @Autowired
    MeterRegistry meters;

    @Test
    void aStopEventCompletesTheCall() throws Exception {
        double gaugeBefore = liveGauge();
        long leadId = insertLead("Kiran Das", uniquePhone());
        String callSid = "stop" + UUID.randomUUID().toString().replace("-", "");
        recogniser.hears("Yes, this is a good time.");
        Scenario scenario = Scenario.builder("answer once, then hang up")
                .waitForBotToFinish(500)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(500)
                .hangUp()
                .timeout(Duration.ofSeconds(45))
                .expectGreeting()
                .expectBotRepliesAtLeast(1)
                .build();

        CallReport report = new SimulatedCall(SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media")
                .leadId(Long.toString(leadId)).callSid(callSid).build(), scenario).run();

        assertThat(report.failures()).withFailMessage(() -> describe(report)).isEmpty();
        assertThat(report.serverClosed()).isFalse();
        assertCompleted(callSid, 3, gaugeBefore);
        assertThat(closure(callSid)).as("no webhook will come for this call: the media leg closed it")
                .containsEntry("status", "completed").containsEntry("end_reason", "callended")
                .containsEntry("decided", true);
    }

    @Test
    void anAbruptSocketDropMidCallCompletesTheCall() throws Exception {
        double gaugeBefore = liveGauge();
        long leadId = insertLead("Sunil Nair", uniquePhone());
        String callSid = "drop" + UUID.randomUUID().toString().replace("-", "");
        String stream = "MZ" + callSid;
        try (RawMediaSocket socket = new RawMediaSocket(RawMediaSocket.uri(port, "sample-rate=8000"))) {
            socket.send(RawMediaSocket.connected());
            socket.send(RawMediaSocket.start(callSid, stream, uniquePhone(), Map.of("lead_id", Long.toString(leadId)),
                    "audio/x-raw"));
            socket.send(RawMediaSocket.media(stream, new byte[3200]));
            // play the greeting the way Exotel does: echo each of its marks
            java.util.Set<String> echoed = new java.util.HashSet<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (JsonNode message : socket.received()) {
                    String name = message.path("mark").path("name").asString();
                    if (message.path("event").asString().equals("mark") && echoed.add(name)) {
                        socket.send(RawMediaSocket.mark(stream, name));
                    }
                }
                return transcriptLines(callSid) >= 1;
            });
            assertThat(liveCalls.liveCount()).isEqualTo(1);
            assertThat(liveGauge()).isEqualTo(gaugeBefore + 1);

            socket.abort(); // no stop, no close frame
        }

        assertCompleted(callSid, 1, gaugeBefore);
        assertThat(closure(callSid)).containsEntry("status", "interrupted")
                .containsEntry("end_reason", "socket-closed-1006").containsEntry("decided", true);
    }

    private Map<String, Object> closure(String callSid) {
        return jdbc.sql("""
                SELECT status, end_reason, next_step_decided_at IS NOT NULL AS decided
                  FROM call_sessions WHERE call_sid = ?""").param(callSid).query().singleRow();
    }

    private void assertCompleted(String callSid, int transcriptLines, double gaugeBefore) throws Exception {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT ended_at IS NOT NULL AND next_step_decided_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Boolean.class).single()).isTrue());
        Map<String, Object> call = jdbc.sql("""
                SELECT final_outcome, conversation_stage, duration_seconds, transcript::text AS transcript
                  FROM call_sessions WHERE call_sid = ?""").param(callSid).query().singleRow();
        assertThat(call.get("final_outcome")).isEqualTo("incomplete");
        assertThat(call.get("conversation_stage")).isNotNull();
        assertThat(call.get("duration_seconds")).isNotNull();
        JsonNode transcript = json.readTree((String) call.get("transcript"));
        assertThat(transcript.size()).isGreaterThanOrEqualTo(transcriptLines);
        assertThat(transcript.get(0).path("speaker").asString()).isEqualTo("ai");

        String key = "session:" + callSid;
        JsonNode session = json.readTree(redis.opsForValue().get(key));
        assertThat(session.path("final_outcome").asString()).isEqualTo("incomplete");
        assertThat(session.path("transcript_history").size()).isEqualTo(transcript.size());
        assertThat(redis.getExpire(key)).isPositive();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(liveCalls.liveCount()).isZero();
            assertThat(liveGauge()).isEqualTo(gaugeBefore);
        });
    }

    private double liveGauge() {
        return meters.get("vaani.calls.live").gauge().value();
    }

    private int transcriptLines(String callSid) {
        return jdbc.sql("SELECT jsonb_array_length(transcript) FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Integer.class).optional().orElse(0);
    }
}
