package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.clip;
import static dev.vaani.call.CallTestSupport.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.ScriptedSpeechToText;
import dev.vaani.testing.ToneTextToSpeech;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Exotel's 16 kHz stream (?sample-rate=16000): the whole call runs at that rate, in legal chunks. */
class WideBandCallTest extends VaaniIntegrationTest {

    @Autowired
    ScriptedSpeechToText recogniser;

    @Test
    void aCallAt16kHzIsGreetedAndAnsweredInLegalChunks() {
        long leadId = insertLead("Nisha Gupta", uniquePhone());
        String callSid = "wide" + UUID.randomUUID().toString().replace("-", "");
        recogniser.hears("Yes, this is a good time.");
        Scenario scenario = Scenario.builder("a wide-band call")
                .waitForBotToFinish(500)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(500)
                .hangUp()
                .timeout(Duration.ofSeconds(45))
                .expectGreeting()
                .expectBotRepliesAtLeast(1)
                .expectNoChunkViolations()
                .build();

        CallReport report = new SimulatedCall(SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media")
                .sampleRate(16000).leadId(Long.toString(leadId)).callSid(callSid).build(), scenario).run();

        assertThat(report.failures()).withFailMessage(() -> describe(report)).isEmpty();
        assertThat(report.sampleRate()).isEqualTo(16000);
        assertThat(report.malformedMessages()).isZero();
        // the greeting is the test synthesiser's tone rendered at 16 kHz: 440 Hz, not 880 Hz
        CallReport.BotUtterance greeting = report.utterances().getFirst();
        byte[] expectedStart = java.util.Arrays.copyOf(ToneTextToSpeech.audioFor("x", 16000), 960);
        assertThat(java.util.Arrays.copyOf(greeting.audio(), 960)).isEqualTo(expectedStart);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT sample_rate FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Integer.class).single()).isEqualTo(16000));
    }
}
