package dev.vaani.crm;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A lead's status says what it is across every campaign (leads.status is one column; a lead may be in several). While
 * a call waits for it after an earlier call it reads 'queued'; once that call is cancelled (a campaign's stop, the
 * lead put on do-not-call or erased) it reads what the earlier call left, noted on the queued call when it was queued
 * ({@code scheduled_calls.lead_status_if_cancelled}). A lead waiting for its first call never read 'queued', so it
 * keeps the status it had (new, or what another campaign left).
 */
public final class QueuedLeads {

    private final JdbcClient jdbc;

    public QueuedLeads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Cancels the queued calls (retries, call backs, first attempts) of a lead on do-not-call, in every campaign, so
     * nothing promises them a call; the lead then reads what its last call left. A no-op for a lead not on it.
     *
     * @return the campaigns whose calls were cancelled: each may have nothing left to do
     */
    public List<Long> withdrawIfDoNotCall(long leadId) {
        List<Long> campaigns = jdbc.sql("""
                UPDATE scheduled_calls SET state = 'cancelled', last_error = 'lead is on do-not-call', updated_at = now()
                 WHERE lead_id = :lead AND state = 'pending'
                   AND EXISTS (SELECT 1 FROM leads WHERE id = :lead AND do_not_call)
                RETURNING campaign_id""").param("lead", leadId).query(Long.class).list();
        if (!campaigns.isEmpty()) {
            noLongerQueued(List.of(leadId));
        }
        return campaigns.stream().distinct().toList();
    }

    /**
     * Leads whose queued call was cancelled read what their last call left (the latest a retry or call back noted),
     * unless a call still waits for them or is being placed in another campaign. Only 'queued' changes: a qualified
     * lead stays qualified, one on a call is left to that call's end.
     */
    public void noLongerQueued(List<Long> leadIds) {
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
}
