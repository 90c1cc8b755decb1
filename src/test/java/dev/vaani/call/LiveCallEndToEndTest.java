package dev.vaani.call;

import dev.vaani.testing.SignedStreams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.simulator.AudioClip;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.ScriptedSpeechToText;
import dev.vaani.testing.VaaniIntegrationTest;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The whole call path: the simulator stands in for Exotel and streams recorded caller speech to /media; the server
 * recognises it (deterministic test recogniser), the scripted agent qualifies the lead, replies are synthesised
 * (test tones), paced and played back; the caller interrupts once. PostgreSQL and Redis hold the result.
 */
class LiveCallEndToEndTest extends VaaniIntegrationTest {

    @Autowired
    dev.vaani.call.identity.CallIdentitySigner identities;

    @Autowired
    CallProperties callSettings;

    @Autowired
    ScriptedSpeechToText recogniser;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Test
    void qualifiesALeadWithABargeInAndStoresTheCall() throws Exception {
        long leadId = insertLead("Priya Sharma", uniquePhone());
        String callSid = "e2e" + UUID.randomUUID().toString().replace("-", "");
        recogniser.hears("Yes, this is a good time.", "Wait, sorry, can you repeat that?",
                "I am looking for a two BHK apartment.", "In Whitefield.", "My budget is around fifty lakhs.",
                "Within three months.", "It is for my own use.", "I will take a home loan.", "Yes, that is right.");
        Scenario scenario = Scenario.builder("qualification with a barge-in")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .bargeIn(1200, clip("wait-repeat.wav"))
                .waitForBotToFinish(800)
                .say(clip("two-bhk.wav"))
                .waitForBotToFinish(800)
                .say(clip("whitefield.wav"))
                .waitForBotToFinish(800)
                .say(clip("budget.wav"))
                .waitForBotToFinish(800)
                .say(clip("timeline.wav"))
                .waitForBotToFinish(800)
                .say(clip("own-use.wav"))
                .waitForBotToFinish(800)
                .say(clip("home-loan.wav"))
                .waitForBotToFinish(800)
                .say(clip("yes-right.wav"))
                .waitForBotToFinish(800)
                .timeout(Duration.ofMinutes(2))
                .expectGreeting()
                .expectBargeInCleared()
                .expectServerHangsUp()
                .expectNoChunkViolations()
                .build();

        CallReport report = new SimulatedCall(SimulatorOptions.builder()
                .url(SignedStreams.mediaUrl(port, identities, callSettings, leadId, null))
                .callSid(callSid)
                .build(), scenario).run();

        java.io.StringWriter timeline = new java.io.StringWriter();
        dev.vaani.simulator.ReportPrinter.print(report, new java.io.PrintWriter(timeline, true));
        assertThat(report.failures())
                .withFailMessage(() -> "simulated call failed: " + report.failures() + "\n" + timeline + "\ntranscript: "
                        + jdbc.sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                                .query(String.class).optional().orElse("none"))
                .isEmpty();
        assertThat(report.malformedMessages()).isZero();
        assertThat(report.utterances()).anyMatch(utterance -> utterance.interrupted());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT final_outcome FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).optional()).contains("qualified"));
        Map<String, Object> call = jdbc.sql("""
                SELECT lead_id, status, collected_data::text AS collected, transcript::text AS transcript,
                       conversation_stage, ended_at IS NOT NULL AS ended
                FROM call_sessions WHERE call_sid = ?""").param(callSid).query().singleRow();
        assertThat(call.get("lead_id")).isEqualTo(leadId);
        assertThat(call.get("ended")).isEqualTo(true);
        JsonNode collected = json.readTree((String) call.get("collected"));
        assertThat(collected.path("property_type").asString()).containsIgnoringCase("apartment");
        assertThat(collected.path("location").asString()).isEqualTo("Whitefield");
        assertThat(collected.path("budget_min_rupees").asLong()).isBetween(4_000_000L, 5_000_000L);
        JsonNode transcript = json.readTree((String) call.get("transcript"));
        assertThat(transcript.get(0).path("speaker").asString()).isEqualTo("ai");
        assertThat(transcript.get(0).path("text").asString()).contains("Priya");
        assertThat(transcript.findValuesAsString("text")).contains("I am looking for a two BHK apartment.");
        assertThat(transcript).anyMatch(line -> line.path("interrupted").asBoolean());

        String session = redis.opsForValue().get("session:" + callSid);
        assertThat(session).isNotNull();
        JsonNode live = json.readTree(session);
        assertThat(live.path("final_outcome").asString()).isEqualTo("qualified");
        assertThat(live.path("transcript_history").size()).isEqualTo(transcript.size());
        assertThat(redis.getExpire("session:" + callSid)).isPositive();
    }

    private static AudioClip clip(String name) {
        return CallTestSupport.clip(name);
    }
}
