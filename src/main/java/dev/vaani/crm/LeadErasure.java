package dev.vaani.crm;

import dev.vaani.platform.admin.StateConflictException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a lead's personal data when the person asks (India's DPDP Act 2023, right to erasure), in one transaction:
 * the lead's name, phone, email, property wishes and what the calls collected; on each of its calls the transcript,
 * collected data, summary, recording URL and both numbers; the webhook deliveries built from those calls (their bodies
 * carry the same); the carrier callbacks kept for them; and its queued calls, cancelled.
 *
 * <p>What is not personal stays, so campaign figures still add up: the lead row as a tombstone ({@code erased_at},
 * do-not-call) with its status and campaigns, and each call's outcome, status, times and durations. The number lives on
 * only as a keyed hash in {@link Suppressions}, so no import, API call or campaign calls the person again.
 *
 * <p>A lead with a call still live, or ended but not yet closed in PostgreSQL (its last state may still be on its way
 * from the instance that served it, or from Redis' outbox), is refused: erasing first would let that late write bring
 * the person back. Erasing an erased lead changes nothing.
 */
@Service
public class LeadErasure {

    private static final Logger log = LoggerFactory.getLogger(LeadErasure.class);

    /**
     * The lead's calls: those placed to it or signed as its, and inbound calls from its number that were not taken as
     * the lead's (a caller ID can be faked, but what was said on them is still most likely the person's).
     */
    private static final String CALLS_OF_LEAD = """
            SELECT call_sid FROM call_sessions
             WHERE lead_id = :id OR (lead_id IS NULL AND CAST(:phone AS text) IS NOT NULL
                                     AND (from_number = :phone OR to_number = :phone))""";

    /** What an erasure did; {@code alreadyErased} when the lead was erased before and nothing changed now. */
    public record Erasure(long leadId, OffsetDateTime erasedAt, int callsErased, int deliveriesDropped,
                          int queuedCallsCancelled, boolean alreadyErased) {
    }

    /** The lead has a call that is live or not yet closed: retry once it has ended (409). */
    public static class CallNotClosedException extends StateConflictException {
        CallNotClosedException(long leadId, String callSid) {
            super("A call of this lead is not closed yet", "lead " + leadId + " has a call that is live or not yet "
                    + "closed (" + callSid + "); erasing now could be undone by its last write: retry after the call "
                    + "has ended");
        }
    }

    private final JdbcClient jdbc;
    private final Suppressions suppressions;
    private final ErasedCallPurge purge;
    private final ApplicationEventPublisher events;

    LeadErasure(JdbcClient jdbc, Suppressions suppressions, ErasedCallPurge purge, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.suppressions = suppressions;
        this.purge = purge;
        this.events = events;
    }

    /**
     * Erases the lead.
     *
     * @param erasedBy who asked (the signed-in user or API client), for the audit record; may be null
     * @return empty when there is no such lead
     * @throws CallNotClosedException when one of its calls is live or not yet closed
     */
    @Transactional
    public Optional<Erasure> erase(long id, String erasedBy) {
        // the dialer's per-lead claim lock (campaign.Dialer): an attempt it is marking 'dialing' is seen here
        jdbc.sql("SELECT pg_advisory_xact_lock(7412, CAST(? AS integer))").param(id).query().listOfRows();
        // before the lead's row: an import holding the shared side may be waiting for that row
        suppressions.lockOutNewNumbers();
        Optional<TombstoneOrLead> found = jdbc.sql("SELECT phone, erased_at FROM leads WHERE id = ? FOR UPDATE")
                .param(id).query((rs, n) -> new TombstoneOrLead(rs.getString("phone"),
                        rs.getObject("erased_at", OffsetDateTime.class))).optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().erasedAt() != null) {
            return Optional.of(previous(id, found.get().erasedAt()));
        }
        String phone = found.get().phone();
        refuseWhileACallIsOpen(id, phone);

        List<String> callSids = jdbc.sql(CALLS_OF_LEAD).param("id", id).param("phone", phone).query(String.class).list();
        int calls = 0;
        int deliveries = 0;
        if (!callSids.isEmpty()) {
            calls = jdbc.sql("""
                    UPDATE call_sessions SET transcript = '[]'::jsonb, collected_data = '{}'::jsonb, summary = NULL,
                           recording_url = NULL, from_number = NULL, to_number = NULL, error = NULL,
                           erased_at = now(), updated_at = now()
                     WHERE call_sid IN (:sids)""").param("sids", callSids).update();
            // pending ones would send the person's data on; sent and failed ones still hold it, and a replay resends it
            deliveries = jdbc.sql("DELETE FROM webhook_deliveries WHERE call_sid IN (:sids)").param("sids", callSids)
                    .update();
            jdbc.sql("DELETE FROM unmatched_call_events WHERE call_sid IN (:sids)").param("sids", callSids).update();
        }
        int cancelled = jdbc.sql("""
                UPDATE scheduled_calls SET state = 'cancelled', updated_at = now()
                 WHERE lead_id = ? AND state = 'pending'""").param(id).update();
        new QueuedLeads(jdbc).noLongerQueued(List.of(id));
        // an error text may quote the number (a carrier's refusal)
        jdbc.sql("UPDATE scheduled_calls SET last_error = NULL WHERE lead_id = ? AND last_error IS NOT NULL")
                .param(id).update();
        suppressions.suppress(phone);
        OffsetDateTime erasedAt = jdbc.sql("""
                UPDATE leads SET name = NULL, phone = NULL, email = NULL, property_type = NULL, bedrooms = NULL,
                       location = NULL, budget = NULL, budget_min_rupees = NULL, budget_max_rupees = NULL,
                       timeline = NULL, purpose = NULL, source = NULL, last_summary = NULL,
                       collected_data = '{}'::jsonb, do_not_call = TRUE, time_zone = 'Asia/Kolkata',
                       erased_at = now(), updated_at = now()
                 WHERE id = ? RETURNING erased_at""").param(id).query(OffsetDateTime.class).single();
        jdbc.sql("""
                INSERT INTO lead_erasures (lead_id, erased_at, erased_by, calls_erased, deliveries_dropped, queued_cancelled)
                VALUES (?, ?, ?, ?, ?, ?)""").params(id, erasedAt, erasedBy, calls, deliveries, cancelled).update();
        forgetInRedisAfterCommit(callSids);
        List<Long> campaigns = jdbc.sql("SELECT campaign_id FROM campaign_leads WHERE lead_id = ?").param(id)
                .query(Long.class).list();
        if (!campaigns.isEmpty()) {
            events.publishEvent(new LeadWithdrawn(id, campaigns)); // it may have been the last one a campaign waited for
        }
        log.info("Lead {} erased by {}: {} call(s) emptied, {} webhook delivery(ies) dropped, {} queued call(s) "
                + "cancelled; its number is suppressed", id, erasedBy == null ? "unknown" : erasedBy, calls, deliveries,
                cancelled);
        return Optional.of(new Erasure(id, erasedAt, calls, deliveries, cancelled, false));
    }

    private record TombstoneOrLead(String phone, OffsetDateTime erasedAt) {
    }

    /**
     * Open: a call whose row is not terminal, whose media leg has not ended, or whose next step is not decided yet
     * (that decision comes only after the call's last state is stored), and any attempt being placed.
     */
    private void refuseWhileACallIsOpen(long id, String phone) {
        Optional<String> open = jdbc.sql("""
                SELECT call_sid FROM call_sessions
                 WHERE call_sid IN (""" + CALLS_OF_LEAD + """
                       )
                   AND (vaani_call_status_rank(status) < 3 OR next_step_decided_at IS NULL
                        OR (stream_sid IS NOT NULL AND media_ended_at IS NULL))
                UNION ALL
                SELECT COALESCE(call_sid, 'attempt ' || id) FROM scheduled_calls
                 WHERE lead_id = :id AND state IN ('dialing', 'placed', 'unknown')
                LIMIT 1""").param("id", id).param("phone", phone).query(String.class).optional();
        if (open.isPresent()) {
            throw new CallNotClosedException(id, open.get());
        }
    }

    private Erasure previous(long id, OffsetDateTime erasedAt) {
        return jdbc.sql("""
                SELECT calls_erased, deliveries_dropped, queued_cancelled FROM lead_erasures
                 WHERE lead_id = ? ORDER BY id LIMIT 1""").param(id)
                .query((rs, n) -> new Erasure(id, erasedAt, rs.getInt(1), rs.getInt(2), rs.getInt(3), true))
                .optional().orElse(new Erasure(id, erasedAt, 0, 0, 0, true));
    }

    /**
     * The live session, the placement context and any outbox entry of each call also hold the person's words and
     * number (for an hour or so). The calls are recorded for {@link ErasedCallPurge} in this transaction, and purged
     * once PostgreSQL has committed; a Redis that fails then is tried again until it answers.
     */
    private void forgetInRedisAfterCommit(List<String> callSids) {
        if (callSids.isEmpty()) {
            return;
        }
        purge.record(callSids);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                purge.purgeNow(callSids);
            }
        });
    }
}
