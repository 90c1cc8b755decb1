package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallMetrics;
import dev.vaani.call.CallProperties;
import dev.vaani.platform.secrets.SecretRefused;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** The /media upgrade: the shared secret and the sample rate are checked before any call state exists. */
// Spring Boot drops every log line while an application beside it sets up logging; these tests count lines
@Isolated("reads the process's output for lines it must find")
@ExtendWith(OutputCaptureExtension.class)
class MediaStreamHandshakeTest {

    private static final String SECRET = "s3cret-媒体";
    private static final String ENCODED = java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8);

    /** What one handshake attempt left behind. */
    private record Outcome(boolean accepted, int status, Map<String, Object> attributes) {}

    @Test
    void withASecretAStreamWithoutCredentialsIsRefusedBeforeAnyCallState() {
        Outcome outcome = handshake(SECRET, "sample-rate=8000&lead_id=7", null);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.attributes()).isEmpty();
    }

    @Test
    void withASecretAWrongTokenOrPasswordIsRefused() {
        assertThat(handshake(SECRET, "token=guess", null).status()).isEqualTo(401);
        assertThat(handshake(SECRET, null, basic("exotel:guess")).status()).isEqualTo(401);
        assertThat(handshake(SECRET, null, "Bearer " + SECRET).status()).isEqualTo(401);
        assertThat(handshake(SECRET, null, "Basic not-base64!").status()).isEqualTo(401);
    }

    @Test
    void theSecretIsAcceptedAsBasicAuthPassword() {
        Outcome outcome = handshake(SECRET, "sample-rate=16000", basic("exotel:" + SECRET));

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.attributes()).containsEntry(MediaStreamHandshake.SAMPLE_RATE, 16000);
    }

    @Test
    void theSecretIsAcceptedAsTokenParameterAndNotPassedOnToTheCall() {
        String token = java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        Outcome outcome = handshake(SECRET, "token=" + token + "&lead_id=42", null);

        assertThat(outcome.accepted()).isTrue();
        assertThat(parameters(outcome)).containsExactlyEntriesOf(Map.of("lead_id", "42"));
    }

    @Test
    void withoutASecretConfiguredEveryStreamIsRefused() {
        // The server always has one (generated when MEDIA_SECRET is unset); should it ever be empty, it fails closed.
        Outcome outcome = handshake("", "lead_id=1&token=", null);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.status()).isEqualTo(401);
    }

    @Test
    void aTokenThatCannotBeDecodedIsRefusedNotAnError() {
        Outcome outcome = handshake(SECRET, "token=%zz", null);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.status()).isEqualTo(401);
    }

    @Test
    void everyRefusalIsCountedButAFloodOfThemLogsOneLineWithoutTheTokens(CapturedOutput output) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MediaStreamHandshake interceptor = interceptor(SECRET, new CallMetrics(registry), event -> { });

        for (int i = 0; i < 200; i++) {
            handshake(interceptor, "token=guess-" + i, null, "192.0.2.77");
        }

        assertThat(registry.get("vaani.media.handshakes.refused").tag("reason", "unauthorized").counter().count())
                .isEqualTo(200);
        assertThat(output.getAll().lines().filter(line -> line.contains("192.0.2.77:"))).hasSize(1);
        assertThat(output.getAll()).doesNotContain("guess-");
    }

    @Test
    void aRefusedSampleRateIsCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MediaStreamHandshake interceptor = interceptor(SECRET, new CallMetrics(registry), event -> { });

        handshake(interceptor, "token=" + ENCODED + "&sample-rate=44100", null, "127.0.0.1");

        assertThat(registry.get("vaani.media.handshakes.refused").tag("reason", "sample_rate").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aRefusedSampleRateIsLoggedOnOneLineWhateverItHolds(CapturedOutput output) {
        Outcome outcome = handshake(SECRET, "token=" + ENCODED + "&sample-rate=8000%0AFAKE%20ERROR%20admin%20key%20leaked", null);

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(output.getAll()).contains("sample-rate '8000\\nFAKE ERROR").doesNotContain("\nFAKE ERROR");
    }

    @Test
    void aWrongSecretIsPublishedWithTheCallersAddressSoItCountsTowardsALockout() {
        List<Object> published = new ArrayList<>();
        MediaStreamHandshake interceptor = interceptor(SECRET, new CallMetrics(new SimpleMeterRegistry()),
                published::add);

        handshake(interceptor, "token=guess", null, "203.0.113.5");
        handshake(interceptor, null, basic("exotel:guess"), "203.0.113.6");

        assertThat(published).containsExactly(new SecretRefused("203.0.113.5", "media secret"),
                new SecretRefused("203.0.113.6", "media secret"));
    }

    @Test
    void aStreamPresentingNoSecretIsRefusedWithoutCountingAsAGuess() {
        List<Object> published = new ArrayList<>();
        MediaStreamHandshake interceptor = interceptor(SECRET, new CallMetrics(new SimpleMeterRegistry()),
                published::add);

        assertThat(handshake(interceptor, "lead_id=7", null, "203.0.113.7").status()).isEqualTo(401);
        assertThat(published).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 24000})
    void exotelsSampleRatesAreAccepted(int rate) {
        Outcome outcome = handshake(SECRET, "token=" + ENCODED + "&sample-rate=" + rate, null);

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.attributes()).containsEntry(MediaStreamHandshake.SAMPLE_RATE, rate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"44100", "11025", "0", "-8000", "8k", "8000.0", "99999999999"})
    void otherSampleRatesAreRefused(String rate) {
        Outcome outcome = handshake(SECRET, "token=" + ENCODED + "&sample-rate=" + rate, null);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.attributes()).isEmpty();
    }

    @Test
    void customQueryParametersArePassedOnDecodedAndWithoutTheHandshakeOnes() {
        Outcome outcome = handshake(SECRET, "token=" + ENCODED + "&sample-rate=24000&lead_id=42&campaign_id=9&note=two%20BHK%2C%20Pune", null);

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.attributes()).containsEntry(MediaStreamHandshake.SAMPLE_RATE, 24000);
        assertThat(parameters(outcome)).containsExactlyInAnyOrderEntriesOf(
                Map.of("lead_id", "42", "campaign_id", "9", "note", "two BHK, Pune"));
    }

    @Test
    void aParameterWithoutAValueIsPassedOnEmpty() {
        Outcome outcome = handshake(SECRET, "token=" + ENCODED + "&flag&lead_id=3", null);

        assertThat(parameters(outcome)).containsEntry("flag", "").containsEntry("lead_id", "3");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parameters(Outcome outcome) {
        return (Map<String, String>) outcome.attributes().get(MediaStreamHandshake.PARAMETERS);
    }

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static Outcome handshake(String secret, String query, String authorization) {
        return handshake(interceptor(secret, new CallMetrics(new SimpleMeterRegistry()), event -> { }), query,
                authorization, "127.0.0.1");
    }

    private static MediaStreamHandshake interceptor(String secret, CallMetrics metrics,
                                                    ApplicationEventPublisher events) {
        CallProperties settings = new CallProperties("/media", 10, secret, 500, 600, 500, 200, 300, 1500, 262_144, 200,
                400, 5000, 8000, "en");
        return new MediaStreamHandshake(settings, metrics, events);
    }

    private static Outcome handshake(MediaStreamHandshake interceptor, String query, String authorization,
                                     String from) {
        MockHttpServletRequest servletRequest = new MockHttpServletRequest("GET", "/media");
        servletRequest.setQueryString(query);
        servletRequest.setRemoteAddr(from);
        if (authorization != null) {
            servletRequest.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse servletResponse = new MockHttpServletResponse();
        Map<String, Object> attributes = new HashMap<>();
        boolean accepted = interceptor.beforeHandshake(new ServletServerHttpRequest(servletRequest),
                new ServletServerHttpResponse(servletResponse), new TextWebSocketHandler(), attributes);
        return new Outcome(accepted, servletResponse.getStatus(), attributes);
    }
}
