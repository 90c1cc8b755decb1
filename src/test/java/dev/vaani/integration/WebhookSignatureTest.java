package dev.vaani.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The signature as docs/webhooks.md documents it: HMAC-SHA256 over "timestamp.body", hex, in Vaani-Signature. */
class WebhookSignatureTest {

    @Test
    void signsTheTimestampAndBodyAsDocumented() throws Exception {
        String body = "{\"id\":\"e1\",\"type\":\"call.completed\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(("1767225600." + body).getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookSignature.header("s3cret-key", 1_767_225_600L, body)).isEqualTo("t=1767225600,v1=" + expected);
    }

    @Test
    void verificationFailsForAnotherBodyTimestampOrSecret() {
        String header = WebhookSignature.header("s3cret-key", 1_767_225_600L, "{\"a\":1}");

        assertThat(WebhookSignature.verify("s3cret-key", header, "{\"a\":1}")).isTrue();
        assertThat(WebhookSignature.verify("s3cret-key", header, "{\"a\":2}")).isFalse();
        assertThat(WebhookSignature.verify("s3cret-key", header.replace("t=1767225600", "t=1767225601"), "{\"a\":1}")).isFalse();
        assertThat(WebhookSignature.verify("other-key", header, "{\"a\":1}")).isFalse();
        assertThat(WebhookSignature.verify("s3cret-key", "v1=abc", "{\"a\":1}")).isFalse();
    }
}
