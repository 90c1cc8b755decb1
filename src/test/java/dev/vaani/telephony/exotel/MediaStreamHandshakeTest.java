package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The /media upgrade's query, read before any call state exists: the sample rate and the parameters passed on. (The
 * media secret is checked before this, by the security chain: MediaStreamAuthenticationTest.)
 */
// Spring Boot drops every log line while an application beside it sets up logging; these tests count lines
@Isolated("reads the process's output for lines it must find")
@ExtendWith(OutputCaptureExtension.class)
class MediaStreamHandshakeTest {

    private static final String ENCODED = java.net.URLEncoder.encode("s3cret-媒体", StandardCharsets.UTF_8);

    /** What one handshake attempt left behind. */
    private record Outcome(boolean accepted, int status, Map<String, Object> attributes) {}

    @Test
    void theTokenIsNotPassedOnToTheCall() {
        Outcome outcome = handshake("token=" + ENCODED + "&lead_id=42");

        assertThat(outcome.accepted()).isTrue();
        assertThat(parameters(outcome)).containsExactlyEntriesOf(Map.of("lead_id", "42"));
    }

    @Test
    void withoutASampleRateTheStreamIs8kHz() {
        Outcome outcome = handshake("lead_id=42");

        assertThat(outcome.attributes()).containsEntry(MediaStreamHandshake.SAMPLE_RATE, 8000);
    }

    @Test
    void aRefusedSampleRateIsCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MediaStreamHandshake interceptor = new MediaStreamHandshake(new CallMetrics(registry));

        handshake(interceptor, "token=" + ENCODED + "&sample-rate=44100");

        assertThat(registry.get("vaani.media.handshakes.refused").tag("reason", "sample_rate").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aRefusedSampleRateIsLoggedOnOneLineWhateverItHolds(CapturedOutput output) {
        Outcome outcome = handshake("token=" + ENCODED + "&sample-rate=8000%0AFAKE%20ERROR%20admin%20key%20leaked");

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(output.getAll()).contains("sample-rate '8000\\nFAKE ERROR").doesNotContain("\nFAKE ERROR");
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 24000})
    void exotelsSampleRatesAreAccepted(int rate) {
        Outcome outcome = handshake("token=" + ENCODED + "&sample-rate=" + rate);

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.attributes()).containsEntry(MediaStreamHandshake.SAMPLE_RATE, rate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"44100", "11025", "0", "-8000", "8k", "8000.0", "99999999999"})
    void otherSampleRatesAreRefused(String rate) {
        Outcome outcome = handshake("token=" + ENCODED + "&sample-rate=" + rate);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.attributes()).isEmpty();
    }

    @Test
    void customQueryParametersArePassedOnDecodedAndWithoutTheHandshakeOnes() {
        Outcome outcome = handshake("token=" + ENCODED + "&sample-rate=24000&lead_id=42&campaign_id=9&note=two%20BHK%2C%20Pune");

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.attributes()).containsEntry(MediaStreamHandshake.SAMPLE_RATE, 24000);
        assertThat(parameters(outcome)).containsExactlyInAnyOrderEntriesOf(
                Map.of("lead_id", "42", "campaign_id", "9", "note", "two BHK, Pune"));
    }

    @Test
    void aParameterWithoutAValueIsPassedOnEmpty() {
        Outcome outcome = handshake("token=" + ENCODED + "&flag&lead_id=3");

        assertThat(parameters(outcome)).containsEntry("flag", "").containsEntry("lead_id", "3");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parameters(Outcome outcome) {
        return (Map<String, String>) outcome.attributes().get(MediaStreamHandshake.PARAMETERS);
    }

    private static Outcome handshake(String query) {
        return handshake(new MediaStreamHandshake(new CallMetrics(new SimpleMeterRegistry())), query);
    }

    private static Outcome handshake(MediaStreamHandshake interceptor, String query) {
        MockHttpServletRequest servletRequest = new MockHttpServletRequest("GET", "/media");
        servletRequest.setQueryString(query);
        MockHttpServletResponse servletResponse = new MockHttpServletResponse();
        Map<String, Object> attributes = new HashMap<>();
        boolean accepted = interceptor.beforeHandshake(new ServletServerHttpRequest(servletRequest),
                new ServletServerHttpResponse(servletResponse), new TextWebSocketHandler(), attributes);
        return new Outcome(accepted, servletResponse.getStatus(), attributes);
    }
}
