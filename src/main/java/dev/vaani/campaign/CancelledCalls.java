package dev.vaani.campaign;

import dev.vaani.crm.QueuedLeads;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign's queued calls a stop cancels, and their leads' status ({@link QueuedLeads}): once a stop cancels a call
 * queued after an earlier one, the lead reads what the earlier call left, and starting the campaign again queues it
 * again.
 */
@Component
class CancelledCalls {

    private final JdbcClient jdbc;
    private final QueuedLeads queuedLeads;

    CancelledCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.queuedLeads = new QueuedLeads(jdbc);
    }

    /** When a call queued after one of the lead's calls is cancelled, the lead reads what that call left. */
    void queuedAfterACall(long scheduledCallId, String leadStatusIfCancelled) {
        jdbc.sql("UPDATE scheduled_calls SET lead_status_if_cancelled = ? WHERE id = ?")
                .params(leadStatusIfCancelled, scheduledCallId).update();
    }

    /**
     * Cancels the campaign's queued calls (calls being placed or in progress finish normally); returns the leads whose
     * call back was among them.
     */
    @Transactional
    List<Long> stop(long campaignId) {
        record Cancelled(long leadId, String kind) {
        }
        List<Cancelled> cancelled = jdbc.sql("""
                UPDATE scheduled_calls SET state = 'cancelled', last_error = ?, updated_at = now()
                WHERE campaign_id = ? AND state = 'pending' RETURNING lead_id, kind""")
                .params(CampaignRunner.STOPPED, campaignId)
                .query((rs, n) -> new Cancelled(rs.getLong("lead_id"), rs.getString("kind"))).list();
        noLongerQueued(cancelled.stream().map(Cancelled::leadId).toList());
        return cancelled.stream().filter(c -> c.kind().equals("callback")).map(Cancelled::leadId).toList();
    }

    /** See {@link QueuedLeads#noLongerQueued}. */
    void noLongerQueued(List<Long> leadIds) {
        queuedLeads.noLongerQueued(leadIds);
    }

    /**
     * A lead whose queued call a stop cancelled was never called for it: starting again makes that same attempt
     * pending (the start schedules it), so it is still one attempt, placed at most once, and a lead waiting for a retry
     * or call back reads 'queued' again. Calls cancelled for another reason (do-not-call, a number Vaani may not call)
     * stay cancelled; rows a stop cancelled before it noted why have no last_error, which no other cancellation leaves.
     */
    void resume(long campaignId) {
        jdbc.sql("""
                WITH resumed AS (
                    UPDATE scheduled_calls s SET state = 'pending', last_error = NULL, updated_at = now()
                    FROM leads l WHERE l.id = s.lead_id AND NOT l.do_not_call
                      AND s.campaign_id = :c AND s.state = 'cancelled' AND (s.last_error IS NULL OR s.last_error = :stopped)
                      AND s.attempt = (SELECT max(attempt) FROM scheduled_calls o WHERE o.campaign_id = s.campaign_id
                                       AND o.lead_id = s.lead_id)
                    RETURNING s.lead_id, s.lead_status_if_cancelled)
                UPDATE leads l SET status = 'queued', updated_at = now()
                  FROM resumed r WHERE l.id = r.lead_id AND l.status = r.lead_status_if_cancelled""")
                .param("c", campaignId).param("stopped", CampaignRunner.STOPPED).update();
    }
}
