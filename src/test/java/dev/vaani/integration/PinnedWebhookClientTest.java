package dev.vaani.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook client connects only where the SSRF policy's own lookup allowed, so a rebinding DNS gains nothing. */
class PinnedWebhookClientTest {

    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private URI receiverAt(String host) {
        return URI.create(receiver.url().replace("127.0.0.1", host));
    }

    @Test
    void connectsToTheAddressThePolicysLookupGave() throws Exception {
        var policy = new WebhookUrlPolicy(true, host -> List.of(InetAddress.getLoopbackAddress()));
        try (var client = new PinnedWebhookClient(policy, Duration.ofSeconds(5), 4)) {
            int status = client.post(receiverAt("crm.customer.test"), Map.of("Vaani-Event-Id", "e1"), "{\"city\":\"मुंबई\"}");

            assertThat(status).isEqualTo(200);
            assertThat(receiver.received()).singleElement().satisfies(request -> {
                assertThat(request.body()).isEqualTo("{\"city\":\"मुंबई\"}");
                assertThat(request.header("content-type")).isEqualTo("application/json");
                assertThat(request.header("host")).startsWith("crm.customer.test:");
                assertThat(request.header("vaani-event-id")).isEqualTo("e1");
            });
        }
    }

    @Test
    void aHostThatRebindsToLoopbackAfterTheCheckIsNeverConnectedTo() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        // public at configuration time, loopback once the delivery connects: the classic DNS rebinding
        var policy = new WebhookUrlPolicy(false, host -> lookups.incrementAndGet() == 1
                ? List.of(InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}))
                : List.of(InetAddress.getLoopbackAddress()));
        URI uri = policy.check(receiverAt("rebind.customer.test").toString());

        try (var client = new PinnedWebhookClient(policy, Duration.ofSeconds(5), 4)) {
            assertThatThrownBy(() -> client.post(uri, Map.of(), "{}"))
                    .isInstanceOf(PinnedWebhookClient.RefusedAddress.class).hasMessageContaining("loopback");
        }
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        receiver.answer(302);
        var policy = new WebhookUrlPolicy(true, host -> List.of(InetAddress.getLoopbackAddress()));
        try (var client = new PinnedWebhookClient(policy, Duration.ofSeconds(5), 4)) {
            assertThat(client.post(receiverAt("crm.customer.test"), Map.of(), "{}")).isEqualTo(302);
        }
        assertThat(receiver.received()).hasSize(1);
    }
}
