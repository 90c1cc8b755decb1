package dev.vaani.campaign;

import dev.vaani.crm.CallEnded;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an inbound call from a lead's number changes in that lead's queued calls. The caller ID is not proof (it can
 * be spoofed, docs/call-identity.md), so the call is not the lead's and writes nothing onto the lead, a "don't call me
 * again" included (that would let whoever shows the number take a lead off the broker's list; the lead's page shows
 * the request for the broker to act on). But it is most likely the lead, so an answered call (whatever its outcome,
 * a caller who hung up early too) puts off the leads' next first attempt or retry until the campaign's retry interval
 * has passed: a lead who just spoke to us is not dialled again minutes later. The attempt is kept, not cancelled, and a
 * callback the lead booked on an earlier call keeps its time: it was asked for.
 * Runs inside the transaction that takes the call's next step: a failure here undoes it, to be taken again.
 */
@Component
class CallerCalledIn {

    private static final Logger log = LoggerFactory.getLogger(CallerCalledIn.class);

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final DialQueue queue;
    private final Clock clock;

    CallerCalledIn(JdbcClient jdbc, Campaigns campaigns, DialQueue queue, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.queue = queue;
        this.clock = clock;
    }

    @EventListener
    @Order(CallEnded.DECIDE_FIRST)
    void callEnded(CallEnded ended) {
        if (ended.leadId() != null || ended.campaignId() != null) {
            return; // a call of a lead we signed for: NextStep takes it
        }
        List<Map<String, Object>> call = jdbc.sql("""
                SELECT from_number FROM call_sessions
                 WHERE call_sid = ? AND direction = 'inbound' AND from_number IS NOT NULL AND answered_at IS NOT NULL""")
                .param(ended.callSid()).query().listOfRows();
        if (call.isEmpty()) {
            return;
        }
        String number = (String) call.getFirst().get("from_number");
        List<Long> leads = jdbc.sql("SELECT id FROM leads WHERE phone = ? AND erased_at IS NULL").param(number)
                .query(Long.class).list();
        if (leads.isEmpty()) {
            return;
        }
        putOffNextAttempts(ended.callSid(), leads); // one who hung up early spoke with us all the same
    }

    /** First attempts and retries due before the campaign's retry interval from now move to its end. */
    private void putOffNextAttempts(String callSid, List<Long> leads) {
        Instant now = clock.instant();
        List<Map<String, Object>> queued = jdbc.sql("""
                SELECT s.id, s.campaign_id, l.time_zone FROM scheduled_calls s JOIN leads l ON l.id = s.lead_id
                 WHERE s.lead_id IN (:leads) AND s.state = 'pending' AND s.kind <> 'callback'""")
                .param("leads", leads).query().listOfRows();
        for (Map<String, Object> row : queued) {
            Campaign campaign = campaigns.find((Long) row.get("campaign_id")).orElse(null);
            if (campaign == null) {
                continue;
            }
            Instant after = now.plus(Duration.ofMinutes(campaign.retryIntervalMinutes()));
            Instant due = campaign.dueFrom(after, (String) row.get("time_zone"));
            long id = (Long) row.get("id");
            int moved = jdbc.sql("""
                    UPDATE scheduled_calls SET not_before = GREATEST(not_before, :after), due_at = :due, updated_at = now()
                     WHERE id = :id AND state = 'pending' AND due_at < :due""")
                    .param("after", Timestamp.from(after)).param("due", Timestamp.from(due)).param("id", id).update();
            if (moved == 1) {
                if (campaign.status().equals("active")) {
                    queue.move(id, due); // a paused campaign's calls are scheduled when it starts again
                }
                log.info("Lead's queued call {} put off to {}: the lead's number just spoke with us on call {}", id, due,
                        callSid);
            }
        }
    }
}
