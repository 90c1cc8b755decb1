package dev.vaani.campaign;

import dev.vaani.conversation.AgentAction;
import dev.vaani.crm.LeadRequest;
import dev.vaani.crm.Leads;
import dev.vaani.crm.Suppressions;
import dev.vaani.phone.PhoneNumbers;
import dev.vaani.platform.admin.InvalidFieldException;
import dev.vaani.platform.admin.StateConflictException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A call back to someone who phoned the ExoPhone, booked by the broker. A caller ID can be spoofed, so an inbound call
 * is never a lead's by its number alone (docs/call-identity.md) and the agent books nothing for it. The broker, who
 * has read the call, vouches for the number by booking: the lead with that number (a new one if there is none) joins
 * the campaign chosen, and its call back is queued for the time the caller asked for (the call's
 * {@code collected_data.callback_at}), or for as soon as the calling hours allow. The number itself never leaves the
 * server. One booking a call: the call's row keeps it, locked while booking, so a second press books nothing again.
 */
@Service
public class InboundCallBacks {

    private static final Logger log = LoggerFactory.getLogger(InboundCallBacks.class);

    /**
     * @param leadCreated      no lead had the caller's number: one was made for it
     * @param movedQueuedCall  the lead already had a call queued in the campaign, now moved to this time (still one
     *                         call, so nobody is called twice)
     * @param askedFor         the time the caller asked for (now, if none or past), in the campaign's zone
     * @param callAt           when the call will be placed: askedFor brought into the calling hours
     */
    public record Booking(String callSid, long leadId, boolean leadCreated, long campaignId, String campaignName,
                          long scheduledCallId, boolean movedQueuedCall, OffsetDateTime askedFor, OffsetDateTime callAt) {
    }

    /** A booking refused; the message says why and what to do (409). */
    public static class CannotBookException extends StateConflictException {
        CannotBookException(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Leads leads;
    private final Suppressions suppressions;
    private final DialQueue queue;
    private final CampaignRunner runner;
    private final Clock clock;

    InboundCallBacks(JdbcClient jdbc, Campaigns campaigns, Leads leads, Suppressions suppressions, DialQueue queue,
                     CampaignRunner runner, Clock clock) {
        this.runner = runner;
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.leads = leads;
        this.suppressions = suppressions;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Books the call back; empty when there is no such call.
     *
     * @param name the lead's name, used only when a lead is made for the number (may be null)
     * @throws CannotBookException when the call cannot be called back or is booked already
     */
    @Transactional
    public Optional<Booking> book(String callSid, long campaignId, String name) {
        String leadName = leadName(name);
        Optional<Map<String, Object>> seen = call(callSid, false);
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        String number = bookableNumber(callSid, seen.get());
        // Locks in the order an erasure takes them (the lead's, the new numbers', then its calls' rows), so the two
        // wait for each other rather than deadlock: the lead with the number first, or, with none, the check that no
        // erasure runs while a new lead stores it; only then the call's row, read again under its lock.
        Optional<dev.vaani.crm.Lead> existing = leads.findByPhone(number);
        existing.ifPresentOrElse(lead -> lockLead(lead.id()), suppressions::awaitErasures);
        Map<String, Object> call = call(callSid, true).orElseThrow();
        if (!number.equals(bookableNumber(callSid, call))) {
            throw new CannotBookException("the call's number changed while booking (its caller was erased): try again");
        }
        Campaign campaign = runningCampaign(campaignId);
        long leadId;
        if (existing.isPresent()) {
            leadId = existing.get().id();
        } else {
            if (suppressions.isSuppressed(number)) {
                throw new CannotBookException(Suppressions.REASON);
            }
            leadId = leads.create(new LeadRequest(leadName, number, null, null, null, null, "called in", null, null))
                    .id();
            lockLead(leadId);
        }
        Map<String, Object> lead = jdbc.sql("SELECT do_not_call, time_zone, erased_at IS NOT NULL AS erased FROM leads WHERE id = ?")
                .param(leadId).query().singleRow();
        if (Boolean.TRUE.equals(lead.get("erased"))) {
            throw new CannotBookException(Suppressions.REASON);
        }
        if (Boolean.TRUE.equals(lead.get("do_not_call"))) {
            throw new CannotBookException("lead " + leadId + " is on do-not-call: if they asked to be called back, turn "
                    + "do-not-call off on the lead's page first");
        }
        String leadZone = (String) lead.get("time_zone");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant asked = NextStep.parseCallbackAt((String) call.get("callback_at"), campaign.zoneForLead(leadZone));
        asked = asked == null || asked.isBefore(now) ? now : asked;
        Instant due = campaign.dueFrom(asked, leadZone);
        Booked booked = queueCallBack(campaign, leadId, asked, due);
        jdbc.sql("UPDATE call_sessions SET call_back_booked_as = ?, call_back_moved = ? WHERE call_sid = ?")
                .params(booked.id(), booked.moved(), callSid).update();
        log.info("Call back for inbound call {} booked: lead {}{} in campaign {}, at {}", callSid, leadId,
                existing.isEmpty() ? " (new)" : "", campaign.id(), due);
        return Optional.of(new Booking(callSid, leadId, existing.isEmpty(), campaign.id(), campaign.name(), booked.id(),
                booked.moved(), asked.atZone(campaign.zone()).toOffsetDateTime(),
                due.atZone(campaign.zone()).toOffsetDateTime()));
    }

    private Optional<Map<String, Object>> call(String callSid, boolean locked) {
        return jdbc.sql("""
                SELECT direction, from_number, ended_at IS NOT NULL AS ended, call_back_booked_as,
                       collected_data ->> :callbackKey AS callback_at
                FROM call_sessions WHERE call_sid = :sid""" + (locked ? " FOR UPDATE" : ""))
                .param("callbackKey", AgentAction.ScheduleCallback.COLLECTED_KEY).param("sid", callSid)
                .query().listOfRows().stream().findFirst();
    }

    /** The number to call back, or why the call cannot be called back. */
    private String bookableNumber(String callSid, Map<String, Object> call) {
        if (!"inbound".equals(call.get("direction"))) {
            throw new CannotBookException("only a call someone made to the ExoPhone is booked this way; a campaign's "
                    + "own calls book the call backs their leads ask for by themselves");
        }
        if (call.get("call_back_booked_as") != null) {
            throw new CannotBookException("this call's call back is booked already: " + describe(callSid).orElse("see the call"));
        }
        if (!Boolean.TRUE.equals(call.get("ended"))) {
            throw new CannotBookException("the call is still on: book its call back once it has ended");
        }
        String number = (String) call.get("from_number");
        if (number == null) {
            throw new CannotBookException("the caller's number was withheld (or belongs to a person erased): there is "
                    + "no number to call back");
        }
        // the dialer's own rule: a call it may not place (a number abroad) would only be cancelled when due
        if (PhoneNumbers.parse(number) instanceof PhoneNumbers.Refused(String reason)) {
            throw new CannotBookException("the caller's number cannot be called back: " + reason);
        }
        return number;
    }

    /** The name a new lead gets: as a lead's name is checked on every way in (LeadRequest), for the API and console. */
    private static String leadName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String stripped = name.strip();
        if (stripped.length() > 200) {
            throw new InvalidFieldException("name", "must be at most 200 characters");
        }
        if (!stripped.matches(LeadRequest.NO_CONTROL)) {
            throw new InvalidFieldException("name", LeadRequest.CONTROL_MESSAGE);
        }
        return stripped;
    }

    /** The dialer's per-lead claim lock: a call it is placing to this lead now is seen here, and waits for this. */
    private void lockLead(long leadId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(7412, CAST(? AS integer))").param(leadId).query().listOfRows();
    }

    /** The booking made for this call, if any, as it stands. */
    public Optional<Booking> bookingOf(String callSid) {
        return jdbc.sql("""
                SELECT s.id, s.lead_id, s.campaign_id, s.not_before, s.due_at, c.call_back_moved
                FROM call_sessions c JOIN scheduled_calls s ON s.id = c.call_back_booked_as WHERE c.call_sid = ?""")
                .param(callSid).query().listOfRows().stream().findFirst().flatMap(row ->
                        campaigns.find((Long) row.get("campaign_id")).map(campaign -> new Booking(callSid,
                                (Long) row.get("lead_id"), false, campaign.id(), campaign.name(), (Long) row.get("id"),
                                Boolean.TRUE.equals(row.get("call_back_moved")),
                                ((Timestamp) row.get("not_before")).toInstant().atZone(campaign.zone()).toOffsetDateTime(),
                                ((Timestamp) row.get("due_at")).toInstant().atZone(campaign.zone()).toOffsetDateTime())));
    }

    private Optional<String> describe(String callSid) {
        return bookingOf(callSid).map(b -> "lead " + b.leadId() + " in campaign " + b.campaignId() + " at " + b.callAt());
    }

    /** The campaign, locked so a stop or completion waits for the call queued here and then sees it. */
    private Campaign runningCampaign(long campaignId) {
        String status = jdbc.sql("SELECT status FROM campaigns WHERE id = ? FOR UPDATE").param(campaignId)
                .query(String.class).optional()
                .orElseThrow(() -> new InvalidFieldException("campaignId", "no campaign " + campaignId));
        if (status.equals("stopped")) {
            throw new CannotBookException("the campaign is stopped and calls no one: start it again, or choose another");
        }
        if (status.equals("draft")) {
            // its calls wait for a start, which would also dial every lead attached to it
            throw new CannotBookException("the campaign has not been started and calls no one yet: start it, or "
                    + "choose another");
        }
        return campaigns.find(campaignId).orElseThrow();
    }

    private record Booked(long id, boolean moved) {
    }

    /**
     * A call already queued for the lead in this campaign is moved to the time asked and becomes the call back (one
     * call, not two; a first attempt or retry moved so keeps its attempt number but is no attempt of the policy's any
     * more, and a call from the lead does not put it off, {@link CallerCalledIn}); otherwise
     * the lead joins the campaign with a call back queued. A call being placed or live now would queue its own next
     * step when it ends, so the booking waits for it.
     */
    private Booked queueCallBack(Campaign campaign, long leadId, Instant asked, Instant due) {
        List<Map<String, Object>> current = jdbc.sql("""
                SELECT id, state FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?
                AND state IN ('pending', 'dialing', 'placed', 'unknown') ORDER BY attempt DESC""")
                .params(campaign.id(), leadId).query().listOfRows();
        if (current.stream().anyMatch(row -> !"pending".equals(row.get("state")))) {
            throw new CannotBookException("this campaign is calling lead " + leadId + " right now: book the call back "
                    + "after that call ends, if it is still wanted");
        }
        if (campaign.status().equals("completed")) {
            campaigns.reopen(campaign.id());
        }
        boolean running = campaign.status().equals("active") || campaign.status().equals("completed");
        if (!current.isEmpty()) {
            // a call back now: asked for, so a call from the lead does not put it off, and no attempt of the policy's
            long id = (Long) current.getFirst().get("id");
            jdbc.sql("UPDATE scheduled_calls SET kind = 'callback', not_before = ?, due_at = ?, updated_at = now() WHERE id = ?")
                    .params(Timestamp.from(asked), Timestamp.from(due), id).update();
            if (running) {
                queue.move(id, due);
            }
            runner.callBackMoved(leadId); // other campaigns' calls put off for its old time follow it
            return new Booked(id, true);
        }
        jdbc.sql("INSERT INTO campaign_leads (campaign_id, lead_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(campaign.id(), leadId).update();
        return new Booked(queue.enqueue(campaign.id(), leadId, "callback", asked, due), false);
    }
}
