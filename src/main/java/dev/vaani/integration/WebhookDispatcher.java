package dev.vaani.integration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due webhook deliveries: polls the outbox every few seconds (and at once when an event is queued), signs each
 * body with the endpoint's secret, POSTs it, and records the result. A 2xx is delivered; anything else (an error
 * status, a timeout, a refused address) is retried with exponential backoff until 24 hours after the event.
 * At-least-once: a receiver may see an event again and deduplicates on Vaani-Event-Id.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;

    private final WebhookOutbox outbox;
    private final WebhookEndpoints endpoints;
    private final WebhookUrlPolicy policy;
    private final WebhookProperties settings;
    private final Clock clock;
    private final HttpClient http;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private volatile boolean running;

    public WebhookDispatcher(WebhookOutbox outbox, WebhookEndpoints endpoints, WebhookUrlPolicy policy,
                             WebhookProperties settings, Clock clock) {
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
        // No redirects: a 3xx could point at an address the URL policy refuses.
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Look for due deliveries now (an event was just queued) instead of at the next poll. */
    public void wake() {
        if (running && wakeQueued.compareAndSet(false, true)) {
            poller.execute(() -> {
                wakeQueued.set(false);
                dispatchDue();
            });
        }
    }

    /** Sends every due delivery once; returns how many were attempted. Public for tests that step a virtual clock. */
    public int dispatchDue() {
        int attempted = 0;
        try {
            List<WebhookOutbox.Claimed> due;
            do {
                due = outbox.claimDue(BATCH);
                var sends = due.stream().map(delivery -> senders.submit(() -> send(delivery))).toList();
                for (var send : sends) {
                    send.get();
                }
                attempted += due.size();
            } while (due.size() == BATCH && running);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Webhook dispatch failed: {}", e.toString());
        }
        return attempted;
    }

    private void send(WebhookOutbox.Claimed delivery) {
        String secret = endpoints.secretFor(delivery.campaignId(), delivery.url()).orElse(null);
        if (secret == null || secret.isBlank()) {
            outbox.attemptFailed(delivery, null, "no secret configured for " + delivery.url());
            return;
        }
        URI uri;
        try {
            uri = policy.check(delivery.url()); // again at each delivery: DNS may have changed since configuration
        } catch (WebhookUrlPolicy.RefusedWebhookUrl refused) {
            log.warn("Webhook {} for event {} refused: {}", delivery.url(), delivery.eventId(), refused.getMessage());
            outbox.attemptFailed(delivery, null, "refused: " + refused.getMessage());
            return;
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Vaani-Webhooks/1")
                .header("Vaani-Event-Id", delivery.eventId().toString())
                .header("Vaani-Event-Type", delivery.eventType())
                .header("Vaani-Delivery-Attempt", Integer.toString(delivery.attempts() + 1))
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, timestamp, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                outbox.delivered(delivery.id(), response.statusCode());
                log.info("Webhook {} {} delivered to {} (HTTP {})", delivery.eventType(), delivery.eventId(),
                        uri.getHost(), response.statusCode());
            } else {
                outbox.attemptFailed(delivery, response.statusCode(), "HTTP " + response.statusCode());
                log.info("Webhook {} {} to {}: HTTP {}, will retry", delivery.eventType(), delivery.eventId(),
                        uri.getHost(), response.statusCode());
            }
        } catch (HttpTimeoutException e) {
            outbox.attemptFailed(delivery, null, "timeout after " + settings.requestTimeout().toMillis() + " ms");
        } catch (IOException e) {
            outbox.attemptFailed(delivery, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        senders = Executors.newVirtualThreadPerTaskExecutor();
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("webhook-dispatcher").daemon()
                .factory());
        long interval = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::dispatchDue, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        poller.shutdownNow();
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
