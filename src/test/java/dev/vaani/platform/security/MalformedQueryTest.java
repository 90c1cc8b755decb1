package dev.vaani.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallProperties;
import dev.vaani.testing.VaaniIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The audit's requests whose query is not valid percent-encoding: each is answered 400 with a short problem before
 * anything parses it (they were 500s, with stack traces quoting the URL, media token included), and nothing of the
 * query reaches the log (the process's whole output, stack traces included, is searched).
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedQueryTest extends VaaniIntegrationTest {

    private static final String[] UPGRADE = {"Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="};

    @Autowired
    CallProperties call;

    /** Written after "%zz", so a log line quoting the query, or an exception's message quoting it, can be found. */
    private final String marker = "zz" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void aMediaUpgradeWithTheTokenAndAMalformedParameterIsRefusedWithoutTheTokenReachingTheLog(CapturedOutput output)
            throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/media?token=" + call.mediaSecret() + "&x=%" + marker, UPGRADE);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.body()).contains("not valid percent-encoding").doesNotContain(marker, "Exception");
        assertThat(output.getAll()).doesNotContain(call.mediaSecret(), marker);
    }

    @Test
    void theSignInPageWithAMalformedParameterIsRefusedWithoutAStackTrace(CapturedOutput output) throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/login?error=%" + marker);

        assertThat(response.status()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain(marker, "Console page failed");
    }

    @Test
    void aWebhookWithTheSecretAndAMalformedParameterIsRefusedWithoutTheSecretReachingTheLog(CapturedOutput output)
            throws Exception {
        for (String target : List.of("/webhooks/exotel/transfer-check?secret=" + WEBHOOK_SECRET + "&CallSid=%" + marker,
                "/exotel/voicebot-url?secret=" + WEBHOOK_SECRET + "&CustomField=%" + marker)) {
            assertThat(RawHttp.get(port, target).status()).as(target).isEqualTo(400);
        }

        assertThat(output.getAll()).doesNotContain(WEBHOOK_SECRET, marker);
    }

    @Test
    void aFloodOfMalformedQueriesLogsAtMostOneLineWithoutTheQuery(CapturedOutput output) throws Exception {
        for (int i = 0; i < 50; i++) {
            assertThat(RawHttp.get(port, "/login?error=%" + marker).status()).isEqualTo(400);
        }

        assertThat(output.getAll().lines().filter(line -> line.contains("its query string is not valid")))
                .hasSizeLessThanOrEqualTo(1);
        assertThat(output.getAll()).doesNotContain(marker);
    }

    @Test
    void aQueryOfValidEscapesIsServed() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/exotel/voicebot-url?secret=" + WEBHOOK_SECRET
                + "&CallSid=CA%31%32&CustomField=%E0%A4%B9%20x+y");

        assertThat(response.status()).isEqualTo(200);
    }
}
