package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.ScriptedSpeechToText;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A caller on a street: steady background noise at -32 dBFS on their side for the whole call, speech at about
 * -20 dBFS. The neural detector hears no speech in the noise, so the greeting plays to the end, and still hears the
 * caller's answer and its end through the noise.
 */
class NoisyLineCallTest extends VaaniIntegrationTest {

    @Autowired
    ScriptedSpeechToText recogniser;

    @Autowired
    VoiceDetection voiceDetection;

    @Test
    void steadyNoiseDoesNotCutTheGreetingAndTheCallersAnswerIsStillHeard() {
        assertThat(voiceDetection.neural()).as(voiceDetection.description()).isTrue();
        // the test recogniser hears by energy, so the noise alone makes it produce words: they must not interrupt
        recogniser.hears("Yes, this is a good time.", "I am looking for a two BHK apartment.");
        Scenario scenario = Scenario.builder("greeting on a noisy line")
                .waitForBotToFinish(800)
                .say(CallTestSupport.clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .hangUp()
                .timeout(Duration.ofSeconds(60))
                .expectGreeting()
                .expectBotRepliesAtLeast(1)
                .build();

        CallReport report = new SimulatedCall(SimulatorOptions.builder()
                .url("ws://127.0.0.1:" + port + "/media")
                .leadId(Long.toString(insertLead("Ravi Kumar", uniquePhone())))
                .callSid("noisy" + UUID.randomUUID().toString().replace("-", ""))
                .noiseDbfs(-32)
                .build(), scenario).run();

        String timeline = CallTestSupport.describe(report);
        assertThat(report.failures()).as(timeline).isEmpty();
        assertThat(report.clearsReceived()).as("no clear: nothing the bot said was cut off\n" + timeline).isZero();
        assertThat(report.utterances().getFirst().interrupted()).as(timeline).isFalse();
    }
}
