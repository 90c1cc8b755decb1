package dev.vaani.integration;

import dev.vaani.platform.admin.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The webhook delivery log, replays, and each campaign's own webhook endpoint (admin API). */
@RestController
class WebhookController {

    private final WebhookOutbox outbox;
    private final WebhookDispatcher dispatcher;
    private final WebhookUrlPolicy policy;
    private final JdbcClient jdbc;

    WebhookController(WebhookOutbox outbox, WebhookDispatcher dispatcher, WebhookUrlPolicy policy, JdbcClient jdbc) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.policy = policy;
        this.jdbc = jdbc;
    }

    @Operation(summary = "Webhook deliveries of a call", description = "Every event sent (or being sent) about the call")
    @GetMapping("/api/calls/{callSid}/webhook-deliveries")
    List<WebhookDelivery> deliveries(@PathVariable String callSid) {
        return outbox.forCall(callSid);
    }

    @Operation(summary = "Send a webhook delivery again", description = "Same event id and body, attempted now")
    @PostMapping("/api/webhook-deliveries/{id}/replay")
    ResponseEntity<WebhookDelivery> replay(@PathVariable long id) {
        var replayed = outbox.replay(id);
        replayed.ifPresent(delivery -> dispatcher.wake());
        return ResponseEntity.of(replayed);
    }

    /** A campaign's webhook: url (empty to use CUSTOMER_WEBHOOK_URL) and secret (generated when absent). */
    record CampaignWebhook(String url, String secret) {
    }

    @Operation(summary = "A campaign's webhook", description = "The URL and whether a secret is set (never the secret)")
    @GetMapping("/api/campaigns/{id}/webhook")
    ResponseEntity<Map<String, Object>> campaignWebhook(@PathVariable long id) {
        return ResponseEntity.of(jdbc.sql("SELECT webhook_url, webhook_secret FROM campaigns WHERE id = ?").param(id)
                .query((rs, row) -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("url", rs.getString(1));
                    view.put("secret_set", rs.getString(2) != null);
                    return view;
                }).optional());
    }

    @Operation(summary = "Set a campaign's webhook",
            description = "Refuses URLs that resolve to loopback/private/link-local addresses unless"
                    + " CUSTOMER_WEBHOOK_ALLOW_PRIVATE=true. Without a secret one is generated and returned once.")
    @PutMapping("/api/campaigns/{id}/webhook")
    ResponseEntity<Map<String, Object>> setCampaignWebhook(@PathVariable long id, @RequestBody CampaignWebhook request) {
        String url = request.url() == null || request.url().isBlank() ? null : request.url().strip();
        String secret = request.secret() == null || request.secret().isBlank() ? null : request.secret();
        if (url != null) {
            try {
                policy.check(url);
            } catch (WebhookUrlPolicy.RefusedWebhookUrl e) {
                throw new InvalidFieldException("url", e.getMessage());
            }
            if (secret == null) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                secret = HexFormat.of().formatHex(random);
            } else if (secret.length() < 16) {
                throw new InvalidFieldException("secret", "must be at least 16 characters");
            }
        } else {
            secret = null;
        }
        int updated = jdbc.sql("UPDATE campaigns SET webhook_url = ?, webhook_secret = ?, updated_at = now() WHERE id = ?")
                .params(url, secret, id).update();
        if (updated == 0) {
            return ResponseEntity.notFound().build();
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("url", url);
        view.put("secret", secret); // shown once, here; GET only says whether one is set
        return ResponseEntity.ok(view);
    }
}
