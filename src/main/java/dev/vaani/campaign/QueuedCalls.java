package dev.vaani.campaign;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The calls queued for a lead, in every campaign, as the broker sees them: a callback the lead asked for is booked at
 * the first moment the calling hours allow, which may not be the time they said ("after 2 hours" at 8 pm is called at
 * 9 am), so the booked time is shown beside the asked one.
 */
@Repository
public class QueuedCalls {

    /**
     * @param kind        first, retry or callback
     * @param askedFor    when policy or the lead wanted it (a retry's interval, the callback time the lead gave)
     * @param callAt      when it will be placed: askedFor brought into the calling hours
     * @param campaignStatus a paused campaign's calls wait until it is started again
     */
    public record QueuedCall(long campaignId, String campaignName, String campaignStatus, int attempt, String kind,
                             OffsetDateTime askedFor, OffsetDateTime callAt) {
    }

    private final JdbcClient jdbc;

    QueuedCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The lead's queued calls, soonest first; times in each campaign's zone. */
    public List<QueuedCall> of(long leadId) {
        return jdbc.sql("""
                SELECT s.campaign_id, c.name, c.status, c.time_zone, s.attempt, s.kind, s.not_before, s.due_at
                FROM scheduled_calls s JOIN campaigns c ON c.id = s.campaign_id
                WHERE s.lead_id = ? AND s.state = 'pending' ORDER BY s.due_at, s.id""")
                .param(leadId)
                .query((rs, n) -> {
                    ZoneId zone = Campaign.zone(rs.getString("time_zone"));
                    return new QueuedCall(rs.getLong("campaign_id"), rs.getString("name"), rs.getString("status"),
                            rs.getInt("attempt"), rs.getString("kind"), at(rs.getTimestamp("not_before"), zone),
                            at(rs.getTimestamp("due_at"), zone));
                }).list();
    }

    private static OffsetDateTime at(Timestamp time, ZoneId zone) {
        return time.toInstant().atZone(zone).toOffsetDateTime();
    }
}
