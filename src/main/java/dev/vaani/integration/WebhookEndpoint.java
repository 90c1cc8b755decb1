package dev.vaani.integration;

/** Where a campaign's events go and the key they are signed with. */
public record WebhookEndpoint(String url, String secret) {

    @Override
    public String toString() {
        return "WebhookEndpoint[" + url + "]"; // never the secret
    }
}
