package dev.vaani.crm;

import dev.vaani.call.CallDecisions;
import dev.vaani.call.CallMetrics;
import dev.vaani.call.QuietTransactions;
import dev.vaani.phone.PhoneNumbers;
import dev.vaani.privacy.PhoneMask;
import dev.vaani.privacy.UntrustedText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycle of a call row (call_sessions): created when the dialer places a call, refined by Exotel's status
 * callbacks, and the one place that decides what follows a call. Updates are idempotent and monotonic and each is one SQL statement, so repeated, late, reordered or
 * concurrent callbacks cannot move a call backwards or erase what an earlier one recorded. A recording URL is taken
 * only as a {@link RecordingUrl} (else dropped, logged, counted), and only once.
 */
@Service
public class CallRecords implements CallDecisions {

    private static final Logger log = LoggerFactory.getLogger(CallRecords.class);

    /**
     * Status moves only forward by rank; a terminal status is final; absent fields keep what is stored. The recording
     * URL is set once: Exotel names a call's one recording in its terminal callback, or in its call details, which
     * settle minutes after the call (shared/reference/exotel.md §7, §8); nothing there has it change, so a later,
     * different URL for a call that has one is not taken.
     */
    private static final String APPLY = """
            WITH old AS (SELECT id, status FROM call_sessions WHERE call_sid = :sid FOR UPDATE)
            UPDATE call_sessions c SET
              status = CASE WHEN vaani_call_status_rank(:status) > vaani_call_status_rank(c.status) THEN :status ELSE c.status END,
              answered_at = COALESCE(c.answered_at, CAST(:answeredAt AS timestamptz)),
              ended_at = CASE WHEN vaani_call_status_rank(:status) = 3 THEN COALESCE(c.ended_at, CAST(:endedAt AS timestamptz))
                              ELSE c.ended_at END,
              duration_seconds = COALESCE(CAST(:duration AS integer), c.duration_seconds),
              recording_url = CASE WHEN c.erased_at IS NULL -- a late callback never brings an erased call's recording back
                                   THEN COALESCE(c.recording_url, CAST(:recordingUrl AS text)) END,
              final_outcome = COALESCE(c.final_outcome,
                  CASE WHEN vaani_call_status_rank(c.status) < 3 THEN CAST(:unansweredOutcome AS text) END),
              exotel_terminal_at = CASE WHEN vaani_call_status_rank(:status) = 3 THEN COALESCE(c.exotel_terminal_at, now())
                                        ELSE c.exotel_terminal_at END,
              updated_at = now()
            FROM old WHERE c.id = old.id
            RETURNING old.status AS old_status, c.status, c.lead_id, c.campaign_id, c.final_outcome""";

    /**
     * The one statement that decides a call's next step, once: when the call is terminal, its media leg's result is
     * in (or it never had one: unanswered), and Exotel's terminal status is in (or it has no Exotel leg: inbound and
     * simulated calls decide on the media result alone; {@code :force} after the decision timeout).
     */
    private static final String DECIDE = """
            UPDATE call_sessions SET next_step_decided_at = now()
             WHERE call_sid = :sid AND next_step_decided_at IS NULL AND vaani_call_status_rank(status) = 3
               AND (media_ended_at IS NOT NULL OR stream_sid IS NULL)
               AND (exotel_terminal_at IS NOT NULL OR NOT exotel_leg OR :force)
            RETURNING lead_id, campaign_id, status, final_outcome""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final QuietTransactions transactions;
    private final CallMetrics metrics;

    public CallRecords(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events,
                       TransactionTemplate transactions, CallMetrics metrics) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.transactions = new QuietTransactions(transactions.getTransactionManager());
        this.metrics = metrics;
    }

    /** Whether a callback updated a known call or was kept for later reconciliation. */
    public enum Applied { UPDATED, UNMATCHED }

    /**
     * Applies a status callback; one for an unknown call is stored in unmatched_call_events, never dropped, with every
     * phone number in the carrier's fields masked (reconciling it reads only the parsed update, which has none). Rows
     * are purged after a retention period ({@link UnmatchedCallbackRetention}).
     */
    public Applied apply(CallStatusUpdate callback, Map<String, ?> rawCallback) {
        CallStatusUpdate update = withPlayableRecording(callback);
        // Under the call's lock, which placed() holds until the dialer's transaction commits: a callback that overtakes
        // the placement waits for its row instead of missing it, or is kept before placed() looks for kept ones. Without
        // the lock each looked before the other committed, and the call stayed 'initiated' until the carrier was asked.
        // A terminal status decides the call's next step in the same transaction: committed, the call is decided (or
        // not ready, or its decision failed and only that was rolled back), so no reconciler, on this instance or
        // another, finds it terminal and undecided in between and takes the step at the same moment.
        boolean updated = transactions.inOne(() -> {
            lockCall(update.callSid());
            Optional<String> status = updateRow(update);
            if (status.isEmpty()) {
                jdbc.sql("INSERT INTO unmatched_call_events (call_sid, payload) VALUES (:sid, CAST(:payload AS jsonb))")
                        .param("sid", update.callSid())
                        .param("payload", toJson(Map.of("update", update, "raw", numbersMasked(rawCallback))))
                        .update();
                return false;
            }
            // the carrier's terminal status is what the decision waited for, whatever the row's own status: a call
            // whose media leg was cut is 'interrupted', which a later 'completed' does not replace
            decideIfTerminal(update.callSid(), update.status());
            return true;
        });
        if (updated) {
            return Applied.UPDATED;
        }
        log.info("Status callback for unknown call {} ({}) kept for reconciliation", update.callSid(), update.status());
        // The call row may have appeared between our update and the insert: settle it now rather than later.
        reconcile(update.callSid());
        return Applied.UNMATCHED;
    }

    /**
     * Records a call we just placed (status initiated, with an Exotel leg whose terminal status its next step waits
     * for) and applies callbacks that arrived before it.
     */
    public void placed(String callSid, long leadId, Long campaignId, String fromNumber, String toNumber) {
        transactions.inOne(() -> {
            lockCall(callSid); // until the caller's transaction (the dialer's) commits the row: see apply()
            // E.164, as a stream's start stores them: our ExoPhone is configured as Exotel writes it (08012345678)
            insertPlaced(callSid, leadId, campaignId, PhoneNumbers.e164OrAsIs(fromNumber),
                    PhoneNumbers.e164OrAsIs(toNumber)).ifPresent(events::publishEvent);
            reconcile(callSid);
            return null;
        });
    }

    /**
     * Inserts the placed call's row, or marks the row its media stream started as having an Exotel leg. The call's
     * end, when its row was already decided: the stream started, and the call ended and was decided (a reconciler
     * closing it after its instance died), before its placement was recorded (the dialer's process died waiting for
     * Calls/connect, and its attempt was adopted from Exotel's call details later). That decision found no attempt
     * with this call sid, so took no step for it; the attempt, which has the sid from now on, needs its step, in the
     * caller's transaction: a step that fails fails the placement's record, and the attempt is looked up again. The
     * caller records the placement once per attempt ({@code 'dialing'} or {@code 'unknown'} to {@code 'placed'}).
     */
    private Optional<CallEnded> insertPlaced(String callSid, long leadId, Long campaignId, String fromNumber,
                                             String toNumber) {
        return endIfDecided(callSid, jdbc.sql("""
                INSERT INTO call_sessions (call_sid, lead_id, campaign_id, direction, status, from_number, to_number,
                                           started_at, exotel_leg)
                VALUES (:sid, :lead, :campaign, 'outbound', 'initiated', :from, :to, now(), TRUE)
                ON CONFLICT (call_sid) DO UPDATE SET exotel_leg = TRUE
                RETURNING next_step_decided_at IS NOT NULL AS decided, lead_id, campaign_id, status, final_outcome""")
                .param("sid", callSid).param("lead", leadId).param("campaign", campaignId)
                .param("from", fromNumber).param("to", toNumber).query().listOfRows());
    }

    /**
     * The same for an attempt a stream's start adopted (its placement context named it): a start that landed late,
     * after the call was closed and decided, republishes the call's end for the attempt.
     */
    @Override
    public void attemptAdopted(String callSid) {
        endIfDecided(callSid, jdbc.sql("""
                SELECT next_step_decided_at IS NOT NULL AS decided, lead_id, campaign_id, status, final_outcome
                  FROM call_sessions WHERE call_sid = :sid""").param("sid", callSid).query().listOfRows())
                .ifPresent(events::publishEvent);
    }

    private static Optional<CallEnded> endIfDecided(String callSid, List<Map<String, Object>> rows) {
        return rows.stream().filter(row -> Boolean.TRUE.equals(row.get("decided")))
                .map(row -> new CallEnded(callSid, (Long) row.get("lead_id"), (Long) row.get("campaign_id"),
                        (String) row.get("status"), (String) row.get("final_outcome")))
                .findFirst();
    }

    /**
     * Serialises, per call, recording a placed call against applying its status callbacks, until the transaction ends.
     * Two keys: the first names what is locked (the dialer's account lock uses 7413).
     */
    private void lockCall(String callSid) {
        jdbc.sql("SELECT pg_advisory_xact_lock(7412, hashtext(:sid))").param("sid", callSid).query().listOfRows();
    }

    /** The callback's fields with each value that is a phone number masked (From, To, DialWhomNumber, a leg's). */
    private static Map<String, Object> numbersMasked(Map<String, ?> fields) {
        Map<String, Object> masked = new LinkedHashMap<>();
        fields.forEach((name, value) -> masked.put(name, value instanceof String text ? PhoneMask.maskIfNumber(text)
                : value));
        return masked;
    }

    /** Applies, in arrival order, the stored callbacks for a call whose row now exists. Returns how many. */
    public int reconcile(String callSid) {
        List<String> payloads = jdbc.sql("""
                UPDATE unmatched_call_events SET reconciled = TRUE
                WHERE call_sid = :sid AND NOT reconciled AND EXISTS (SELECT 1 FROM call_sessions WHERE call_sid = :sid)
                RETURNING payload::text""").param("sid", callSid).query(String.class).list();
        for (String payload : payloads) {
            try {
                CallStatusUpdate stored = json.treeToValue(json.readTree(payload).get("update"), CallStatusUpdate.class);
                applyToRow(withPlayableRecording(stored)); // it may have been kept before recording URLs were checked
            } catch (JacksonException e) {
                log.warn("Unreadable stored callback for call {}: {}", callSid, e.getOriginalMessage());
            }
        }
        return payloads.size();
    }

    /** The update without its recording URL when that is no {@link RecordingUrl}: logged (escaped, masked), counted. */
    private CallStatusUpdate withPlayableRecording(CallStatusUpdate u) {
        if (u.recordingUrl() == null || RecordingUrl.playable(u.recordingUrl()).isPresent()) {
            return u;
        }
        metrics.recordingUrlDropped();
        log.warn("Call {}: dropped a recording URL that is no absolute https URL, {}", u.callSid(),
                UntrustedText.quoted(u.recordingUrl(), 80));
        return new CallStatusUpdate(u.callSid(), u.status(), u.answeredAt(), u.endedAt(), u.durationSeconds(), null);
    }

    private boolean applyToRow(CallStatusUpdate u) {
        boolean applied = updateRow(u).isPresent();
        if (applied) {
            decideIfTerminal(u.callSid(), u.status()); // as in apply: the carrier's status, not the row's
        }
        return applied;
    }

    /** Applies the update to the call's row; its status afterwards, or empty when the call has no row. */
    private Optional<String> updateRow(CallStatusUpdate u) {
        return jdbc.sql(APPLY).param("sid", u.callSid()).param("status", u.status())
                .param("answeredAt", time(u.answeredAt())).param("endedAt", time(u.endedAt()))
                .param("duration", u.durationSeconds()).param("recordingUrl", u.recordingUrl())
                .param("unansweredOutcome", u.unansweredOutcome()).query().listOfRows().stream().findFirst()
                .map(row -> (String) row.get("status"));
    }

    private void decideIfTerminal(String callSid, String status) {
        if (CallStatusUpdate.TERMINAL.contains(status)) {
            decideIfReady(callSid);
        }
    }

    /**
     * Takes the call's next step (retry, callback, lead status: {@link CallEnded} listeners) if everything it depends
     * on is known and no one took it yet: exactly once across instances and restarts. A failing listener rolls the
     * guard back, so the reconciler tries again.
     *
     * @return whether this call decided it
     */
    @Override
    public boolean decideIfReady(String callSid) {
        return decide(callSid, false);
    }

    /** After the decision timeout: Exotel's terminal status never came, so the media leg's result alone decides. */
    @Override
    public boolean decideOnMediaResult(String callSid) {
        return decide(callSid, true);
    }

    private boolean decide(String callSid, boolean force) {
        try {
            // nested: inside a status callback's or a placement's transaction, a failing listener rolls back the
            // decision alone, never the status or the row it was taken for
            return Boolean.TRUE.equals(transactions.inNested(() -> {
                Optional<Map<String, Object>> row = jdbc.sql(DECIDE).param("sid", callSid).param("force", force)
                        .query().listOfRows().stream().findFirst();
                row.ifPresent(r -> events.publishEvent(new CallEnded(callSid, (Long) r.get("lead_id"),
                        (Long) r.get("campaign_id"), (String) r.get("status"), (String) r.get("final_outcome"))));
                return row.isPresent();
            }));
        } catch (RuntimeException e) {
            // one line: while PostgreSQL is down every ending call fails here, and the reconciler retries each
            log.warn("Next step for call {} failed ({}); it is tried again by the reconciler", callSid, e.toString());
            return false;
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
