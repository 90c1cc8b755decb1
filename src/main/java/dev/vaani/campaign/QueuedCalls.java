package dev.vaani.campaign;

import java.sql.Timestamp;
import java.time.Instant;
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
    private final Campaigns campaigns;

    QueuedCalls(JdbcClient jdbc, Campaigns campaigns) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
    }

    /**
     * The lead's queued calls, soonest first; times in each campaign's zone. A call the lead's other calls hold back
     * ({@link LeadAvailability}: they just spoke with another campaign) shows when the hold lets it ring, brought into
     * the calling hours as the dialer will bring it, not a due time already past that the dialer has yet to move.
     */
    public List<QueuedCall> of(long leadId) {
        return jdbc.sql("""
                SELECT s.campaign_id, c.name, c.status, c.time_zone, s.attempt, s.kind, s.not_before, s.due_at,
                       l.time_zone AS lead_zone, %s AS held_until
                FROM scheduled_calls s JOIN campaigns c ON c.id = s.campaign_id JOIN leads l ON l.id = s.lead_id
                WHERE s.lead_id = ? AND s.state = 'pending' ORDER BY s.due_at, s.id"""
                        .formatted(LeadAvailability.HELD_BY_OTHERS_UNTIL))
                .param(leadId)
                .query((rs, n) -> {
                    ZoneId zone = Campaign.zone(rs.getString("time_zone"));
                    Instant due = rs.getTimestamp("due_at").toInstant();
                    Timestamp held = rs.getTimestamp("held_until");
                    if (held != null && held.toInstant().isAfter(due)) {
                        long campaignId = rs.getLong("campaign_id");
                        String leadZone = rs.getString("lead_zone");
                        due = campaigns.find(campaignId).map(c -> c.dueFrom(held.toInstant(), leadZone))
                                .orElse(held.toInstant());
                    }
                    return new QueuedCall(rs.getLong("campaign_id"), rs.getString("name"), rs.getString("status"),
                            rs.getInt("attempt"), rs.getString("kind"), at(rs.getTimestamp("not_before"), zone),
                            due.atZone(zone).toOffsetDateTime());
                }).list();
    }

    private static OffsetDateTime at(Timestamp time, ZoneId zone) {
        return time.toInstant().atZone(zone).toOffsetDateTime();
    }
}
