package dev.vaani.speech.deepgram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechStreamSettings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeepgramPrerecordedClientTest {

    private static final SpeechStreamSettings CALL = new SpeechStreamSettings(16000, "hi", List.of(), "c");
    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private DeepgramPrerecordedClient client;

    @BeforeEach
    void start() {
        server.start();
        client = new DeepgramPrerecordedClient(DeepgramSettings.of("k").withBaseUrl(server.baseUrl()));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void reply(int status, String body) {
        server.stubFor(post(urlPathEqualTo("/v1/listen")).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    @Test
    void postsRawPcmAndReturnsTheFirstAlternativesTranscript() {
        reply(200, "{\"results\":{\"channels\":[{\"alternatives\":[{\"transcript\":\"do lakh\"}]}]}}");

        assertThat(client.transcribe(new byte[] {1, 0, 2, 0}, CALL)).isEqualTo("do lakh");
        server.verify(postRequestedFor(urlPathEqualTo("/v1/listen"))
                .withHeader("Content-Type", equalTo("application/octet-stream"))
                .withQueryParam("model", equalTo("nova-3")).withQueryParam("language", equalTo("hi"))
                .withQueryParam("encoding", equalTo("linear16")).withQueryParam("sample_rate", equalTo("16000"))
                .withQueryParam("channels", equalTo("1")).withQueryParam("smart_format", equalTo("true")));
    }

    @Test
    void aKeyThatCannotBeSentAsAHeaderIsABadRequestThatDoesNotShowIt() {
        var broken = new DeepgramPrerecordedClient(DeepgramSettings.of("dg-line\nbreak").withBaseUrl(server.baseUrl()));

        assertThatThrownBy(() -> broken.transcribe(new byte[2], CALL)).isInstanceOfSatisfying(SpeechFailure.class,
                f -> {
                    assertThat(f.kind()).isEqualTo(SpeechFailure.Kind.BAD_REQUEST);
                    assertThat(f.getMessage()).doesNotContain("dg-line");
                });
    }

    @Test
    void aLegacyErrorBodyIsMappedWithItsMessage() {
        reply(401, "{\"err_code\":\"INVALID_AUTH\",\"err_msg\":\"Invalid credentials.\",\"request_id\":\"x\"}");

        assertThatThrownBy(() -> client.transcribe(new byte[2], CALL)).isInstanceOfSatisfying(SpeechFailure.class,
                f -> {
                    assertThat(f.kind()).isEqualTo(SpeechFailure.Kind.UNAUTHORIZED);
                    assertThat(f.getMessage()).contains("Invalid credentials.");
                });
    }

    @Test
    void aModernErrorBodyIsMappedWithItsMessage() {
        reply(400, "{\"category\":\"INVALID_QUERY_PARAMETER\",\"message\":\"Bad sample rate\",\"details\":\"x\"}");

        assertThatThrownBy(() -> client.transcribe(new byte[2], CALL)).isInstanceOfSatisfying(SpeechFailure.class,
                f -> {
                    assertThat(f.kind()).isEqualTo(SpeechFailure.Kind.BAD_REQUEST);
                    assertThat(f.getMessage()).contains("Bad sample rate");
                });
    }

    @Test
    void aServerErrorIsRetryable() {
        reply(503, "upstream down");

        assertThatThrownBy(() -> client.transcribe(new byte[2], CALL)).isInstanceOfSatisfying(SpeechFailure.class,
                f -> assertThat(f.retryable()).isTrue());
    }
}
