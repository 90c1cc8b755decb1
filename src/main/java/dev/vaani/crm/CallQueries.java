package dev.vaani.crm;

import dev.vaani.phone.PhoneNumbers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reading calls: lists with filters, one call whole, and the figures the operator console summarises. */
@Repository
public class CallQueries {

    private static final String COLUMNS = "call_sid, lead_id, "
            + "(SELECT name FROM leads WHERE leads.id = call_sessions.lead_id) AS lead_name, "
            + "campaign_id, direction, status, from_number, to_number, "
            + "started_at, answered_at, ended_at, duration_seconds, recording_url, final_outcome, summary, error, "
            + "collected_data::text AS collected_data, %s AS transcript, created_at, do_not_call_requested";

    private final JdbcClient jdbc;

    public CallQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Calls, newest first, without transcripts (find has them). */
    public List<CallView> list(CallFilter filter, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS.formatted("NULL") + """
                 FROM call_sessions
                WHERE (CAST(:campaign AS bigint) IS NULL OR campaign_id = :campaign)
                  AND (CAST(:lead AS bigint) IS NULL OR lead_id = :lead)
                  AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:outcome AS text) IS NULL OR final_outcome = :outcome)
                  AND (CAST(:from AS timestamptz) IS NULL OR created_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR created_at < :to)
                ORDER BY created_at DESC, id DESC LIMIT :size OFFSET :offset""")
                .param("campaign", filter.campaignId()).param("lead", filter.leadId()).param("status", filter.status())
                .param("outcome", filter.outcome()).param("from", filter.from()).param("to", filter.to())
                .param("size", size).param("offset", (long) page * size)
                .query(CallView.class).list();
    }

    /**
     * Inbound calls from this number that no signed identity tied to a lead: perhaps the lead calling back, perhaps
     * someone showing their caller ID. Newest first, without transcripts.
     */
    public List<CallView> unverifiedFrom(String e164Phone, int size) {
        String digits = e164Phone == null ? "" : e164Phone.replaceAll("\\D", "");
        if (digits.length() < 6) {
            return List.of();
        }
        String tail = digits.substring(Math.max(0, digits.length() - 10));
        // Exotel writes From as 0XXXXXXXXXX, 91XXXXXXXXXX or +91XXXXXXXXXX: the last digits narrow, E.164 decides
        return jdbc.sql("SELECT " + COLUMNS.formatted("NULL") + """
                 FROM call_sessions
                WHERE lead_id IS NULL AND direction = 'inbound'
                  AND right(regexp_replace(from_number, '\\D', '', 'g'), :n) = :tail
                ORDER BY created_at DESC, id DESC LIMIT :size""")
                .param("n", tail.length()).param("tail", tail).param("size", size).query(CallView.class).list().stream()
                .filter(c -> PhoneNumbers.toE164(c.fromNumber()).map(e164Phone::equals).orElse(false)).toList();
    }

    public Optional<CallView> find(String callSid) {
        return jdbc.sql("SELECT " + COLUMNS.formatted("transcript::text") + " FROM call_sessions WHERE call_sid = ?")
                .param(callSid).query(CallView.class).optional();
    }

    /** The per-turn timings the live call stored (JSON array), "[]" when none. */
    public String turnMetrics(String callSid) {
        return jdbc.sql("SELECT turn_metrics::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).optional().orElse("[]");
    }

    /** Of the given call sids, the calls still open (no end recorded), newest first. */
    public List<CallView> open(Collection<String> callSids) {
        if (callSids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS.formatted("NULL")
                        + " FROM call_sessions WHERE call_sid IN (:sids) AND ended_at IS NULL ORDER BY created_at DESC")
                .param("sids", callSids).query(CallView.class).list();
    }

    /** Calls created since the instant, counted by outcome ("in progress" while a call has none yet). */
    public Map<String, Integer> outcomesSince(Instant since) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT COALESCE(final_outcome, CASE WHEN ended_at IS NULL THEN 'in progress' ELSE 'none' END) AS outcome,
                       count(*) AS calls
                FROM call_sessions WHERE created_at >= ? GROUP BY 1 ORDER BY 2 DESC, 1""")
                .param(since.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> counts.put(rs.getString("outcome"), rs.getInt("calls"))).list();
        return counts;
    }

    /** Leads a call qualified (they stay so whatever a later call says). */
    public int qualifiedLeads() {
        return jdbc.sql("SELECT count(*) FROM leads WHERE status = 'qualified'").query(Integer.class).single();
    }

    /**
     * Reply latency as the caller lives it, from their last detected speech to the first audio of the answer (the
     * wait to be sure they finished, then the answer's own stages), over the turns of calls that ended since the
     * instant. Turns without the time of the caller's last speech (stored before it was recorded, or heard only by
     * the recogniser) are left out rather than counted short.
     *
     * @return p50 and p95 in milliseconds, the p50 of the end-of-turn wait within it, and how many turns they cover
     *         (0: no figures)
     */
    public ReplyLatency replyLatencySince(Instant since) {
        return jdbc.sql("""
                SELECT count(*) AS turns,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY wait + answer) AS p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY wait + answer) AS p95,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY wait) AS wait_p50
                FROM (SELECT (t ->> 'last_speech_before_turn_end_ms')::double precision AS wait,
                             (t ->> 'first_audio_sent_ms')::double precision AS answer
                      FROM call_sessions, jsonb_array_elements(turn_metrics) t
                      WHERE ended_at >= ? AND t ->> 'first_audio_sent_ms' IS NOT NULL
                        AND t ->> 'last_speech_before_turn_end_ms' IS NOT NULL) turns""")
                .param(since.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new ReplyLatency(rs.getInt("turns"), Math.round(rs.getDouble("p50")),
                        Math.round(rs.getDouble("p95")), Math.round(rs.getDouble("wait_p50")))).single();
    }

    /** @param endOfTurnWaitP50Millis of the reply latency, the median wait before the caller's turn was decided over */
    public record ReplyLatency(int turns, long p50Millis, long p95Millis, long endOfTurnWaitP50Millis) {
    }

    /**
     * Calls created from {@code since} to {@code until}: how many ended, how many of those failed (Exotel's status) and
     * how many our side cut off (status interrupted: the media stream lost, the server serving it stopped).
     */
    public Failures failuresBetween(Instant since, Instant until) {
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE ended_at IS NOT NULL
                                           OR status IN ('completed','failed','busy','no-answer','canceled','interrupted')) AS ended,
                       count(*) FILTER (WHERE status = 'failed') AS failed,
                       count(*) FILTER (WHERE status = 'interrupted') AS cut
                FROM call_sessions WHERE created_at >= ? AND created_at <= ?""")
                .param(since.atOffset(ZoneOffset.UTC)).param(until.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Failures(rs.getInt("ended"), rs.getInt("failed"), rs.getInt("cut"))).single();
    }

    /** @param cut calls our side cut off (interrupted), apart from those Exotel reported failed */
    public record Failures(int ended, int failed, int cut) {

        public int failing() {
            return failed + cut;
        }

        /** The status of most failing calls, for the calls list's filter. */
        public String mostly() {
            return cut > failed ? "interrupted" : "failed";
        }
    }
}
