package dev.vaani.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** No SSRF: a webhook URL never reaches the operator's own network unless that is explicitly allowed. */
class WebhookUrlPolicyTest {

    private final AtomicReference<String> dns = new AtomicReference<>("93.184.216.34");
    private final WebhookUrlPolicy policy = new WebhookUrlPolicy(false,
            host -> List.of(InetAddress.getByName(dns.get())));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.5", "172.16.3.4", "172.31.255.1", "192.168.1.10",
            "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd12:3456::1", "fc00::1", "::ffff:127.0.0.1",
            "::ffff:10.1.2.3", "224.0.0.1"})
    void refusesHostsResolvingToNonPublicAddresses(String address) {
        dns.set(address);

        assertThatThrownBy(() -> policy.check("https://crm.example.com/hook"))
                .isInstanceOf(WebhookUrlPolicy.RefusedWebhookUrl.class)
                .hasMessageContaining("CUSTOMER_WEBHOOK_ALLOW_PRIVATE");
    }

    /** On an IPv6-only network with NAT64 these reach the IPv4 address inside them. */
    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::10.0.0.5", "64:ff9b::127.0.0.1",
            "64:ff9b:1::a00:5", "2002:7f00:1::1", "::127.0.0.1", "::10.0.0.5"})
    void refusesIpv6AddressesCarryingANonPublicIpv4Address(String address) {
        dns.set(address);

        assertThatThrownBy(() -> policy.check("https://crm.example.com/hook"))
                .isInstanceOf(WebhookUrlPolicy.RefusedWebhookUrl.class)
                .hasMessageContaining("CUSTOMER_WEBHOOK_ALLOW_PRIVATE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::93.184.216.34", "2002:5db8:d822::1", "2606:2800:220:1:248:1893:25c8:1946"})
    void acceptsIpv6AddressesOfPublicHosts(String address) {
        dns.set(address);

        assertThat(policy.check("https://crm.example.com/hook")).hasHost("crm.example.com");
    }

    @Test
    void acceptsAPublicHttpsUrl() {
        assertThat(policy.check("https://crm.example.com/hook")).hasHost("crm.example.com");
    }

    @Test
    void refusesAUrlWhoseNameWasRepointedAtAPrivateAddressAfterConfiguration() {
        policy.check("https://crm.example.com/hook");

        dns.set("169.254.169.254"); // DNS rebinding: the same name now points at the cloud metadata service

        assertThatThrownBy(() -> policy.check("https://crm.example.com/hook"))
                .hasMessageContaining("169.254.169.254").hasMessageContaining("never allowed");
    }

    @Test
    void refusesOtherSchemesCredentialsAndUnresolvableHosts() {
        assertThatThrownBy(() -> policy.check("file:///etc/passwd")).hasMessageContaining("http");
        assertThatThrownBy(() -> policy.check("gopher://crm.example.com/")).hasMessageContaining("http");
        assertThatThrownBy(() -> policy.check("https://user:pw@crm.example.com/")).hasMessageContaining("user:password");
        WebhookUrlPolicy noDns = new WebhookUrlPolicy(false, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> noDns.check("https://nowhere.invalid/")).hasMessageContaining("does not resolve");
    }

    @Test
    void privateAddressesAreAllowedOnlyWhenExplicitlyEnabled() {
        WebhookUrlPolicy allowing = new WebhookUrlPolicy(true, host -> List.of(InetAddress.getByName("127.0.0.1")));

        assertThat(allowing.check("http://localhost:9000/hook")).hasPort(9000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200",
            "::ffff:169.254.169.254", "64:ff9b::169.254.169.254", "2002:a9fe:a9fe::"})
    void cloudMetadataAddressesAreRefusedEvenWhenPrivateAddressesAreAllowed(String address) {
        for (boolean allowPrivate : new boolean[] {false, true}) {
            WebhookUrlPolicy policy = new WebhookUrlPolicy(allowPrivate,
                    host -> List.of(InetAddress.getByName(address)));

            assertThatThrownBy(() -> policy.check("http://crm.internal/hook"))
                    .isInstanceOf(WebhookUrlPolicy.RefusedWebhookUrl.class)
                    .hasMessageContaining("never allowed")
                    .hasMessageNotContaining("CUSTOMER_WEBHOOK_ALLOW_PRIVATE");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.5", "192.168.1.10", "fd12:3456::1", "100.100.100.100"})
    void privateAddressesOtherThanCloudMetadataStayAllowedWhenEnabled(String address) {
        WebhookUrlPolicy allowing = new WebhookUrlPolicy(true, host -> List.of(InetAddress.getByName(address)));

        assertThat(allowing.check("http://crm.internal/hook")).hasHost("crm.internal");
    }
}
