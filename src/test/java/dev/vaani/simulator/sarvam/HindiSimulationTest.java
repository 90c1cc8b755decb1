package dev.vaani.simulator.sarvam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallProviders;
import dev.vaani.platform.admin.AdminApiKey;
import dev.vaani.simulator.ScenarioFile;
import dev.vaani.simulator.SimulatorCommand;
import dev.vaani.speech.offline.EspeakVoice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The Hindi demo the README gives a new user, end to end: the simulated Sarvam ({@code ./vaani sarvam}), the server
 * with STT_VENDOR=sarvam, TTS_VENDOR=sarvam and inbound calls in Hindi, no model key (the scripted agent), and
 * {@code ./vaani simulate --scenario hindi-demo}. The caller's Devanagari lines qualify the lead, and the server's
 * record, as the simulator prints it, holds the type, the English locality name and a rupee range.
 */
// Waits in real time for a whole call; a context and a simulated Sarvam of its own.
@Execution(ExecutionMode.CONCURRENT)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HindiSimulationTest {

    private static final List<String> CALLER_LINES = LocalSarvamCommand.callerLines(ScenarioFile.named("hindi-demo"));
    private static final LocalSarvam sarvam = new LocalSarvam(0, LocalSarvamCommand.DEFAULT_API_KEY, CALLER_LINES,
            EspeakVoice.locate("hi"), new PrintWriter(System.out, true));

    @AfterAll
    static void stop() {
        sarvam.close();
    }

    @DynamicPropertySource
    static void asTheReadmeSays(DynamicPropertyRegistry registry) {
        registry.add("vaani.providers.stt-vendor", () -> "sarvam");
        registry.add("vaani.providers.tts-vendor", () -> "sarvam");
        registry.add("vaani.providers.sarvam.api-key", () -> LocalSarvamCommand.DEFAULT_API_KEY);
        registry.add("vaani.providers.sarvam.base-url", sarvam::baseUrl);
        registry.add("vaani.providers.deepgram.api-key", () -> "");
        registry.add("vaani.providers.elevenlabs.api-key", () -> "");
        registry.add("vaani.providers.openai.api-key", () -> "");
        registry.add("vaani.call.inbound-language", () -> "hi");
    }

    @LocalServerPort
    int port;

    @Autowired
    AdminApiKey adminApiKey;

    @Autowired
    CallProviders providers;

    @Test
    void theHindiDemoQualifiesTheLeadFromDevanagariAnswers() {
        assertThat(providers.speechToText().name()).isEqualTo("sarvam");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = SimulatorCommand.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "--url", "ws://127.0.0.1:" + port + "/media", "--scenario", "hindi-demo",
                "--from", "+919812345678", "--api-key", adminApiKey.value());

        String printed = out.toString();
        assertThat(status).withFailMessage(() -> "exit " + status + "\n" + printed + "\n" + err).isZero();
        assertThat(printed).contains("user " + CALLER_LINES.get(1)).contains("व्हाइटफील्ड")
                .contains("\"property_type\":\"apartment\"").contains("\"location\":\"Whitefield\"")
                .contains("\"budget_min_rupees\":4500000").contains("\"budget_max_rupees\":5500000")
                .contains("Outcome: qualified");
    }
}
