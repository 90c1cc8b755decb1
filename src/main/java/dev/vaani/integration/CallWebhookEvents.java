package dev.vaani.integration;

import tools.jackson.databind.json.JsonMapper;
import dev.vaani.call.TransferRequested;
import dev.vaani.crm.CallEnded;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
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
    private final MeterRegistry meters;

    CallWebhookEvents(JdbcClient jdbc, JsonMapper json, WebhookEndpoints endpoints, WebhookOutbox outbox,
                      WebhookDispatcher dispatcher, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.meters = meters;
    }

    /**
     * Runs inside the transaction that takes the call's next step ({@link CallEnded}); the call's status, transcript
     * and collected data were stored before it. A PostgreSQL failure here fails that transaction (PostgreSQL will not
     * go on in it anyway), and the reconciler takes the step again later, events and all. Any other failure, a body
     * that cannot be built, must neither undo the step nor vanish: the event is recorded as failed, counted and logged.
     * After the next step is taken ({@link CallEnded#REPORT_AFTER}): the lead's status is the one it leaves.
     */
    @EventListener
    @Order(CallEnded.REPORT_AFTER)
    void callEnded(CallEnded ended) {
        Optional<WebhookEndpoint> endpoint = endpoints.forCampaign(ended.campaignId());
        if (endpoint.isEmpty()) {
            return;
        }
        boolean transferCaughtUp = transferNotYetStored(ended, endpoint.get());
        List<String> types = "qualified".equals(ended.finalOutcome()) ? List.of("call.completed", "lead.qualified")
                : List.of("call.completed");
        Map<String, Object> known = new LinkedHashMap<>();
        known.put("call", knownCall(ended.callSid(), ended.campaignId(), ended.status(), ended.finalOutcome()));
        known.put("lead", ended.leadId() == null ? null : Map.of("id", ended.leadId()));
        boolean queued = enqueue(types, ended.callSid(), ended.campaignId(), endpoint.get(), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("call", callData(ended.callSid()));
            data.put("lead", leadData(ended.leadId()));
            return data;
        }, known);
        if (queued || transferCaughtUp) {
            dispatcher.wake();
        }
    }

    /**
     * A hand-over is announced while the call runs ({@link #transferRequested}); one PostgreSQL could not take then
     * (CallServices logs it) is stored here, from the call's record, ahead of the call's completion so the two still
     * arrive in order. Under the same event id: when the announcement did land, nothing is added. Its reason was not
     * kept, so it is null; the summary says what the caller had told the agent.
     */
    private boolean transferNotYetStored(CallEnded ended, WebhookEndpoint endpoint) {
        Boolean escalated = jdbc.sql("SELECT escalation_requested FROM call_sessions WHERE call_sid = ?")
                .param(ended.callSid()).query(Boolean.class).optional().orElse(false);
        if (!escalated) {
            return false;
        }
        Map<String, Object> known = new LinkedHashMap<>();
        known.put("call", knownCall(ended.callSid(), ended.campaignId(), null, null));
        known.put("lead", ended.leadId() == null ? null : Map.of("id", ended.leadId()));
        return enqueue(List.of("call.transfer_requested"), ended.callSid(), ended.campaignId(), endpoint, () -> {
            Map<String, Object> record = callData(ended.callSid());
            @SuppressWarnings("unchecked")
            Map<String, Object> collected = record.get("collected_data") instanceof Map<?, ?> map
                    ? (Map<String, Object>) map : Map.of();
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("call_sid", ended.callSid());
            call.put("campaign_id", ended.campaignId());
            call.put("from_number", record.get("from_number"));
            call.put("to_number", record.get("to_number"));
            call.put("reason", null);
            call.put("summary", summarySoFar(null, collected));
            call.put("collected_data", record.get("collected_data"));
            call.put("transcript", record.get("transcript"));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("call", call);
            data.put("lead", leadData(ended.leadId()));
            return data;
        }, known);
    }

    @EventListener
    void transferRequested(TransferRequested transfer) {
        Optional<WebhookEndpoint> endpoint = endpoints.forCampaign(transfer.campaignId());
        if (endpoint.isEmpty()) {
            return;
        }
        Map<String, Object> known = new LinkedHashMap<>();
        known.put("call", knownCall(transfer.callSid(), transfer.campaignId(), null, null));
        known.put("lead", transfer.leadId() == null ? null : Map.of("id", transfer.leadId()));
        if (enqueue(List.of("call.transfer_requested"), transfer.callSid(), transfer.campaignId(), endpoint.get(), () -> {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("call_sid", transfer.callSid());
            call.put("campaign_id", transfer.campaignId());
            call.putAll(numbers(transfer.callSid())); // whom the person picking up calls back
            call.put("reason", transfer.reason());
            call.put("summary", summarySoFar(transfer.reason(), transfer.collectedData()));
            call.put("collected_data", transfer.collectedData());
            call.put("transcript", transfer.transcript());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("call", call);
            data.put("lead", leadData(transfer.leadId()));
            return data;
        }, known)) {
            dispatcher.wake();
        }
    }

    /**
     * Stores one event of each type with the body {@code data} builds; where building or writing it fails other than
     * in PostgreSQL, records the event as failed with the body {@code known} instead. Whether any was queued to send.
     */
    private boolean enqueue(List<String> types, String callSid, Long campaignId, WebhookEndpoint endpoint,
                            Supplier<Map<String, Object>> data, Map<String, Object> known) {
        Map<String, Object> body = null;
        RuntimeException failure = null;
        try {
            body = data.get();
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            failure = e;
        }
        boolean queued = false;
        for (String type : types) {
            if (failure == null) {
                try {
                    queued |= outbox.enqueue(type, callSid, callSid, campaignId, endpoint, body);
                    continue;
                } catch (DataAccessException e) {
                    throw e;
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            recordUnbuilt(type, callSid, campaignId, endpoint, known, failure);
        }
        return queued;
    }

    private void recordUnbuilt(String type, String callSid, Long campaignId, WebhookEndpoint endpoint,
                               Map<String, Object> known, RuntimeException failure) {
        String cause = describe(failure);
        outbox.recordUnbuilt(type, callSid, callSid, campaignId, endpoint, known,
                "the event's body could not be built: " + cause);
        meters.counter("vaani.webhooks.events.unbuilt", "type", type).increment();
        // the kind of failure and where, never its message: that may quote the transcript or the lead's details
        log.error("Webhook {} for call {} could not be built ({}); recorded as failed among the call's webhook"
                + " deliveries", type, callSid, cause);
    }

    /** The failure's exception classes, outermost first, and where it was thrown: no message, so no personal data. */
    static String describe(Throwable failure) {
        List<String> kinds = new ArrayList<>();
        Throwable innermost = failure;
        for (Throwable t = failure; t != null && kinds.size() < 5; t = t.getCause()) {
            kinds.add(t.getClass().getSimpleName());
            innermost = t;
        }
        StackTraceElement[] trace = innermost.getStackTrace();
        String where = trace.length == 0 ? "" : " at " + trace[0].getClassName() + "." + trace[0].getMethodName()
                + ":" + trace[0].getLineNumber();
        return String.join(" caused by ", kinds) + where;
    }

    /** What the event that announces a call always knows: no field that must be read from storage or parsed. */
    private static Map<String, Object> knownCall(String callSid, Long campaignId, String status, String outcome) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("call_sid", callSid);
        call.put("campaign_id", campaignId);
        if (status != null) {
            call.put("status", status);
            call.put("outcome", outcome);
        }
        return call;
    }

    /** What a person picking up needs in one line: why, and what the caller has told the agent so far. */
    static String summarySoFar(String reason, Map<String, Object> collected) {
        String known = collected.entrySet().stream()
                .filter(e -> e.getValue() != null && !String.valueOf(e.getValue()).isBlank())
                .map(e -> e.getKey().replace('_', ' ') + ": " + e.getValue())
                .collect(Collectors.joining("; "));
        String why = reason == null || reason.isBlank() ? "Caller asked for a person." : reason;
        return known.isEmpty() ? why : why + " Known so far — " + known + ".";
    }

    private Map<String, Object> callData(String callSid) {
        return jdbc.sql("""
                SELECT call_sid, campaign_id, direction, from_number, to_number, status, started_at, answered_at,
                  ended_at, duration_seconds,
                  recording_url, final_outcome, summary, collected_data::text AS collected_data, transcript::text AS transcript
                FROM call_sessions WHERE call_sid = ?""").param(callSid).query((rs, row) -> {
                    Map<String, Object> call = new LinkedHashMap<>();
                    call.put("call_sid", rs.getString("call_sid"));
                    call.put("campaign_id", rs.getObject("campaign_id"));
                    call.put("direction", rs.getString("direction"));
                    // an inbound caller no signed identity ties to a lead has no lead object: this is whom to call back
                    call.put("from_number", rs.getString("from_number"));
                    call.put("to_number", rs.getString("to_number"));
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

    /** The call's from_number and to_number as stored (each null when not known yet, withheld or erased). */
    private Map<String, Object> numbers(String callSid) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("from_number", null);
        numbers.put("to_number", null);
        jdbc.sql("SELECT from_number, to_number FROM call_sessions WHERE call_sid = ?").param(callSid).query()
                .listOfRows().stream().findFirst().ifPresent(numbers::putAll);
        return numbers;
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

    /**
     * A stored JSON value as the body carries it. One that cannot be read (deeper than the reader allows) fails the
     * event, recorded as failed where the call's deliveries are listed: sent as null it would tell the CRM the call
     * collected nothing.
     */
    private Object read(String text) {
        return text == null ? null : json.readValue(text, Object.class);
    }

}
