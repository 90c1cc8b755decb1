package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.fakes.FakeOpenAi;
import dev.vaani.fakes.FakeReply;
import dev.vaani.fakes.FakeSarvam;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import dev.vaani.call.identity.CallIdentitySigner;
import dev.vaani.testing.SignedStreams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A Hindi call through the running server with STT_VENDOR=sarvam and TTS_VENDOR=sarvam: the real Sarvam clients talk
 * to FakeSarvam, the conversation to FakeOpenAi. The caller's words reach the agent as Devanagari, and the agent's
 * Hindi reply reaches Sarvam's synthesiser with the configured speaker and language. A context of its own, since the
 * vendors differ from the other cloud calls.
 */
// A real-time call in a context of its own, with fakes of its own.
@Execution(ExecutionMode.CONCURRENT)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SarvamCallTest {

    private static final FakeSarvam sarvam = new FakeSarvam();
    private static final FakeOpenAi openai = FakeOpenAi.start();

    private static final String CALLER = "मुझे व्हाइटफील्ड में टू बीएचके फ्लैट चाहिए";
    private static final String REPLY_FIRST = "बढ़िया, व्हाइटफील्ड में टू बीएचके फ्लैट।";
    private static final String REPLY_SECOND = "आपका बजट कितना है?";
    private static final String REPLY = REPLY_FIRST + " " + REPLY_SECOND;

    static {
        sarvam.start();
    }

    @AfterAll
    static void stopFakes() {
        sarvam.close();
        openai.close();
    }

    @DynamicPropertySource
    static void sarvamEverywhere(DynamicPropertyRegistry registry) {
        registry.add("vaani.providers.stt-vendor", () -> "sarvam");
        registry.add("vaani.providers.tts-vendor", () -> "sarvam");
        registry.add("vaani.providers.deepgram.api-key", () -> "");
        registry.add("vaani.providers.elevenlabs.api-key", () -> "");
        registry.add("vaani.providers.sarvam.api-key", () -> FakeSarvam.API_KEY);
        registry.add("vaani.providers.sarvam.base-url", sarvam::baseUrl);
        registry.add("vaani.providers.sarvam.tts-speaker", () -> "priya");
        registry.add("vaani.providers.sarvam.language", () -> "hi-IN");
        registry.add("vaani.providers.openai.api-key", () -> "sk-test-sarvam-call");
        registry.add("vaani.providers.openai.base-url", openai::baseUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CallIdentitySigner identities;

    @Autowired
    dev.vaani.platform.admin.AdminApiKey adminApiKey;

    @Autowired
    CallProperties callSettings;

    @Autowired
    JsonMapper json;

    @Autowired
    CallProviders providers;

    @Test
    void aHindiCallerIsHeardInDevanagariAndAnsweredInHindiWithTheConfiguredVoice() throws Exception {
        assertThat(providers.speechToText().name()).isEqualTo("sarvam");
        assertThat(providers.textToSpeech().name()).isEqualTo("sarvam");
        long campaignId = hindiCampaign();
        long leadId = jdbc.sql("INSERT INTO leads (name, phone) VALUES ('Priya Sharma', ?) RETURNING id")
                .param("+9198" + String.format("%08d", (int) (Math.random() * 100_000_000))).query(Long.class).single();
        String callSid = "sarvam" + UUID.randomUUID().toString().replace("-", "");
        sarvam.endOfSpeechAfter(Duration.ofMillis(450)).script(CALLER);
        openai.respondWith(request -> lastUserText(request).contains("व्हाइटफील्ड")
                ? FakeReply.text(REPLY) : FakeReply.text("माफ़ कीजिए, फिर से बताइए?"));
        Scenario scenario = Scenario.builder("sarvam hindi call")
                .waitForBotToFinish(800)
                .say(CallTestSupport.clip("whitefield.wav"))
                .waitForBotToFinish(800)
                .hangUp()
                .timeout(Duration.ofMinutes(1))
                .expectGreeting()
                .expectBotRepliesAtLeast(1)
                .build();

        CallReport report = new SimulatedCall(SimulatorOptions.builder()
                .url(SignedStreams.mediaUrl(port, identities, callSettings, leadId, campaignId)).callSid(callSid).build(),
                scenario).run();

        assertThat(report.failures()).withFailMessage(() -> CallTestSupport.describe(report)).isEmpty();
        assertThat(sarvam.unusedScript()).as("the caller's utterance was transcribed").isEmpty();
        assertThat(sarvam.lastQuery("/speech-to-text/ws")).containsEntry("language-code", "hi-IN")
                .containsEntry("sample_rate", "8000");
        assertThat(openai.requests()).anySatisfy(request -> assertThat(lastUserText(request.body())).isEqualTo(CALLER));

        // sentence by sentence, each as soon as the model finished it (the danda ends a sentence); sentences are
        // synthesised ahead on sockets of their own, so the fake may receive them in either order
        assertThat(sarvam.ttsTexts()).contains(REPLY_FIRST, REPLY_SECOND);
        assertThat(sarvam.ttsConfigs()).isNotEmpty().allSatisfy(config -> {
            assertThat(config.path("speaker").asString()).isEqualTo("priya");
            assertThat(config.path("speech_sample_rate").asInt()).isEqualTo(8000);
        });
        // each sentence in its own language: the Hindi replies as Hindi (the script's English greeting as en-IN)
        assertThat(sarvam.ttsLanguageOf(REPLY_FIRST)).isEqualTo("hi-IN");
        assertThat(sarvam.ttsLanguageOf(REPLY_SECOND)).isEqualTo("hi-IN");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT transcript::text FROM call_sessions WHERE call_sid = ?").param(callSid).query(String.class)
                .single()).contains(CALLER).contains(REPLY_FIRST).contains(REPLY_SECOND));

        String health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                .header("X-API-Key", adminApiKey.value()) // components and details need the key
                .exchange((request, response) -> new String(response.getBody().readAllBytes()));
        JsonNode details = json.readTree(health).path("components").path("providers").path("details");
        assertThat(details.path("speechToText").asString()).isEqualTo("sarvam (mode auto, SARVAM_API_KEY set)");
        assertThat(details.path("textToSpeech").asString()).isEqualTo("sarvam (mode auto, SARVAM_API_KEY set)");
        assertThat(health).doesNotContain(FakeSarvam.API_KEY);
    }

    private long hindiCampaign() throws Exception {
        CampaignScript standard = CampaignScript.defaultRealEstate();
        CampaignScript hindi = new CampaignScript(standard.agentName(), standard.companyName(), "hi",
                standard.greeting(), standard.purpose(), standard.qualificationFields(), standard.closing(),
                standard.extraInstructions());
        return jdbc.sql("INSERT INTO campaigns (name, language, script) VALUES (?, 'hi', ?::jsonb) RETURNING id")
                .params("Hindi launch " + UUID.randomUUID(), json.writeValueAsString(hindi)).query(Long.class).single();
    }

    private static String lastUserText(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("role").asString().equals("user")) {
                return messages.get(i).path("content").asString();
            }
        }
        return "";
    }
}
