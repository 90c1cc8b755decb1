package dev.vaani.integration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhooks to the customer's systems (CRM, sheet, ...): the global default endpoint (a campaign may name its own),
 * and the delivery policy.
 *
 * @param url            CUSTOMER_WEBHOOK_URL: where events go when the campaign names no URL; empty = none
 * @param secret         CUSTOMER_WEBHOOK_SECRET: HMAC key for the global URL (required with it)
 * @param allowPrivate   CUSTOMER_WEBHOOK_ALLOW_PRIVATE: allow URLs resolving to loopback/private/link-local addresses
 * @param requestTimeout one attempt's limit (connect + response)
 * @param firstRetry     wait before the second attempt; doubled after each failure up to {@code maxBackoff}
 * @param giveUpAfter    no attempt is made later than this after the event was created
 * @param pollInterval   how often due deliveries are looked for (new events are also sent at once)
 */
@ConfigurationProperties("vaani.webhooks")
public record WebhookProperties(@DefaultValue("") String url,
                                @DefaultValue("") String secret,
                                @DefaultValue("false") boolean allowPrivate,
                                @DefaultValue("10s") Duration requestTimeout,
                                @DefaultValue("30s") Duration firstRetry,
                                @DefaultValue("1h") Duration maxBackoff,
                                @DefaultValue("24h") Duration giveUpAfter,
                                @DefaultValue("2s") Duration pollInterval) {

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1, 2, ...). */
    public Duration backoffAfter(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration wait = firstRetry.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
