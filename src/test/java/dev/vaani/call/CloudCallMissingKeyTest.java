package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.platform.admin.AdminApiKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * The server with OpenAI and ElevenLabs keys but no Deepgram key: it starts, recognition falls back to the offline
 * recogniser (or is reported unavailable where PocketSphinx is not installed), the start-up log names the choice,
 * and /actuator/health shows it (to the admin key holder) in the providers component. A context of its own, since the keys differ.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vaani.providers.deepgram.mode=auto",
        "vaani.providers.deepgram.api-key=",
        "vaani.providers.openai.mode=auto",
        "vaani.providers.openai.api-key=sk-test-missing-key",
        "vaani.providers.openai.base-url=http://127.0.0.1:9/v1",
        "vaani.providers.elevenlabs.mode=auto",
        "vaani.providers.elevenlabs.api-key=test-elevenlabs-key",
        "vaani.providers.elevenlabs.base-url=http://127.0.0.1:9"})
class CloudCallMissingKeyTest {

    @LocalServerPort
    int port;

    @Autowired
    CallProviders providers;

    @Autowired
    JsonMapper json;

    @Autowired
    AdminApiKey adminApiKey;

    @Test
    void startsWithoutTheDeepgramKeyAndReportsTheChoice(CapturedOutput output) throws Exception {
        String stt = providers.speechToText().name();
        assertThat(stt).isNotEqualTo("deepgram");
        assertThat(providers.textToSpeech().name()).isEqualTo("elevenlabs");
        assertThat(providers.conversation().name()).isEqualTo("openai");
        assertThat(output.getAll()).contains(
                "Providers: speech recognition " + stt + ", speech synthesis elevenlabs, conversation openai");
        if (stt.equals("unavailable")) {
            assertThat(output.getAll()).contains("Speech recognition unavailable: DEEPGRAM_API_KEY is not set");
        }

        String body = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                .header("X-API-Key", adminApiKey.value()) // components and details need the key
                .exchange((request, response) -> new String(response.getBody().readAllBytes()));
        JsonNode component = json.readTree(body).path("components").path("providers");
        assertThat(component.path("status").asString()).isEqualTo(stt.equals("unavailable") ? "DOWN" : "UP");
        JsonNode details = component.path("details");
        assertThat(details.path("speechToText").asString())
                .isEqualTo(stt + " (mode auto, DEEPGRAM_API_KEY not set)");
        assertThat(details.path("textToSpeech").asString()).isEqualTo("elevenlabs (mode auto, ELEVENLABS_API_KEY set)");
        assertThat(details.path("conversation").asString()).isEqualTo("openai (mode auto, OPENAI_API_KEY set)");
        assertThat(body).doesNotContain("sk-test-missing-key").doesNotContain("test-elevenlabs-key");
    }
}
