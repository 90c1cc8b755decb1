package dev.vaani.integration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.call.TransferRequested;
import dev.vaani.crm.CallEnded;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns what happens on calls into webhook events in the outbox: {@code call.completed} (and {@code lead.qualified})
 * when a call ends, {@code call.transfer_requested} when the agent hands a caller to a person. Phone numbers are
 * sent in full: the receiver is the customer's own CRM, which knows its leads' numbers anyway.
 */
@Component
class CallWebhookEvents {

    private static final Logger log = LoggerFactory.getLogger(CallWebhookEvents.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final WebhookEndpoints endpoints;
    private final WebhookOutbox outbox;
    private final WebhookDispatcher dispatcher;

    CallWebhookEvents(JdbcClient jdbc, JsonMapper json, WebhookEndpoints endpoints, WebhookOutbox outbox,
                      WebhookDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.json = json;
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
    }

    @EventListener
    void callEnded(CallEnded ended) {
        try {
            Optional<WebhookEndpoint> endpoint = endpoints.forCampaign(ended.campaignId());
            if (endpoint.isEmpty()) {
                return;
            }
            Map<String, Object> call = callData(ended.callSid());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("call", call);
            data.put("lead", leadData(ended.leadId()));
            boolean queued = outbox.enqueue("call.completed", ended.callSid(), ended.callSid(), ended.campaignId(),
                    endpoint.get(), data);
            if ("qualified".equals(ended.finalOutcome())) {
                queued |= outbox.enqueue("lead.qualified", ended.callSid(), ended.callSid(), ended.campaignId(),
                        endpoint.get(), data);
            }
            if (queued) {
                dispatcher.wake();
            }
        } catch (RuntimeException e) {
            // The call's status is stored already; a failure here must not make Exotel resend its callback.
            log.error("Queuing the webhook for call {} failed", ended.callSid(), e);
        }
    }

    @EventListener
    void transferRequested(TransferRequested transfer) {
        Optional<WebhookEndpoint> endpoint = endpoints.forCampaign(transfer.campaignId());
        if (endpoint.isEmpty()) {
            return;
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("call_sid", transfer.callSid());
        call.put("campaign_id", transfer.campaignId());
        call.put("reason", transfer.reason());
        call.put("summary", summarySoFar(transfer));
        call.put("collected_data", transfer.collectedData());
        call.put("transcript", transfer.transcript());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("call", call);
        data.put("lead", leadData(transfer.leadId()));
        if (outbox.enqueue("call.transfer_requested", transfer.callSid(), transfer.callSid(), transfer.campaignId(),
                endpoint.get(), data)) {
            dispatcher.wake();
        }
    }

    /** What a person picking up needs in one line: why, and what the caller has told the agent so far. */
    static String summarySoFar(TransferRequested transfer) {
        String known = transfer.collectedData().entrySet().stream()
                .filter(e -> e.getValue() != null && !String.valueOf(e.getValue()).isBlank())
                .map(e -> e.getKey().replace('_', ' ') + ": " + e.getValue())
                .collect(Collectors.joining("; "));
        String reason = transfer.reason() == null || transfer.reason().isBlank() ? "Caller asked for a person."
                : transfer.reason();
        return known.isEmpty() ? reason : reason + " Known so far — " + known + ".";
    }

    private Map<String, Object> callData(String callSid) {
        return jdbc.sql("""
                SELECT call_sid, campaign_id, direction, status, started_at, answered_at, ended_at, duration_seconds,
                  recording_url, final_outcome, summary, collected_data::text AS collected_data, transcript::text AS transcript
                FROM call_sessions WHERE call_sid = ?""").param(callSid).query((rs, row) -> {
                    Map<String, Object> call = new LinkedHashMap<>();
                    call.put("call_sid", rs.getString("call_sid"));
                    call.put("campaign_id", rs.getObject("campaign_id"));
                    call.put("direction", rs.getString("direction"));
                    call.put("status", rs.getString("status"));
                    call.put("outcome", rs.getString("final_outcome"));
                    call.put("summary", rs.getString("summary"));
                    call.put("started_at", text(rs.getObject("started_at", java.time.OffsetDateTime.class)));
                    call.put("answered_at", text(rs.getObject("answered_at", java.time.OffsetDateTime.class)));
                    call.put("ended_at", text(rs.getObject("ended_at", java.time.OffsetDateTime.class)));
                    call.put("duration_seconds", rs.getObject("duration_seconds"));
                    call.put("recording_url", rs.getString("recording_url"));
                    call.put("collected_data", read(rs.getString("collected_data")));
                    call.put("transcript", read(rs.getString("transcript")));
                    return call;
                }).optional().orElseGet(() -> new LinkedHashMap<>(Map.of("call_sid", callSid)));
    }

    private Map<String, Object> leadData(Long leadId) {
        if (leadId == null) {
            return null;
        }
        return jdbc.sql("""
                SELECT id, name, phone, email, status, source, property_type, location, budget, timeline, purpose
                FROM leads WHERE id = ?""").param(leadId).query((rs, row) -> {
                    Map<String, Object> lead = new LinkedHashMap<>();
                    for (String column : List.of("name", "phone", "email", "status", "source", "property_type",
                            "location", "budget", "timeline", "purpose")) {
                        lead.put(column, rs.getString(column));
                    }
                    lead.put("id", rs.getLong("id"));
                    return lead;
                }).optional().orElse(null);
    }

    private static String text(java.time.OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }

    private Object read(String text) {
        try {
            return text == null ? null : json.readValue(text, Object.class);
        } catch (JacksonException e) {
            return null;
        }
    }

}
