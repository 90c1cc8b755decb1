package dev.vaani.campaign;

import dev.vaani.call.CallProperties;
import dev.vaani.call.DurabilityProperties;
import dev.vaani.telephony.exotel.ExotelProperties;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Exotel account's lines (EXOTEL_MAX_CONCURRENT_CALLS), counted in PostgreSQL so every server instance sharing the
 * database sees the same count: a call the dialer is placing or may have placed, and a call Exotel carries, occupy one
 * line each, whichever campaign they belong to and whichever way they came: a lead phoning the ExoPhone back holds a
 * line of the same account as a call we placed, so an inbound call counts (as a call of no campaign) while it is live. Campaigns that want lines share them: while the account is full, a
 * campaign holding its fair share (the account's lines divided among the campaigns with calls waiting) leaves the
 * next free line to one that holds less, so a campaign started first cannot keep the others waiting.
 */
@Component
class AccountLines {

    /**
     * Lines occupied, per campaign (a null campaign: a call placed for none, or an inbound call). A call is on the line
     * until Exotel says it ended, for a call we placed (our media leg may end long before: a lead handed to a person
     * talks on), until its media leg ends for an inbound one (or the reconciler ends it, when the instance serving it
     * stopped): {@link Dialer#ON_THE_LINE}.
     */
    private static final String OCCUPIED = """
            SELECT campaign_id FROM call_sessions WHERE %s AND created_at > :since
            UNION ALL
            SELECT campaign_id FROM scheduled_calls
             WHERE state IN ('dialing', 'unknown') AND COALESCE(dialing_at, updated_at) > :dialingSince"""
            .formatted(Dialer.ON_THE_LINE);

    private final JdbcClient jdbc;
    private final ExotelProperties exotel;
    private final LeadAvailability leads;

    AccountLines(JdbcClient jdbc, ExotelProperties exotel, CallProperties callProperties, DurabilityProperties durability) {
        this.jdbc = jdbc;
        this.exotel = exotel;
        this.leads = new LeadAvailability(jdbc, callProperties, durability);
    }

    int limit() {
        return exotel.maxConcurrentCalls();
    }

    /** A campaign that wants lines: calls of its own occupying lines, its own limit. */
    record Sharer(long campaignId, int occupied, int maxConcurrentCalls) {
    }

    /**
     * Whether the campaign may take a line now. Call under the dialer's account lock (in its transaction), so that two
     * instances cannot both take the last line.
     */
    boolean mayTake(long campaignId, Instant now) {
        int occupied = occupied(now);
        if (occupied >= limit()) {
            return false;
        }
        List<Sharer> sharers = sharers(campaignId, now);
        // the lines for the campaigns that want them: the account's, less those held by calls of no such campaign
        int heldByOthers = occupied - sharers.stream().mapToInt(Sharer::occupied).sum();
        int share = Math.max(1, (limit() - heldByOthers) / sharers.size());
        Sharer self = sharers.stream().filter(s -> s.campaignId() == campaignId).findFirst().orElseThrow();
        // A campaign below its share (or its own, smaller, limit) with calls waiting goes first.
        return self.occupied() < share || sharers.stream().noneMatch(other -> other.campaignId() != campaignId
                && other.occupied() < Math.min(share, other.maxConcurrentCalls()));
    }

    /**
     * This campaign and every active campaign with a call due, not yet placed, that may ring its lead now, with the
     * lines each occupies. A campaign whose due calls all wait for their leads (on another call, another campaign's
     * turn) wants no line now: counted, it would hold back a line from the others that it cannot use.
     */
    private List<Sharer> sharers(long campaignId, Instant now) {
        return jdbc.sql("""
                WITH occupied AS (%s)
                SELECT c.id, (SELECT count(*) FROM occupied o WHERE o.campaign_id = c.id) AS occupied, c.max_concurrent_calls
                  FROM campaigns c
                 WHERE c.id = :campaign
                    OR (c.status = 'active' AND EXISTS (SELECT 1 FROM scheduled_calls s WHERE s.campaign_id = c.id
                                                          AND s.state = 'pending' AND s.due_at <= :now
                                                          AND %s))""".formatted(OCCUPIED, LeadAvailability.MAY_RING))
                .paramSource(window(now).addValue("campaign", campaignId))
                .query((rs, n) -> new Sharer(rs.getLong(1), rs.getInt(2), rs.getInt(3))).list();
    }

    /**
     * The calls that should have the lines free now, at most one a line and never beyond a campaign's own limit: taken
     * in turn from the campaigns holding the fewest lines, each campaign's in the order they fell due. Only calls that
     * may ring their lead now ({@link LeadAvailability}): offered to a call whose lead is on another call, the line
     * would idle until a later look of the calls passed over.
     */
    List<Long> nextWaiting(Instant now) {
        int free = limit() - occupied(now);
        if (free <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                WITH occupied AS (%s),
                     held AS (SELECT campaign_id, count(*) AS lines FROM occupied GROUP BY campaign_id)
                SELECT w.id FROM campaigns c LEFT JOIN held h ON h.campaign_id = c.id
                CROSS JOIN LATERAL (
                    SELECT s.id, s.due_at, row_number() OVER (ORDER BY s.due_at, s.id) AS turn FROM scheduled_calls s
                     WHERE s.campaign_id = c.id AND s.state = 'pending' AND s.due_at <= :now AND %s
                     ORDER BY s.due_at, s.id LIMIT GREATEST(0, c.max_concurrent_calls - COALESCE(h.lines, 0))) w
                WHERE c.status = 'active'
                ORDER BY COALESCE(h.lines, 0) + w.turn, w.due_at, w.id
                LIMIT :free""".formatted(OCCUPIED, LeadAvailability.MAY_RING))
                .paramSource(window(now).addValue("free", free))
                .query(Long.class).list();
    }

    /** Lines occupied on the account. */
    int occupied(Instant now) {
        return jdbc.sql("SELECT count(*) FROM (" + OCCUPIED + ") o").paramSource(window(now)).query(Integer.class).single();
    }

    /** A call stops occupying a line as it stops holding its lead ({@link LeadAvailability#window}). */
    private MapSqlParameterSource window(Instant now) {
        return leads.window(now);
    }
}
