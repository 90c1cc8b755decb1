package dev.vaani.campaign;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A lead's status says what it is across every campaign (leads.status is one column; a lead may be in several). While
 * a call waits for it after an earlier call, it reads 'queued'; once a stop cancels that call it reads what the earlier
 * call left, and starting the campaign again queues it again. A lead waiting for its first call never read 'queued',
 * so it keeps the status it had (new, or what another campaign left).
 */
@Component
class CancelledCalls {

    private final JdbcClient jdbc;

    CancelledCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /**
     * Leads whose queued call was cancelled by a stop read what their last call left (the latest a retry or call back
     * noted), unless a call still waits for them or is being placed in another campaign. Only 'queued' changes: a
     * qualified lead stays qualified, one on a call is left to that call's end.
     */
    void noLongerQueued(List<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE leads l SET status = left_by_last_call, updated_at = now()
                  FROM (SELECT DISTINCT ON (lead_id) lead_id, lead_status_if_cancelled AS left_by_last_call
                          FROM scheduled_calls WHERE lead_id IN (:leads) AND lead_status_if_cancelled IS NOT NULL
                         ORDER BY lead_id, created_at DESC, id DESC) last
                 WHERE l.id = last.lead_id AND l.status = 'queued'
                   AND NOT EXISTS (SELECT 1 FROM scheduled_calls o WHERE o.lead_id = l.id
                                   AND o.state IN ('pending', 'dialing', 'placed', 'unknown'))""")
                .param("leads", leadIds).update();
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
