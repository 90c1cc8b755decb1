package dev.vaani.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallProperties;
import dev.vaani.crm.CallRecords;
import dev.vaani.testing.VaaniIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The Passthru applet after the Voicebot applet sends the stream's details as {@code Stream[Status]=completed&...} or
 * as {@code Stream={"StreamSID":...}}, brackets and braces as they are (docs.exotel.com, passthru-applet). The
 * transfer check must answer such a query, and a request line the server still cannot read must not put the query,
 * webhook secret included, in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class PassthruStreamQueryTest extends VaaniIntegrationTest {

    private static final String CHECK = "/webhooks/exotel/transfer-check?secret=" + WEBHOOK_SECRET;

    @Autowired
    CallRecords callRecords;

    @Autowired
    CallProperties call;

    private String handedOverCall() {
        String sid = UUID.randomUUID().toString().replace("-", "");
        callRecords.placed(sid, insertLead("Passthru Lead", uniquePhone()), null, "08012345678", "+919800000000");
        jdbc.sql("UPDATE call_sessions SET escalation_requested = TRUE WHERE call_sid = ?").param(sid).update();
        return sid;
    }

    @Test
    void theStreamDetailsInBracketsAreAccepted() throws Exception {
        String sid = handedOverCall();

        RawHttp.Response response = RawHttp.get(port, CHECK + "&CallSid=" + sid + "&flow_id=12&Direction=outbound-api"
                + "&Stream[StreamSID]=6f048d2e&Stream[Status]=completed&Stream[Duration]=28"
                + "&Stream[StreamUrl]=wss://vaani.example.com/media&Stream[DisconnectedBy]=bot");

        assertThat(response.status()).isEqualTo(302);
    }

    @Test
    void theStreamDetailsAsOneJsonParameterAreAccepted() throws Exception {
        String sid = handedOverCall();

        RawHttp.Response response = RawHttp.get(port, CHECK + "&CallSid=" + sid
                + "&Stream={\"StreamSID\":\"62xxx\",\"Status\":\"completed\",\"Duration\":\"28\",\"DisconnectedBy\":\"bot\"}");

        assertThat(response.status()).isEqualTo(302);
    }

    @Test
    void aMediaUpgradeWithBracketsInItsQueryIsServedWithoutTheTokenReachingTheLog(CapturedOutput output)
            throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/media?token=" + call.mediaSecret() + "&x=[1]&y={\"a\":1}",
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");

        assertThat(response.status()).isEqualTo(101);
        assertThat(output.getAll()).doesNotContain(call.mediaSecret());
    }

    @Test
    void aRequestLineTheServerCannotReadKeepsTheSecretOutOfTheLog(CapturedOutput output) throws Exception {
        RawHttp.Response response = RawHttp.get(port, CHECK + "&CallSid=abc^123");

        assertThat(response.status()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain(WEBHOOK_SECRET);
    }
}
