package dev.vaani.campaign;

import dev.vaani.conversation.AgentAction;
import dev.vaani.crm.CallEnded;
import dev.vaani.crm.QueuedLeads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the dialer does when a call ends: a requested callback is booked at the lead's time; an unanswered call, a call
 * back promised without a time and a conversation cut short on our side are retried per the campaign's policy
 * (inside the calling window); anything else finishes the lead in this campaign.
 */
@Component
class NextStep {

    private static final Logger log = LoggerFactory.getLogger(NextStep.class);

    /**
     * The lead's new status, unless a call qualified it: a lead in two campaigns, qualified by one, is not undone by
     * the other's unanswered call (last_outcome says what the latest call did).
     */
    private static final String KEEP_QUALIFIED = "CASE WHEN status = 'qualified' THEN status ELSE ? END";

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final DialQueue queue;
    private final CancelledCalls cancelledCalls;
    private final QueuedLeads queuedLeads;
    private final Clock clock;

    NextStep(JdbcClient jdbc, Campaigns campaigns, DialQueue queue, CancelledCalls cancelledCalls, Clock clock) {
        this.jdbc = jdbc;
        this.cancelledCalls = cancelledCalls;
        this.queuedLeads = new QueuedLeads(jdbc);
        this.campaigns = campaigns;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Runs inside the transaction of the decision guard: a failure here undoes the guard, to be retried. Before the
     * webhook's listener ({@link CallEnded#DECIDE_FIRST}), so the lead it sends has the status this step gave it.
     */
    @EventListener
    @Order(CallEnded.DECIDE_FIRST)
    void callEnded(CallEnded ended) {
        decide(ended);
        if (ended.campaignId() != null) {
            campaigns.completeIfDone(ended.campaignId()); // after decide: a retry it queued keeps the campaign going
        }
        if (ended.leadId() != null) {
            // a lead who asked on this call not to be called again: their calls queued in other campaigns go now
            queuedLeads.withdrawIfDoNotCall(ended.leadId()).forEach(campaigns::completeIfDone);
        }
    }

    private void decide(CallEnded ended) {
        Optional<Map<String, Object>> row = jdbc.sql("""
                SELECT s.id, s.lead_id, s.campaign_id, l.time_zone, c.collected_data ->> :callbackKey AS callback_at,
                       c.error AS media_error, c.stream_sid IS NOT NULL AS streamed
                FROM scheduled_calls s JOIN leads l ON l.id = s.lead_id
                LEFT JOIN call_sessions c ON c.call_sid = s.call_sid WHERE s.call_sid = :sid AND s.state = 'placed'""")
                .param("callbackKey", AgentAction.ScheduleCallback.COLLECTED_KEY).param("sid", ended.callSid())
                .query().listOfRows().stream().findFirst();
        if (row.isEmpty()) {
            // not a campaign call (inbound, one-off), or its attempt's step was taken: a call decided before its
            // attempt had its sid is published again once it has (CallRecords.placed)
            return;
        }
        long id = (Long) row.get().get("id");
        long leadId = (Long) row.get().get("lead_id");
        Campaign campaign = campaigns.find((Long) row.get().get("campaign_id")).orElse(null);
        if (campaign == null) {
            return;
        }
        Instant now = clock.instant();
        String leadZone = (String) row.get().get("time_zone");
        Instant callbackAt = parseCallbackAt((String) row.get().get("callback_at"), campaign.zoneForLead(leadZone));
        if ("callback".equals(ended.finalOutcome()) && callbackAt != null) {
            mark(id, "completed", null);
            Instant asked = callbackAt.isBefore(now) ? now : callbackAt;
            Instant due = campaign.dueFrom(asked, leadZone);
            queued(campaign, leadId, queue.enqueue(campaign.id(), leadId, "callback", asked, due), "done");
            log.info("Callback for lead {} booked at {}", leadId, due);
            return;
        }
        // answered: completed, or 'interrupted' when our side lost the media stream (a dropped socket, a stopped
        // server) after the lead spoke to us; what the conversation decided before the cut stands. A call that
        // streamed was answered whatever terminal word the carrier used for it.
        if (ended.status().equals("completed") || ended.status().equals("interrupted")
                || Boolean.TRUE.equals(row.get().get("streamed"))) {
            mark(id, "completed", null);
            // A call back promised with no time the lead gave (our trouble goodbye, a lead who said "later" and no
            // more), or a conversation our side cut short (the instance serving it stopped, the stream broke: the
            // media leg's error; a lead who hangs up leaves none), is a retry: the campaign's interval says when, and
            // its attempts bound trouble that never ends.
            // The same goes for a call answered by a machine (the person was not reached) and for one answered with
            // no conversation of ours on it (no outcome: the media stream was refused or never came, a broken
            // voicebot URL, a server at capacity; the lead heard silence).
            String outcome = ended.finalOutcome();
            boolean promisedCallBack = "callback".equals(outcome);
            boolean cutOnOurSide = "incomplete".equals(outcome) && row.get().get("media_error") != null;
            boolean personNotReached = "voicemail".equals(outcome) || outcome == null;
            if ((promisedCallBack || cutOnOurSide || personNotReached)
                    && retryIfAttemptsLeft(campaign, leadId, now, leadZone, personNotReached ? "unreachable" : "done")) {
                log.info("Lead {} retried per the campaign's policy: {}", leadId, promisedCallBack
                        ? "a call back was promised without a time" : cutOnOurSide ? "the call was cut on our side"
                        : outcome == null ? "answered, but no conversation of ours took place" : "a voicemail answered");
                return;
            }
            String leadStatus = "qualified".equals(outcome) ? "qualified" : personNotReached ? "unreachable" : "done";
            jdbc.sql("UPDATE leads SET status = " + KEEP_QUALIFIED + ", last_outcome = COALESCE(?, last_outcome), "
                    + "updated_at = now() WHERE id = ?").params(leadStatus, outcome, leadId).update();
            return;
        }
        mark(id, "failed", ended.status());
        if (!retryIfAttemptsLeft(campaign, leadId, now, leadZone, "unreachable")) {
            jdbc.sql("UPDATE leads SET status = " + KEEP_QUALIFIED + ", last_outcome = ?, updated_at = now() WHERE id = ?")
                    .params("unreachable", ended.finalOutcome(), leadId).update();
        }
    }

    /**
     * Queues the lead's next attempt after the campaign's retry interval, unless its attempts have run out. Whatever
     * the campaign's status now: a call still ringing when the broker paused or stopped the campaign ends afterwards,
     * and its lead keeps the attempts it has left (see {@link #queued}).
     */
    private boolean retryIfAttemptsLeft(Campaign campaign, long leadId, Instant now, String leadZone,
                                        String statusIfStopped) {
        int tries = jdbc.sql("SELECT count(*) FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND kind <> 'callback'")
                .params(campaign.id(), leadId).query(Integer.class).single();
        if (tries >= campaign.retryMaxAttempts()) {
            return false;
        }
        Instant after = now.plus(Duration.ofMinutes(campaign.retryIntervalMinutes()));
        Instant due = campaign.dueFrom(after, leadZone);
        queued(campaign, leadId, queue.enqueue(campaign.id(), leadId, "retry", after, due), statusIfStopped);
        return true;
    }

    /**
     * A paused campaign's next attempt waits pending, and starting the campaign again schedules it. A stopped
     * campaign's is cancelled as the stop cancelled the others, so starting again queues it with them
     * ({@link CampaignRunner#start}); left pending, it would show as queued in a campaign that calls no one. The lead
     * the call was placed to is 'calling' no more: queued for its next call, or, the campaign stopped, as this call
     * left it ({@code statusIfStopped}), unless another campaign still has it queued ({@link CancelledCalls}). The
     * queued call keeps {@code statusIfStopped}, for a stop that cancels it later.
     */
    private void queued(Campaign campaign, long leadId, long scheduledCallId, String statusIfStopped) {
        cancelledCalls.queuedAfterACall(scheduledCallId, statusIfStopped);
        jdbc.sql("UPDATE leads SET status = 'queued', updated_at = now() WHERE id = ? AND status = 'calling'")
                .param(leadId).update();
        if (campaign.status().equals("stopped")) {
            mark(scheduledCallId, "cancelled", CampaignRunner.STOPPED);
            cancelledCalls.noLongerQueued(List.of(leadId));
        }
    }

    private void mark(long id, String state, String error) {
        jdbc.sql("UPDATE scheduled_calls SET state = ?, last_error = COALESCE(?, last_error), updated_at = now() WHERE id = ?")
                .params(state, error, id).update();
    }

    /** callback_at as the live call stored it: an ISO instant/offset time, or a local time in the lead's zone. */
    static Instant parseCallbackAt(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
