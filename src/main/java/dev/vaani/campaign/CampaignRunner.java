package dev.vaani.campaign;

import dev.vaani.telephony.exotel.ExotelProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Starts, pauses and stops campaigns and reports their progress. */
@Service
public class CampaignRunner {

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final DialQueue queue;
    private final ExotelProperties exotel;
    private final Clock clock;

    CampaignRunner(JdbcClient jdbc, Campaigns campaigns, DialQueue queue, ExotelProperties exotel, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.queue = queue;
        this.exotel = exotel;
        this.clock = clock;
    }

    /** Refused when Exotel is not configured, since no call could be placed. */
    public static class NotConfiguredException extends RuntimeException {
        NotConfiguredException() {
            super("Exotel is not configured: set EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN and "
                    + "EXOTEL_VIRTUAL_NUMBER (EXOTEL_BASE_URL may point at a local fake for testing)");
        }
    }

    /** Queues attempt 1 for every attached lead not on do-not-call and not yet queued, and (re)schedules pending calls. */
    public int start(long campaignId) {
        if (!exotel.configured()) {
            throw new NotConfiguredException();
        }
        Instant now = clock.instant();
        campaigns.setStatus(campaignId, "active");
        jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, due_at, attempt, kind)
                SELECT cl.lead_id, cl.campaign_id, :now, 1, 'first' FROM campaign_leads cl JOIN leads l ON l.id = cl.lead_id
                WHERE cl.campaign_id = :c AND NOT l.do_not_call
                  AND NOT EXISTS (SELECT 1 FROM scheduled_calls s WHERE s.campaign_id = cl.campaign_id AND s.lead_id = cl.lead_id)
                ON CONFLICT DO NOTHING""").param("now", Timestamp.from(now)).param("c", campaignId).update();
        List<Map<String, Object>> pending = jdbc.sql("SELECT id, due_at FROM scheduled_calls WHERE campaign_id = ? AND state = 'pending'")
                .param(campaignId).query().listOfRows();
        for (Map<String, Object> row : pending) {
            Instant due = ((Timestamp) row.get("due_at")).toInstant();
            queue.schedule((Long) row.get("id"), due.isBefore(now) ? now : due);
        }
        return pending.size();
    }

    public void pause(long campaignId) {
        campaigns.setStatus(campaignId, "paused");
    }

    /** Stops for good: queued calls are cancelled (calls in progress finish normally). */
    public void stop(long campaignId) {
        campaigns.setStatus(campaignId, "stopped");
        jdbc.sql("UPDATE scheduled_calls SET state = 'cancelled', updated_at = now() WHERE campaign_id = ? AND state = 'pending'")
                .param(campaignId).update();
    }

    /** Per lead, the state of its latest scheduled call; qualified counts leads with a qualified call. */
    public record Progress(long campaignId, String status, int leads, int queued, int inProgress, int done,
                           int qualified, int failed) {
    }

    public Progress progress(Campaign campaign) {
        return jdbc.sql("""
                WITH latest AS (SELECT DISTINCT ON (lead_id) lead_id, state FROM scheduled_calls
                                WHERE campaign_id = :c ORDER BY lead_id, attempt DESC)
                SELECT (SELECT count(*) FROM campaign_leads WHERE campaign_id = :c) AS leads,
                       count(*) FILTER (WHERE state = 'pending') AS queued,
                       count(*) FILTER (WHERE state IN ('dialing', 'placed')) AS in_progress,
                       count(*) FILTER (WHERE state = 'completed') AS done,
                       (SELECT count(DISTINCT lead_id) FROM call_sessions WHERE campaign_id = :c AND final_outcome = 'qualified') AS qualified,
                       count(*) FILTER (WHERE state IN ('failed', 'cancelled')) AS failed
                FROM latest""").param("c", campaign.id())
                .query((rs, n) -> new Progress(campaign.id(), campaign.status(), rs.getInt("leads"), rs.getInt("queued"),
                        rs.getInt("in_progress"), rs.getInt("done"), rs.getInt("qualified"), rs.getInt("failed")))
                .single();
    }
}
