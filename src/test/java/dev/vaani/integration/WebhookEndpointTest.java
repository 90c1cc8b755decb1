package dev.vaani.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A webhook URL's path and query are often its credential: what the log shows of it stops at the host and port. */
class WebhookEndpointTest {

    @Test
    void theLogShowsWhereEventsGoButNotTheUrlsPathOrQuery() {
        assertThat(WebhookEndpoint.origin("https://hooks.zapier.com/hooks/catch/123456/abcdEFgh/"))
                .isEqualTo("https://hooks.zapier.com/…");
        assertThat(WebhookEndpoint.origin("https://crm.example.com:8443/vaani?token=s3cr3t"))
                .isEqualTo("https://crm.example.com:8443/…");
        assertThat(WebhookEndpoint.origin("https://crm.example.com/?token=s3cr3t")).isEqualTo("https://crm.example.com/…");
    }

    @Test
    void aUrlWithNothingAfterTheHostIsShownWhole() {
        assertThat(WebhookEndpoint.origin("https://crm.example.com")).isEqualTo("https://crm.example.com");
        assertThat(WebhookEndpoint.origin("http://127.0.0.1:8295/")).isEqualTo("http://127.0.0.1:8295");
    }

    @Test
    void anUnreadableUrlIsNotRepeated() {
        assertThat(WebhookEndpoint.origin("http://exa mple.com/s3cr3t")).doesNotContain("s3cr3t");
    }

    @Test
    void theEndpointNamesNeitherItsSecretNorItsPath() {
        assertThat(new WebhookEndpoint("https://hooks.slack.com/services/T0/B0/XyZsecret", "signing-key").toString())
                .doesNotContain("XyZsecret").doesNotContain("signing-key").contains("hooks.slack.com");
    }
}
