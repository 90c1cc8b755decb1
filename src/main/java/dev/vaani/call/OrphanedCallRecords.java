package dev.vaani.call;

import dev.vaani.call.session.TranscriptLine;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of calls whose media stream lost its owner (an instance killed or crashed mid-call), as
 * {@link CallReconciler} finds and closes them: what Redis' live session still knew is merged in, and the media leg is
 * closed as interrupted with everything collected kept and copied onto the lead.
 */
@Component
public class OrphanedCallRecords {

    private final NamedParameterJdbcTemplate named;
    private final QuietTransactions transactions;
    private final JsonMapper json;
    private final LeadAnswers leadAnswers;
    private final ObjectProvider<CallDecisions> decisions;

    public OrphanedCallRecords(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json,
                               ObjectProvider<CallDecisions> decisions) {
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new QuietTransactions(transactions.getTransactionManager());
        this.json = json;
        this.leadAnswers = new LeadAnswers(jdbc, json);
        this.decisions = decisions;
    }

    /** A row the reconciler may close: its media stream has no owner any more. */
    public record Orphan(String callSid, Long leadId, boolean exotelLeg, String owner) {}

    /** Open media legs whose row was not stamped for {@code ownerTimeout}, except the ones in {@code held}. */
    public List<Orphan> orphans(java.time.Duration ownerTimeout, java.util.Set<String> held, int limit) {
        return named.query("""
                SELECT call_sid, lead_id, exotel_leg, owner_instance FROM call_sessions
                 WHERE media_ended_at IS NULL AND stream_sid IS NOT NULL
                   AND COALESCE(heartbeat_at, updated_at) < now() - make_interval(secs => :secs)
                 ORDER BY COALESCE(heartbeat_at, updated_at) LIMIT :limit""",
                new MapSqlParameterSource().addValue("secs", ownerTimeout.toMillis() / 1000.0).addValue("limit", limit),
                (row, n) -> new Orphan(row.getString("call_sid"), (Long) row.getObject("lead_id"),
                        row.getBoolean("exotel_leg"), row.getString("owner_instance")))
                .stream().filter(o -> !held.contains(o.callSid())).toList();
    }

    /**
     * What Redis' live session knew and the record may not (the last second before a crash): merged into a row
     * whose media leg is still open. Collected fields are added, the longer transcript wins, an outcome fills a gap.
     */
    public void recoverFromSession(String callSid, ConversationSessionView session) {
        named.update("""
                UPDATE call_sessions SET collected_data = collected_data || CAST(:collected AS jsonb),
                       conversation_stage = COALESCE(:stage, conversation_stage),
                       final_outcome = COALESCE(final_outcome, :outcome),
                       escalation_requested = escalation_requested OR :escalation,
                       do_not_call_requested = do_not_call_requested OR :doNotCall,
                       transcript = CASE WHEN jsonb_array_length(CAST(:transcript AS jsonb)) > jsonb_array_length(transcript)
                                         THEN CAST(:transcript AS jsonb) ELSE transcript END,
                       updated_at = now()
                 WHERE call_sid = :sid AND media_ended_at IS NULL AND erased_at IS NULL""",
                new MapSqlParameterSource().addValue("sid", callSid)
                        .addValue("collected", CallRecordStore.jsonb(json, session.collectedData())).addValue("stage", session.stage())
                        .addValue("outcome", session.outcome()).addValue("escalation", session.escalation())
                        .addValue("doNotCall", session.doNotCall())
                        .addValue("transcript", CallRecordStore.jsonb(json, session.transcript())));
    }

    /** The part of a Redis session the record takes over. */
    public record ConversationSessionView(Map<String, Object> collectedData, String stage, String outcome,
                                          boolean escalation, boolean doNotCall, List<TranscriptLine> transcript) {}

    /**
     * Closes the media leg of a row no instance owns (re-checking, in the same statement, that no heartbeat came
     * meanwhile), keeping everything collected, copies the collected data onto the lead and takes the call's next step
     * if nothing else is awaited, in one transaction.
     *
     * @return whether this call closed it
     */
    public boolean closeOrphan(String callSid, java.time.Duration ownerTimeout) {
        return Boolean.TRUE.equals(transactions.inOne(() -> {
            List<Map<String, Object>> closed = named.queryForList("""
                    UPDATE call_sessions SET media_ended_at = now(),
                           end_reason = 'media stream lost: owner ' || COALESCE(owner_instance, 'unknown') || ' stopped',
                           status = CASE WHEN vaani_call_status_rank(status) < 3 THEN 'interrupted' ELSE status END,
                           error = COALESCE(error, 'the instance serving this call stopped before it ended'),
                           ended_at = COALESCE(ended_at, heartbeat_at, updated_at),
                           final_outcome = COALESCE(final_outcome, 'incomplete'),
                           duration_seconds = COALESCE(duration_seconds, GREATEST(0, EXTRACT(EPOCH FROM
                               (COALESCE(ended_at, heartbeat_at, updated_at) - COALESCE(answered_at, started_at))))::int),
                           updated_at = now()
                     WHERE call_sid = :sid AND media_ended_at IS NULL
                       AND COALESCE(heartbeat_at, updated_at) < now() - make_interval(secs => :secs)
                    RETURNING lead_id, collected_data::text AS collected, final_outcome, do_not_call_requested""",
                    new MapSqlParameterSource().addValue("sid", callSid).addValue("secs", ownerTimeout.toMillis() / 1000.0));
            if (closed.isEmpty()) {
                return false;
            }
            Map<String, Object> row = closed.getFirst();
            if (row.get("lead_id") != null) {
                Map<String, Object> data;
                try {
                    data = json.readValue((String) row.get("collected"), new TypeReference<>() { });
                } catch (JacksonException e) {
                    data = Map.of();
                }
                leadAnswers.copy((Long) row.get("lead_id"), data, (String) row.get("final_outcome"), null,
                        Boolean.TRUE.equals(row.get("do_not_call_requested")));
            }
            decideIfReady(callSid);
            return true;
        }));
    }

    /** As {@link CallRecordStore#write}: the next step in the closing transaction, so no reconciler finds it undecided. */
    private void decideIfReady(String callSid) {
        decisions.ifAvailable(d -> d.decideIfReady(callSid));
    }
}
