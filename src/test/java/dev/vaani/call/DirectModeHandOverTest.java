package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.call.identity.CallIdentitySigner;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.SignedStreams;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A call the dialer placed directly (no Exotel flow) ends when its stream closes: a caller who asks for a person is
 * promised a call back, never a connection that cannot happen, and the call is recorded as handed over.
 */
class DirectModeHandOverTest extends VaaniIntegrationTest {

    @Autowired
    CallIdentitySigner identities;

    @Autowired
    CallProperties callSettings;

    @Autowired
    JsonMapper json;

    @Test
    void aCallerWhoAsksForAPersonOnADirectCallIsPromisedACallBack() throws Exception {
        long leadId = insertLead("Rahul Verma", uniquePhone());
        String callSid = "direct" + UUID.randomUUID().toString().replace("-", "");
        Scenario scenario = Scenario.builder("asks for a person on a direct call").waitForBotToFinish().dtmf("1")
                .timeout(Duration.ofSeconds(40)).expectServerHangsUp().build();

        CallReport report = new SimulatedCall(SimulatorOptions.builder()
                .url(SignedStreams.mediaUrl(port, identities, callSettings, leadId, null)).callSid(callSid).build(),
                scenario).run();

        assertThat(report.failures()).withFailMessage(() -> describe(report)).isEmpty();
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc
                .sql("SELECT ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Boolean.class).single());
        JsonNode transcript = json.readTree(jdbc.sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?")
                .param(callSid).query(String.class).single());
        String lastBotLine = null;
        for (JsonNode line : transcript) {
            if (!"user".equals(line.path("speaker").asString())) {
                lastBotLine = line.path("text").asString();
            }
        }
        assertThat(lastBotLine).contains("call you back").doesNotContain("stay on the line");
        assertThat(jdbc.sql("SELECT final_outcome FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).single()).isEqualTo("transferred");
    }
}
