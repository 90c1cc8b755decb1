package dev.vaani.call;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.LeadProfile;
import dev.vaani.phone.PhoneNumbers;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The call's row in {@code call_sessions}: created (or taken over) when the media stream starts, then kept up to date
 * by whole snapshots of the live call ({@link CallRecordWriter} coalesces and retries them), closed by the last one.
 * The lead and script a call starts from are read through here too, by {@link LeadAndScriptLookup}.
 */
@Component
public class CallRecordStore {

    /**
     * Everything the live call knows that the record holds, as of one version. Each write is a whole snapshot, so
     * writes are idempotent and a retried or late one never undoes a newer one (state_version guards it).
     */
    public record Snapshot(String callSid, Long leadId, long version, String stage, Map<String, Object> collectedData,
                           boolean escalationRequested, String outcome, String summary, boolean doNotCall,
                           List<TranscriptLine> transcript, List<Map<String, Object>> turnMetrics, End end,
                           RowStart start) {

        /** A snapshot of a call whose row exists, with no turn measured yet. */
        public Snapshot(String callSid, Long leadId, long version, String stage, Map<String, Object> collectedData,
                        boolean escalationRequested, String outcome, String summary, boolean doNotCall,
                        List<TranscriptLine> transcript, End end) {
            this(callSid, leadId, version, stage, collectedData, escalationRequested, outcome, summary, doNotCall,
                    transcript, List.of(), end, null);
        }
    }

    /**
     * The row a media stream's start creates (or takes over), as {@link #started} writes it. A snapshot carries it
     * until one write landed, when PostgreSQL did not answer as the call started: the row then comes with the call's
     * first stored state, from this process's retries or, should it die, from the Redis outbox.
     *
     * @param from          the stream's from: the caller, or on an outbound call the lead (Exotel dials From first)
     * @param to            the stream's to: our ExoPhone
     * @param placedAttempt the scheduled call our dialer placed as this call sid, when its placement context says so
     *                      (the dialer's own record of the placement may not have reached PostgreSQL); else null
     */
    public record RowStart(String callSid, String streamSid, Long leadId, Long campaignId, String direction,
                           String from, String to, int sampleRate, Instant at, Long placedAttempt) {}

    /** How the media leg ended: status completed (or failed with an error), the reason, when. */
    public record End(String status, String reason, Instant endedAt, String error,
                      List<Map<String, Object>> turnMetrics) {}

    private static final String WRITE_STATE = """
            UPDATE call_sessions SET state_version = :version, conversation_stage = COALESCE(:stage, conversation_stage),
                   collected_data = collected_data || CAST(:collected AS jsonb), escalation_requested = :escalation,
                   final_outcome = COALESCE(:outcome, final_outcome), summary = COALESCE(:summary, summary),
                   do_not_call_requested = do_not_call_requested OR :doNotCall,
                   transcript = CASE WHEN jsonb_array_length(CAST(:transcript AS jsonb)) >= jsonb_array_length(transcript)
                                     THEN CAST(:transcript AS jsonb) ELSE transcript END,
                   turn_metrics = CASE WHEN jsonb_array_length(CAST(:turns AS jsonb)) >= jsonb_array_length(turn_metrics)
                                       THEN CAST(:turns AS jsonb) ELSE turn_metrics END,
                   updated_at = now()
             WHERE call_sid = :sid AND state_version < :version
               AND erased_at IS NULL"""; // an erased call (crm.LeadErasure) is never filled again by a late write

    /** The media leg's end; the status moves to terminal only if Exotel has not made it terminal already. */
    private static final String WRITE_END = """
            UPDATE call_sessions SET
                   status = CASE WHEN vaani_call_status_rank(status) < 3 THEN :status ELSE status END,
                   media_ended_at = COALESCE(media_ended_at, :endedAt), end_reason = COALESCE(end_reason, :reason),
                   error = COALESCE(:error, error),
                   turn_metrics = CASE WHEN jsonb_array_length(CAST(:turns AS jsonb)) >= jsonb_array_length(turn_metrics)
                                       THEN CAST(:turns AS jsonb) ELSE turn_metrics END,
                   ended_at = COALESCE(ended_at, :endedAt),
                   duration_seconds = COALESCE(duration_seconds,
                       GREATEST(0, EXTRACT(EPOCH FROM (CAST(:endedAt AS timestamptz) - COALESCE(answered_at, started_at))))::int),
                   updated_at = now()
             WHERE call_sid = :sid AND erased_at IS NULL""";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final QuietTransactions transactions;
    private final JsonMapper json;
    private final InstanceId instance;
    private final LeadAndScriptLookup lookup;
    private final LeadAnswers leadAnswers;
    private final ErasedNumbers erasedNumbers;
    private final ObjectProvider<CallDecisions> decisions;

    public CallRecordStore(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json, InstanceId instance,
                           ObjectProvider<ErasedNumbers> erasedNumbers, ObjectProvider<CallDecisions> decisions) {
        this.erasedNumbers = erasedNumbers.getIfAvailable(() -> ErasedNumbers.NONE);
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new QuietTransactions(transactions.getTransactionManager());
        this.json = json;
        this.instance = instance;
        this.lookup = new LeadAndScriptLookup(jdbc, json);
        this.leadAnswers = new LeadAnswers(jdbc, json);
    }

    /**
     * Creates the row, or takes over the one the dialer or a webhook made for this call sid.
     *
     * @param from the stream's from: the caller, or on an outbound call the lead (Exotel dials From first)
     * @param to   the stream's to: our ExoPhone
     */
    public void started(String callSid, String streamSid, Long leadId, Long campaignId, String direction,
                        String from, String to, int sampleRate, Instant at) {
        started(new RowStart(callSid, streamSid, leadId, campaignId, direction, from, to, sampleRate, at, null));
    }

    /** As {@link #started(String, String, Long, Long, String, String, String, int, Instant)}. */
    public void started(RowStart row) {
        // an outbound call is stored as the dialer records a placed call: from our number to the lead
        boolean outbound = "outbound".equals(row.direction());
        // E.164 whatever form Exotel wrote (0XXXXXXXXXX, 91XXXXXXXXXX, +91XXXXXXXXXX): the lead's page, the dialer's
        // "is this lead on a call" and an erasure find a caller's calls by the lead's number, which is E.164
        String from = PhoneNumbers.e164OrAsIs(outbound ? row.to() : row.from());
        String to = PhoneNumbers.e164OrAsIs(outbound ? row.from() : row.to());
        if (!outbound && from != null && isErasedNumber(from)) {
            from = null; // answered, but kept as a withheld number: nothing stored ties the call to the person erased
        }
        jdbc.update("""
                INSERT INTO call_sessions (call_sid, stream_sid, lead_id, campaign_id, direction, status, from_number,
                                           to_number, started_at, answered_at, sample_rate, owner_instance, heartbeat_at,
                                           exotel_leg)
                VALUES (?, ?, ?, ?, ?, 'in-progress', ?, ?, ?, ?, ?, ?, now(), ?)
                ON CONFLICT (call_sid) DO UPDATE SET
                    exotel_leg = call_sessions.exotel_leg OR EXCLUDED.exotel_leg,
                    stream_sid = EXCLUDED.stream_sid,
                    lead_id = COALESCE(call_sessions.lead_id, EXCLUDED.lead_id),
                    campaign_id = COALESCE(call_sessions.campaign_id, EXCLUDED.campaign_id),
                    status = CASE WHEN call_sessions.status IN ('initiated', 'ringing') THEN 'in-progress'
                                  ELSE call_sessions.status END,
                    from_number = CASE WHEN call_sessions.erased_at IS NULL
                                       THEN COALESCE(call_sessions.from_number, EXCLUDED.from_number) END,
                    to_number = CASE WHEN call_sessions.erased_at IS NULL
                                     THEN COALESCE(call_sessions.to_number, EXCLUDED.to_number) END,
                    started_at = COALESCE(call_sessions.started_at, EXCLUDED.started_at),
                    answered_at = COALESCE(call_sessions.answered_at, EXCLUDED.answered_at),
                    sample_rate = EXCLUDED.sample_rate,
                    owner_instance = EXCLUDED.owner_instance, heartbeat_at = now(),
                    updated_at = now()
                """, row.callSid(), row.streamSid(), row.leadId(), row.campaignId(), row.direction(), from, to,
                Timestamp.from(row.at()), Timestamp.from(row.at()), row.sampleRate(), instance.value(),
                row.placedAttempt() != null);
        if (row.placedAttempt() != null) {
            // What the dialer's transaction records after Exotel's answer, should it not have reached PostgreSQL: the
            // attempt was placed as this call (our placement kept that), so its next step finds it, and no resolver
            // or redial takes it for a placement whose outcome is unknown. A recorded placement is left as it is.
            int adopted = jdbc.update("""
                    UPDATE scheduled_calls SET state = 'placed', call_sid = ?, last_error = NULL, updated_at = now()
                     WHERE id = ? AND state IN ('dialing', 'unknown')""", row.callSid(), row.placedAttempt());
            if (adopted == 1) {
                // a start carried by a snapshot lands after PostgreSQL came back, when the call may be closed and decided
                decisions.ifAvailable(calls -> calls.attemptAdopted(row.callSid()));
            }
        }
    }

    /**
     * Writes a snapshot of the live call; with its end, also closes the media leg, copies the qualification data onto
     * the lead and takes the call's next step if nothing else is awaited ({@link CallDecisions}), in one transaction.
     *
     * @return false when a newer snapshot is already stored (or the row is gone): nothing was changed
     */
    public boolean write(Snapshot snapshot) {
        return Boolean.TRUE.equals(transactions.inOne(() -> {
            if (snapshot.start() != null) {
                started(snapshot.start());
            }
            MapSqlParameterSource state = new MapSqlParameterSource().addValue("sid", snapshot.callSid())
                    .addValue("version", snapshot.version()).addValue("stage", snapshot.stage())
                    .addValue("collected", toJson(snapshot.collectedData()))
                    .addValue("escalation", snapshot.escalationRequested()).addValue("outcome", snapshot.outcome())
                    .addValue("summary", snapshot.summary()).addValue("doNotCall", snapshot.doNotCall())
                    .addValue("transcript", toJson(snapshot.transcript()))
                    // null in an outbox entry saved before turns were measured during the call
                    .addValue("turns", toJson(snapshot.turnMetrics() == null ? List.of() : snapshot.turnMetrics()));
            if (named.update(WRITE_STATE, state) == 0) {
                return false;
            }
            End end = snapshot.end();
            if (end != null) {
                named.update(WRITE_END, new MapSqlParameterSource().addValue("sid", snapshot.callSid())
                        .addValue("status", end.status()).addValue("reason", end.reason())
                        .addValue("endedAt", Timestamp.from(end.endedAt())).addValue("error", end.error())
                        .addValue("turns", toJson(end.turnMetrics() == null ? List.of() : end.turnMetrics())));
                if (snapshot.leadId() != null) {
                    leadAnswers.copy(snapshot.leadId(), snapshot.collectedData(), snapshot.outcome(), snapshot.summary(),
                            snapshot.doNotCall());
                }
                decideIfReady(snapshot.callSid());
            }
            return true;
        }));
    }

    /** Whether a caller's number belongs to a person who asked to be erased ({@link ErasedNumbers}). */
    public boolean isErasedNumber(String phone) {
        return erasedNumbers.isErased(phone);
    }

    /** Whether the call's row is closed: ended, or a terminal status from Exotel. No row means not ended. */
    public boolean hasEnded(String callSid) {
        return Boolean.TRUE.equals(jdbc.query("""
                SELECT ended_at IS NOT NULL OR media_ended_at IS NOT NULL
                       OR status IN ('completed', 'failed', 'busy', 'no-answer', 'canceled', 'interrupted')
                FROM call_sessions WHERE call_sid = ?""", rs -> rs.next() ? rs.getBoolean(1) : false, callSid));
    }

    /** Stamps the rows of the streams this instance serves, so no reconciler takes them for orphans. */
    public void heartbeat(java.util.Collection<String> callSids) {
        if (!callSids.isEmpty()) {
            named.update("UPDATE call_sessions SET heartbeat_at = now(), owner_instance = :me WHERE call_sid IN (:sids)",
                    new MapSqlParameterSource().addValue("me", instance.value()).addValue("sids", callSids));
        }
    }

    /**
     * Takes the ended call's next step in the caller's transaction (a failing next step rolls back alone): committed,
     * the call is decided or waits for the carrier, and no reconciler finds it ready and undecided in between.
     */
    private void decideIfReady(String callSid) {
        decisions.ifAvailable(d -> d.decideIfReady(callSid));
    }

    /** The lead a signed call identity names. */
    public Optional<LeadProfile> findLead(long leadId) {
        return lookup.findLead(leadId);
    }

    /** The call sid an attempt was placed as, once the dialer has recorded Exotel's answer. */
    public Optional<String> attemptPlacedAs(long scheduledCallId) {
        return jdbc.query("SELECT call_sid FROM scheduled_calls WHERE id = ?",
                rs -> rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty(), scheduledCallId);
    }

    /** The campaign's script in the campaign's language, or the default real-estate script. */
    public CampaignScript findScript(Long campaignId) {
        return lookup.findScript(campaignId);
    }

    /** The campaign's calling hours, which a callback the lead asks for is booked within. */
    public dev.vaani.conversation.CallbackHours findCallbackHours(Long campaignId) {
        return lookup.findCallbackHours(campaignId);
    }

    /** Data already collected for this lead on earlier calls. */
    public Map<String, Object> findCollectedData(Long leadId) {
        return lookup.findCollectedData(leadId);
    }

    private String toJson(Object value) {
        return jsonb(json, value);
    }

    /** {@code value} as JSON that PostgreSQL's jsonb accepts ({@link #withoutNul}). */
    static String jsonb(JsonMapper json, Object value) {
        try {
            return withoutNul(json.writeValueAsString(value));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * PostgreSQL's jsonb refuses U+0000 ("unsupported Unicode escape sequence"), which text from outside (a speech
     * recogniser, a provider) can carry: dropped, so one such character cannot make every write of a call fail.
     */
    static String withoutNul(String json) {
        if (!json.contains("\\u0000")) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < json.length()) {
                if (json.startsWith("u0000", i + 1)) {
                    i += 5; // the escape of U+0000
                    continue;
                }
                out.append(c).append(json.charAt(++i)); // any other escape pair (an escaped backslash too) is kept whole
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
