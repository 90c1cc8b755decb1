package dev.vaani.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The lifecycle of a call row (call_sessions): created when the dialer places a call, completed by Exotel's status
 * callbacks. Updates are idempotent and monotonic and each is one SQL statement, so repeated, late, reordered or
 * concurrent callbacks cannot move a call backwards or erase what an earlier one recorded.
 */
@Service
public class CallRecords {

    private static final Logger log = LoggerFactory.getLogger(CallRecords.class);

    /** Status moves only forward by rank; a terminal status is final; absent fields keep what is stored. */
    private static final String APPLY = """
            WITH old AS (SELECT id, status FROM call_sessions WHERE call_sid = :sid FOR UPDATE)
            UPDATE call_sessions c SET
              status = CASE WHEN vaani_call_status_rank(:status) > vaani_call_status_rank(c.status) THEN :status ELSE c.status END,
              answered_at = COALESCE(c.answered_at, CAST(:answeredAt AS timestamptz)),
              ended_at = CASE WHEN vaani_call_status_rank(:status) = 3 THEN COALESCE(c.ended_at, CAST(:endedAt AS timestamptz))
                              ELSE c.ended_at END,
              duration_seconds = COALESCE(CAST(:duration AS integer), c.duration_seconds),
              recording_url = COALESCE(CAST(:recordingUrl AS text), c.recording_url),
              final_outcome = COALESCE(c.final_outcome,
                  CASE WHEN vaani_call_status_rank(c.status) < 3 THEN CAST(:unansweredOutcome AS text) END),
              updated_at = now()
            FROM old WHERE c.id = old.id
            RETURNING old.status AS old_status, c.status, c.lead_id, c.campaign_id, c.final_outcome""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    public CallRecords(JdbcClient jdbc, ObjectMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    /** Whether a callback updated a known call or was kept for later reconciliation. */
    public enum Applied { UPDATED, UNMATCHED }

    /** Applies a status callback; one for an unknown call is stored in unmatched_call_events, never dropped. */
    public Applied apply(CallStatusUpdate update, Map<String, ?> rawCallback) {
        if (applyToRow(update)) {
            return Applied.UPDATED;
        }
        jdbc.sql("INSERT INTO unmatched_call_events (call_sid, payload) VALUES (:sid, CAST(:payload AS jsonb))")
                .param("sid", update.callSid()).param("payload", toJson(Map.of("update", update, "raw", rawCallback)))
                .update();
        log.info("Status callback for unknown call {} ({}) kept for reconciliation", update.callSid(), update.status());
        // The call row may have appeared between our update and the insert: settle it now rather than later.
        reconcile(update.callSid());
        return Applied.UNMATCHED;
    }

    /** Records a call we just placed (status initiated) and applies callbacks that arrived before it. */
    public void placed(String callSid, long leadId, Long campaignId, String fromNumber, String toNumber) {
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, lead_id, campaign_id, direction, status, from_number, to_number, started_at)
                VALUES (:sid, :lead, :campaign, 'outbound', 'initiated', :from, :to, now())
                ON CONFLICT (call_sid) DO NOTHING""")
                .param("sid", callSid).param("lead", leadId).param("campaign", campaignId)
                .param("from", fromNumber).param("to", toNumber).update();
        reconcile(callSid);
    }

    /** Applies, in arrival order, the stored callbacks for a call whose row now exists. Returns how many. */
    public int reconcile(String callSid) {
        List<String> payloads = jdbc.sql("""
                UPDATE unmatched_call_events SET reconciled = TRUE
                WHERE call_sid = :sid AND NOT reconciled AND EXISTS (SELECT 1 FROM call_sessions WHERE call_sid = :sid)
                RETURNING payload::text""").param("sid", callSid).query(String.class).list();
        for (String payload : payloads) {
            try {
                applyToRow(json.treeToValue(json.readTree(payload).get("update"), CallStatusUpdate.class));
            } catch (JsonProcessingException e) {
                log.warn("Unreadable stored callback for call {}: {}", callSid, e.getOriginalMessage());
            }
        }
        return payloads.size();
    }

    private boolean applyToRow(CallStatusUpdate u) {
        Optional<Map<String, Object>> row = jdbc.sql(APPLY).param("sid", u.callSid()).param("status", u.status())
                .param("answeredAt", time(u.answeredAt())).param("endedAt", time(u.endedAt()))
                .param("duration", u.durationSeconds()).param("recordingUrl", u.recordingUrl())
                .param("unansweredOutcome", u.unansweredOutcome()).query().listOfRows().stream().findFirst();
        row.ifPresent(r -> {
            boolean wasOpen = !CallStatusUpdate.TERMINAL.contains((String) r.get("old_status"));
            String status = (String) r.get("status");
            if (wasOpen && CallStatusUpdate.TERMINAL.contains(status)) {
                events.publishEvent(new CallEnded(u.callSid(), (Long) r.get("lead_id"), (Long) r.get("campaign_id"),
                        status, (String) r.get("final_outcome")));
            }
        });
        return row.isPresent();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
