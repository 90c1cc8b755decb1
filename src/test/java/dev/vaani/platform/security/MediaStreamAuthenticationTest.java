package dev.vaani.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Who may open the media stream is decided by the security chain, before the WebSocket handshake and any call
 * state: the media secret as the {@code token} query parameter or a Basic auth password, nothing else.
 */
@ExtendWith(OutputCaptureExtension.class)
class MediaStreamAuthenticationTest extends VaaniIntegrationTest {

    @Value("${vaani.call.media-secret}")
    String mediaSecret;

    @Autowired
    MeterRegistry meters;

    private RawHttp.Response open(String query, String... headers) throws Exception {
        String[] upgrade = {"Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(upgrade), java.util.Arrays.stream(headers))
                .toArray(String[]::new);
        return RawHttp.get(port, "/media" + (query.isEmpty() ? "" : "?" + query), all);
    }

    private static String basic(String userColonPassword) {
        return "Authorization: Basic "
                + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    private double refusedUnauthorised() {
        var counter = meters.find("vaani.media.handshakes.refused").tag("reason", "unauthorized").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aStreamWithoutTheSecretIsRefusedWith401SayingWhatItNeeds() throws Exception {
        RawHttp.Response refused = open("sample-rate=8000&lead_id=7");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Basic realm=\"vaani-media\"");
        assertThat(refused.body()).contains("media secret");
    }

    @Test
    void theSecretAsTokenOpensTheStream() throws Exception {
        assertThat(open("token=" + URLEncoder.encode(mediaSecret, StandardCharsets.UTF_8)).status()).isEqualTo(101);
    }

    @Test
    void theSecretAsBasicAuthPasswordOpensTheStream() throws Exception {
        assertThat(open("sample-rate=16000", basic("exotel:" + mediaSecret)).status()).isEqualTo(101);
    }

    @Test
    void aWrongTokenOrPasswordIsRefused() throws Exception {
        assertThat(open("token=guess").status()).isEqualTo(401);
        assertThat(open("", basic("exotel:guess")).status()).isEqualTo(401);
    }

    @Test
    void theSecretAsABearerTokenOrAnotherRealmsHeaderIsNotAccepted() throws Exception {
        assertThat(open("", "Authorization: Bearer " + mediaSecret).status()).isEqualTo(401);
        assertThat(open("", "X-Vaani-Secret: " + mediaSecret).status()).isEqualTo(401);
        assertThat(open("secret=" + URLEncoder.encode(mediaSecret, StandardCharsets.UTF_8)).status()).isEqualTo(401);
    }

    @Test
    void otherSecretsOfTheServerDoNotOpenTheStream() throws Exception {
        assertThat(open("token=" + WEBHOOK_SECRET).status()).isEqualTo(401);
        assertThat(open("token=" + URLEncoder.encode(adminApiKey.value(), StandardCharsets.UTF_8)).status())
                .isEqualTo(401);
    }

    @Test
    void malformedCredentialsAreRefusedNotAnError() throws Exception {
        assertThat(open("", "Authorization: Basic not-base64!").status()).isEqualTo(401);
        assertThat(open("token=a&token=b").status()).isEqualTo(401);
    }

    @Test
    void everyRefusalIsCounted() throws Exception {
        double before = refusedUnauthorised();

        open("token=guess-1");
        open("lead_id=3");

        assertThat(refusedUnauthorised() - before).isEqualTo(2);
    }

    @Test
    void aRefusedTokenNeverReachesTheLog(CapturedOutput output) throws Exception {
        open("token=guess-never-logged-3f9a");

        assertThat(output.getAll()).doesNotContain("guess-never-logged-3f9a");
    }
}
