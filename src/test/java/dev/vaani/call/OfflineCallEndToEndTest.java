package dev.vaani.call;

import dev.vaani.testing.SignedStreams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.ReportPrinter;
import dev.vaani.simulator.ScenarioFile;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.speech.offline.PocketSphinxSpeechToText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import dev.vaani.testing.SharedResources;

/**
 * Offline mode, whole call, no cloud account: the simulator plays the demo's recorded caller speech, the server
 * recognises it with PocketSphinx, the scripted agent qualifies the lead, FreeTTS speaks, and PostgreSQL holds the
 * property type, location and budget.
 */
// Waits in real time for a whole call; a context of its own. It speaks with the JVM's one offline voice.
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(SharedResources.OFFLINE_VOICE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vaani.providers.deepgram.mode=offline", "vaani.providers.openai.mode=offline",
        "vaani.providers.elevenlabs.mode=offline"})
class OfflineCallEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    dev.vaani.call.identity.CallIdentitySigner identities;

    @Autowired
    CallProperties callSettings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void qualifiesALeadWithNoCloudProvider() throws Exception {
        assumeThat(PocketSphinxSpeechToText.availability())
                .as("offline recogniser missing; install with scripts/install-offline-speech.sh").isEmpty();
        String callSid = "offline" + UUID.randomUUID().toString().replace("-", "");
        long leadId = jdbc.sql("INSERT INTO leads (name, phone) VALUES ('Asha Rao', ?) RETURNING id")
                .param("+9197" + String.format("%08d", (int) (Math.random() * 100_000_000))).query(Long.class).single();

        CallReport report = new SimulatedCall(SimulatorOptions.builder()
                .url(SignedStreams.mediaUrl(port, identities, callSettings, leadId, null)).callSid(callSid).build(),
                ScenarioFile.demo()).run();

        StringWriter timeline = new StringWriter();
        ReportPrinter.print(report, new PrintWriter(timeline, true));
        assertThat(report.failures()).withFailMessage(() -> report.failures() + "\n" + timeline).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc
                .sql("SELECT ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Boolean.class).optional().orElse(false));
        JsonNode collected = json.readTree(jdbc.sql("SELECT collected_data::text FROM call_sessions WHERE call_sid = ?")
                .param(callSid).query(String.class).single());
        String transcript = jdbc.sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?")
                .param(callSid).query(String.class).single();
        assertThat(collected.path("property_type").asString()).as(transcript).isEqualTo("apartment");
        assertThat(collected.path("location").asString()).as(transcript).isEqualTo("Whitefield");
        assertThat(collected.path("budget_min_rupees").asLong()).as(transcript).isBetween(4_000_000L, 5_000_000L);
        assertThat(jdbc.sql("SELECT location FROM leads WHERE id = ?").param(leadId).query(String.class).single())
                .isEqualTo("Whitefield");
    }
}
