package dev.vaani.integration;

import dev.vaani.platform.InvalidConfigurationException;
import dev.vaani.platform.StoredSecret;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which endpoint a campaign's events go to: the campaign's own webhook, else CUSTOMER_WEBHOOK_URL, else none. The
 * global URL is checked at start-up against the URL policy; without CUSTOMER_WEBHOOK_SECRET a secret is generated
 * once and kept in the data folder ({@code customer-webhook-secret}, mode 600).
 */
@Component
public class WebhookEndpoints {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoints.class);

    private final JdbcClient jdbc;
    private final Optional<WebhookEndpoint> global;

    public WebhookEndpoints(JdbcClient jdbc, WebhookProperties settings, WebhookUrlPolicy policy,
                            @Value("${vaani.data-dir:data}") String dataDirectory) {
        this.jdbc = jdbc;
        this.global = globalEndpoint(settings, policy, Path.of(dataDirectory));
    }

    private static Optional<WebhookEndpoint> globalEndpoint(WebhookProperties settings, WebhookUrlPolicy policy,
                                                            Path dataDirectory) {
        if (settings.url().isBlank()) {
            return Optional.empty();
        }
        try {
            policy.check(settings.url());
        } catch (WebhookUrlPolicy.RefusedWebhookUrl e) {
            throw new InvalidConfigurationException("CUSTOMER_WEBHOOK_URL", e.getMessage());
        }
        String secret = settings.secret();
        if (secret.isBlank()) {
            Path file = dataDirectory.resolve("customer-webhook-secret").toAbsolutePath().normalize();
            secret = StoredSecret.readOrCreate(file);
            log.info("CUSTOMER_WEBHOOK_SECRET is not set: webhooks are signed with the generated secret in {}", file);
        }
        log.info("Customer webhook: events go to {} unless a campaign names its own",
                WebhookEndpoint.origin(settings.url()));
        return Optional.of(new WebhookEndpoint(settings.url().strip(), secret));
    }

    public Optional<WebhookEndpoint> forCampaign(Long campaignId) {
        if (campaignId != null) {
            Optional<WebhookEndpoint> own = jdbc.sql("""
                    SELECT webhook_url, webhook_secret FROM campaigns WHERE id = ? AND webhook_url IS NOT NULL
                      AND webhook_url <> ''""").param(campaignId)
                    .query((rs, row) -> new WebhookEndpoint(rs.getString(1), rs.getString(2))).optional();
            if (own.isPresent()) {
                return own;
            }
        }
        return global();
    }

    public Optional<WebhookEndpoint> global() {
        return global;
    }

    /** The key for a stored delivery: the endpoint it was queued for, if it still has that URL. */
    Optional<String> secretFor(Long campaignId, String url) {
        return forCampaign(campaignId).filter(endpoint -> endpoint.url().equals(url)).map(WebhookEndpoint::secret)
                .or(() -> global().filter(endpoint -> endpoint.url().equals(url)).map(WebhookEndpoint::secret));
    }
}
