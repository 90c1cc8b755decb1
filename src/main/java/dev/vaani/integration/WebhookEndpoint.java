package dev.vaani.integration;

import java.net.URI;

/** Where a campaign's events go and the key they are signed with. */
public record WebhookEndpoint(String url, String secret) {

    /**
     * The URL as the log may show it: scheme, host and port, and "/…" for the rest. A webhook URL's path or query is
     * often its credential (Zapier's /hooks/catch/123/abc…, Slack's /services/T…/B…/…, a CRM's ?token=), so the log
     * never has them.
     */
    public static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "(a webhook URL)";
            }
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null;
            String rest = bare ? "" : "/…";
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + rest;
        } catch (IllegalArgumentException e) {
            return "(a webhook URL)";
        }
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + origin(url) + "]"; // never the secret, nor the URL's path or query
    }
}
