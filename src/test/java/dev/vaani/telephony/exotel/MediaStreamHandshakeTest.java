package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** The /media upgrade: the shared secret and the sample rate are checked before any call state exists. */
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
    @ExtendWith(OutputCaptureExtension.class)
    void aRefusedSampleRateIsLoggedOnOneLineWhateverItHolds(CapturedOutput output) {
        Outcome outcome = handshake(SECRET, "token=" + ENCODED + "&sample-rate=8000%0AFAKE%20ERROR%20admin%20key%20leaked", null);

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(output.getAll()).contains("sample-rate '8000\\nFAKE ERROR").doesNotContain("\nFAKE ERROR");
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
        CallProperties settings = new CallProperties("/media", 10, secret, 500, 600, 500, 200, 300, 1500, 262_144, 200,
                400, 5000, 8000, "en");
        MockHttpServletRequest servletRequest = new MockHttpServletRequest("GET", "/media");
        servletRequest.setQueryString(query);
        if (authorization != null) {
            servletRequest.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse servletResponse = new MockHttpServletResponse();
        Map<String, Object> attributes = new HashMap<>();
        boolean accepted = new MediaStreamHandshake(settings).beforeHandshake(new ServletServerHttpRequest(servletRequest),
                new ServletServerHttpResponse(servletResponse), new TextWebSocketHandler(), attributes);
        return new Outcome(accepted, servletResponse.getStatus(), attributes);
    }
}
