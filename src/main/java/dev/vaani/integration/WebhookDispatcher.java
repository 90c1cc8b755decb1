package dev.vaani.integration;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Deliveries one receiver (host and port, whatever the URL's path) gets at once from this instance. */
    static final int PER_RECEIVER = 4;

    private final WebhookOutbox outbox;
    private final WebhookEndpoints endpoints;
    private final WebhookUrlPolicy policy;
    private final WebhookProperties settings;
    private final Clock clock;
    private final PinnedWebhookClient http;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Deliveries being sent by this instance, by receiver ({@link WebhookOutbox#RECEIVER}); absent when none is. */
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
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
        this.http = new PinnedWebhookClient(policy, settings.requestTimeout(), PER_RECEIVER);
    }

    /**
     * Look for due deliveries now (an event was just queued) instead of at the next poll; inside a transaction, once it
     * has committed, or the new row would not be visible yet and would wait for the poll.
     */
    public void wake() {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            wakeNow();
                        }
                    });
            return;
        }
        wakeNow();
    }

    private void wakeNow() {
        if (running && wakeQueued.compareAndSet(false, true)) {
            poller.execute(() -> {
                wakeQueued.set(false);
                dispatchDue();
            });
        }
    }

    /**
     * Starts sending every due delivery whose receiver has a free lane; returns how many it started. Each is sent on
     * a virtual thread of its own; when one ends its receiver's lane frees and due deliveries are looked for again
     * (the call's next event, the rest of the receiver's backlog). A receiver gets at most {@value #PER_RECEIVER}
     * at once from this instance, so one that is slow or down neither takes every request nor holds up another
     * receiver's events. Public for tests that step a virtual clock.
     */
    public int dispatchDue() {
        int started = 0;
        try {
            List<WebhookOutbox.Claimed> due;
            do {
                due = outbox.claimDue(BATCH, PER_RECEIVER, List.copyOf(inFlight.keySet()));
                for (WebhookOutbox.Claimed delivery : due) {
                    inFlight.merge(delivery.receiver(), 1, Integer::sum);
                    senders.execute(() -> sendThenLookAgain(delivery));
                }
                started += due.size();
            } while (!due.isEmpty() && running);
        } catch (RuntimeException e) {
            log.warn("Webhook dispatch failed: {}", e.toString());
        }
        return started;
    }

    private void sendThenLookAgain(WebhookOutbox.Claimed delivery) {
        try {
            send(delivery);
        } catch (RuntimeException e) {
            // recording the result failed (PostgreSQL): the claim's lease runs out and the delivery is tried again
            log.warn("Webhook {} {}: recording the attempt failed: {}", delivery.eventType(), delivery.eventId(),
                    e.toString());
        } finally {
            inFlight.computeIfPresent(delivery.receiver(), (receiver, sending) -> sending == 1 ? null : sending - 1);
            wakeNow();
        }
    }

    private void send(WebhookOutbox.Claimed delivery) {
        String url = delivery.url();
        String secret = endpoints.secretFor(delivery.campaignId(), url).orElse(null);
        if (secret == null) {
            // The broker changed the webhook since the event was queued (often because the old one was failing): the
            // event goes where the campaign's events go now, under the same id, rather than failing for 24 h
            Optional<WebhookEndpoint> now = endpoints.forCampaign(delivery.campaignId());
            if (now.isPresent() && !now.get().url().equals(url)) {
                outbox.repoint(delivery.id(), now.get().url());
                log.info("Webhook {} {}: its endpoint changed after it was queued; sending it to {} instead of {}",
                        delivery.eventType(), delivery.eventId(), WebhookEndpoint.origin(now.get().url()),
                        WebhookEndpoint.origin(url));
                url = now.get().url();
                secret = now.get().secret();
            }
        }
        if (secret == null || secret.isBlank()) {
            outbox.attemptFailed(delivery, null, "no secret configured for " + url);
            return;
        }
        URI uri;
        try {
            uri = policy.check(url); // again at each delivery: DNS may have changed since configuration
        } catch (WebhookUrlPolicy.RefusedWebhookUrl refused) {
            log.warn("Webhook {} for event {} refused: {}", WebhookEndpoint.origin(url), delivery.eventId(),
                    refused.getMessage());
            outbox.attemptFailed(delivery, null, "refused: " + refused.getMessage());
            return;
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "Vaani-Webhooks/1");
        headers.put("Vaani-Event-Id", delivery.eventId().toString());
        headers.put("Vaani-Event-Type", delivery.eventType());
        headers.put("Vaani-Delivery-Attempt", Integer.toString(delivery.attempt()));
        headers.put(WebhookSignature.HEADER, WebhookSignature.header(secret, timestamp, delivery.body()));
        try {
            int status = http.post(uri, headers, delivery.body());
            if (status / 100 == 2) {
                outbox.delivered(delivery.id(), status);
                log.info("Webhook {} {} delivered to {} (HTTP {})", delivery.eventType(), delivery.eventId(),
                        uri.getHost(), status);
            } else {
                outbox.attemptFailed(delivery, status, "HTTP " + status);
                log.info("Webhook {} {} to {}: HTTP {}, will retry", delivery.eventType(), delivery.eventId(),
                        uri.getHost(), status);
            }
        } catch (PinnedWebhookClient.RefusedAddress refused) {
            log.warn("Webhook {} for event {} refused at connection: {}", WebhookEndpoint.origin(url),
                    delivery.eventId(), refused.getMessage());
            outbox.attemptFailed(delivery, null, "refused: " + refused.getMessage());
        } catch (java.net.SocketTimeoutException e) { // connect or response timeout
            outbox.attemptFailed(delivery, null, "timeout after " + settings.requestTimeout().toMillis() + " ms");
        } catch (IOException e) {
            outbox.attemptFailed(delivery, null, e.getClass().getSimpleName() + ": " + e.getMessage());
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
        try {
            http.close();
        } catch (IOException ignored) {
            // closing idle connections at shutdown
        }
        poller.shutdownNow();
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
