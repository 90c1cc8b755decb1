package dev.vaani.campaign;

import dev.vaani.crm.LeadWithdrawn;
import dev.vaani.crm.LeadsAttached;
import dev.vaani.platform.admin.StateConflictException;
import dev.vaani.telephony.exotel.ExotelProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts, pauses and stops campaigns and reports their progress. */
@Service
public class CampaignRunner {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);
    /** last_error of a queued call a stop cancelled: it placed no call, so starting again queues it again. */
    static final String STOPPED = "campaign stopped";
    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final DialQueue queue;
    private final CancelledCalls cancelledCalls;
    private final ExotelProperties exotel;
    private final Clock clock;

    CampaignRunner(JdbcClient jdbc, Campaigns campaigns, DialQueue queue, CancelledCalls cancelledCalls,
                   ExotelProperties exotel, Clock clock) {
        this.jdbc = jdbc;
        this.cancelledCalls = cancelledCalls;
        this.campaigns = campaigns;
        this.queue = queue;
        this.exotel = exotel;
        this.clock = clock;
    }

    /** A start refused because it could place no call; the message says why, for the operator (409). */
    public static class CannotStartException extends StateConflictException {
        CannotStartException(String message) {
            super(message);
        }
    }

    /** Refused when Exotel is not configured, since no call could be placed. */
    public static class NotConfiguredException extends CannotStartException {
        NotConfiguredException() {
            super("Exotel is not configured: set EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN and "
                    + "EXOTEL_VIRTUAL_NUMBER (EXOTEL_BASE_URL may point at a local fake for testing)");
        }
    }

    /**
     * What starting did: how many calls wait, and when the first of them may be placed (null when none waits), in
     * the campaign's time zone; {@code startsLater} when that is not now, {@code heldByOtherCampaigns} how many wait
     * for their lead's other calls: another campaign's, or the lead's own call to us ({@link LeadAvailability}).
     */
    public record Started(int queued, Instant firstCallAt, ZoneId zone, boolean startsLater, int heldByOtherCampaigns) {

        /** firstCallAt as ISO-8601 with the campaign's offset, e.g. 2026-12-05T09:00:00+05:30. */
        public String firstCallAtText() {
            return firstCallAt == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    firstCallAt.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime());
        }

        /** For people: the console's notice and the log. */
        public String sentence() {
            String queuedText = "Started: " + queued + " call(s) queued";
            if (firstCallAt == null) {
                return queuedText + "; no lead is waiting to be called (each has been called, is being called, "
                        + "or is on do-not-call).";
            }
            String held = heldByOtherCampaigns == 0 ? ""
                    : "; " + heldByOtherCampaigns + " wait for their lead's other calls";
            if (!startsLater) {
                return queuedText + held + "; calling now.";
            }
            String at = DateTimeFormatter.ofPattern("HH:mm 'on' EEE d MMM", Locale.ENGLISH).format(firstCallAt.atZone(zone))
                    + " (" + zone.getId() + ").";
            return queuedText + held + (heldByOtherCampaigns == queued ? ": the first call will be placed at " + at
                    : ". Outside the calling hours now: the first call will be placed at " + at);
        }
    }

    /** Queues attempt 1 for every attached lead not on do-not-call and not yet queued, and (re)schedules pending calls. */
    public Started start(long campaignId) {
        if (!exotel.configured()) {
            throw new NotConfiguredException();
        }
        refuseWithoutLeads(campaignId);
        Instant now = now();
        campaigns.setStatus(campaignId, "active");
        queueFirstAttempts(campaignId, now);
        cancelledCalls.resume(campaignId);
        Campaign campaign = campaigns.find(campaignId).orElseThrow();
        Started started = requeue(campaign, now, null);
        if (started.queued() == 0) {
            campaigns.completeIfDone(campaignId); // nothing queued and nothing in progress: nothing to wait for
            if (campaigns.find(campaignId).map(Campaign::status).filter("completed"::equals).isPresent()) {
                throw new CannotStartException("nothing to call: every lead of this campaign has been called or is on "
                        + "do-not-call, so it is completed; attach new leads to call them");
            }
        }
        log.info("Campaign {}: {}", campaignId, started.sentence());
        return started;
    }

    /**
     * Leads attached to a running campaign are queued as a start would queue them: an active (or completed, which
     * becomes active) campaign schedules their first attempt in its window, a paused one keeps it pending until it
     * is started again. A draft or stopped campaign queues them when started. Runs in the attaching transaction; the
     * campaign's row is locked so a stop, pause or completion meanwhile waits for it and then sees these calls.
     */
    @EventListener
    @Transactional
    public void leadsAttached(LeadsAttached attached) {
        String status = jdbc.sql("SELECT status FROM campaigns WHERE id = ? FOR UPDATE").param(attached.campaignId())
                .query(String.class).optional().orElse("");
        if (!List.of("active", "paused", "completed").contains(status)) {
            return;
        }
        Instant now = now();
        List<Long> added = queueFirstAttempts(attached.campaignId(), now);
        if (added.isEmpty() || status.equals("paused")) {
            return;
        }
        campaigns.reopen(attached.campaignId()); // a completed campaign has work again
        Started started = requeue(campaigns.find(attached.campaignId()).orElseThrow(), now, added);
        log.info("Campaign {}: {} lead(s) added{}; {}", attached.campaignId(), added.size(),
                status.equals("completed") ? " after it completed, so it is active again" : " while it runs",
                started.sentence().replaceFirst("^Started: ", ""));
    }

    /**
     * A lead deleted or erased takes its queued calls with it: a campaign that was waiting only for it is done. Runs in
     * the withdrawing transaction, so the campaign completes with it or not at all.
     */
    @EventListener
    public void leadWithdrawn(LeadWithdrawn withdrawn) {
        withdrawn.campaignIds().forEach(campaigns::completeIfDone);
    }

    /** The first attempt of every attached lead that may be called and has none yet; the unique attempt makes it one. */
    private List<Long> queueFirstAttempts(long campaignId, Instant now) {
        return jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, not_before, due_at, attempt, kind)
                SELECT cl.lead_id, cl.campaign_id, :now, :now, 1, 'first' FROM campaign_leads cl JOIN leads l ON l.id = cl.lead_id
                WHERE cl.campaign_id = :c AND NOT l.do_not_call
                  AND NOT EXISTS (SELECT 1 FROM scheduled_calls s WHERE s.campaign_id = cl.campaign_id AND s.lead_id = cl.lead_id)
                ON CONFLICT DO NOTHING RETURNING id""").param("now", Timestamp.from(now)).param("c", campaignId)
                .query(Long.class).list();
    }

    /**
     * PostgreSQL keeps microseconds: a nanosecond-bearing now stored as a call's not_before comes back rounded up,
     * later than now, and the start would then say "outside the calling hours" while it calls at once.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Marking a campaign with nobody to call active would only say "0 queued" and call no one. */
    private void refuseWithoutLeads(long campaignId) {
        Map<String, Object> leads = jdbc.sql("""
                SELECT count(*) AS attached, count(*) FILTER (WHERE NOT l.do_not_call) AS callable
                FROM campaign_leads cl JOIN leads l ON l.id = cl.lead_id WHERE cl.campaign_id = ?""")
                .param(campaignId).query().singleRow();
        if (((Number) leads.get("attached")).longValue() == 0) {
            throw new CannotStartException("the campaign has no leads to call: import or attach leads first");
        }
        if (((Number) leads.get("callable")).longValue() == 0) {
            throw new CannotStartException("the campaign has no leads to call: all of its leads are on do-not-call");
        }
    }

    /** A campaign's window may have changed: an active campaign's queued calls move to what the new one allows. */
    @EventListener
    void edited(CampaignEdited edited) {
        campaigns.find(edited.campaignId()).filter(c -> c.status().equals("active"))
                .ifPresent(campaign -> requeue(campaign, now(), null));
    }

    /**
     * Moves every pending call of the campaign to the earliest moment it may be placed: its policy time (now for a
     * first call, later for a retry or callback) brought into the calling window and TRAI's hours. The call keeps
     * its row and its one execution, so it is still placed at most once. only: those calls, or null for all.
     */
    private Started requeue(Campaign campaign, Instant now, List<Long> only) {
        var select = jdbc.sql("""
                SELECT s.id, s.not_before, l.time_zone, %s AS held_until
                FROM scheduled_calls s JOIN leads l ON l.id = s.lead_id
                WHERE s.campaign_id = :c AND s.state = 'pending'""".formatted(LeadAvailability.HELD_BY_OTHERS_UNTIL)
                + (only == null ? "" : " AND s.id IN (:only)"))
                .param("c", campaign.id());
        List<Map<String, Object>> pending = (only == null ? select : select.param("only", only)).query().listOfRows();
        Instant first = null;
        int queued = 0;
        int held = 0;
        for (Map<String, Object> row : pending) {
            Instant notBefore = ((Timestamp) row.get("not_before")).toInstant();
            Instant from = notBefore.isBefore(now) ? now : notBefore;
            // queued for when the lead's other calls let it ring, as the dialer would put it off
            Instant heldUntil = row.get("held_until") == null ? null : ((Timestamp) row.get("held_until")).toInstant();
            if (heldUntil != null && heldUntil.isAfter(from)) {
                from = heldUntil;
                held++;
            }
            Instant due = campaign.dueFrom(from, (String) row.get("time_zone"));
            int moved = jdbc.sql("UPDATE scheduled_calls SET due_at = ?, updated_at = now() WHERE id = ? AND state = 'pending'")
                    .params(Timestamp.from(due), row.get("id")).update();
            if (moved == 1) {
                queue.move((Long) row.get("id"), due);
                queued++;
                first = first == null || due.isBefore(first) ? due : first;
            }
        }
        return new Started(queued, first, campaign.zone(), first != null && first.isAfter(now), held);
    }

    /**
     * Pauses a running campaign (or one the dialer paused by itself, which clears its reason). A draft, stopped or
     * completed campaign is refused: paused, a stopped one would keep the retries of its last calls queued instead of
     * cancelled, and a completed one would never complete again.
     */
    public void pause(long campaignId) {
        int paused = jdbc.sql("""
                UPDATE campaigns SET status = 'paused', paused_reason = NULL, updated_at = now()
                WHERE id = ? AND status IN ('active', 'paused')""").param(campaignId).update();
        if (paused == 0) {
            String status = campaigns.find(campaignId).map(Campaign::status).orElse("gone");
            throw new StateConflictException("only a running campaign can be paused; this one is " + status);
        }
    }

    /**
     * Stops: queued calls are cancelled (calls in progress finish normally) and their leads read what they are now.
     * Starting again queues the cancelled ones again ({@link CancelledCalls#resume}). The campaign's row is not held
     * meanwhile: a call's next step takes its lead's row and then the campaign's ({@link Campaigns#completeIfDone}).
     */
    public void stop(long campaignId) {
        campaigns.setStatus(campaignId, "stopped");
        releaseCallsHeldFor(cancelledCalls.stop(campaignId));
    }

    /**
     * The lead's call back was moved (booked again for another time): the calls of other campaigns the dialer put off
     * for its old time are queued for when the lead's calls let them ring now.
     */
    void callBackMoved(long leadId) {
        releaseCallsHeldFor(List.of(leadId));
    }

    /**
     * A call back cancelled or moved no longer holds its lead's calls with other campaigns ({@link LeadAvailability}): those
     * the dialer put off for it are queued again for when the lead's remaining calls let them ring, as a start would
     * queue them. A paused campaign's are, when it is started again.
     */
    private void releaseCallsHeldFor(List<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return;
        }
        Instant now = now();
        Map<Long, List<Long>> heldByCampaign = jdbc.sql("""
                SELECT s.campaign_id, s.id FROM scheduled_calls s JOIN campaigns c ON c.id = s.campaign_id
                WHERE s.lead_id IN (:leads) AND s.state = 'pending' AND s.kind <> 'callback' AND s.due_at > :now
                  AND c.status = 'active'""")
                .param("leads", leadIds).param("now", Timestamp.from(now))
                .query((rs, n) -> Map.entry(rs.getLong("campaign_id"), rs.getLong("id"))).stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        heldByCampaign.forEach((campaignId, calls) -> campaigns.find(campaignId)
                .ifPresent(campaign -> requeue(campaign, now, calls)));
    }

    /**
     * Per lead, the state of its latest scheduled call in this campaign ({@link #WHAT_THE_LEAD_HAD}); qualified counts
     * leads with a qualified call of this campaign. failed counts calls that were tried and failed for good; cancelled
     * counts leads a stop (or do-not-call) kept from being called at all, which are not failures: a lead whose retry or
     * call back a stop cancelled counts as its last call left it.
     */
    public record Progress(long campaignId, String status, int leads, int queued, int inProgress, int done,
                           int qualified, int failed, int cancelled) {
    }

    /**
     * The order in which a lead's attempts say where it stands in a campaign, the first one speaking: its latest,
     * unless that is a call a stop cancelled after an earlier one was placed, when the earlier one's end speaks.
     */
    static final String WHAT_THE_LEAD_HAD = "state = 'cancelled', attempt DESC";

    public Progress progress(Campaign campaign) {
        return jdbc.sql("""
                WITH latest AS (SELECT DISTINCT ON (lead_id) lead_id, state FROM scheduled_calls
                                WHERE campaign_id = :c ORDER BY lead_id, %s)
                SELECT (SELECT count(*) FROM campaign_leads WHERE campaign_id = :c) AS leads,
                       count(*) FILTER (WHERE state = 'pending') AS queued,
                       count(*) FILTER (WHERE state IN ('dialing', 'placed', 'unknown')) AS in_progress,
                       count(*) FILTER (WHERE state = 'completed') AS done,
                       (SELECT count(DISTINCT lead_id) FROM call_sessions WHERE campaign_id = :c AND final_outcome = 'qualified') AS qualified,
                       count(*) FILTER (WHERE state = 'failed') AS failed,
                       count(*) FILTER (WHERE state = 'cancelled') AS cancelled
                FROM latest""".formatted(WHAT_THE_LEAD_HAD)).param("c", campaign.id())
                .query((rs, n) -> new Progress(campaign.id(), campaign.status(), rs.getInt("leads"), rs.getInt("queued"),
                        rs.getInt("in_progress"), rs.getInt("done"), rs.getInt("qualified"), rs.getInt("failed"),
                        rs.getInt("cancelled")))
                .single();
    }
}
