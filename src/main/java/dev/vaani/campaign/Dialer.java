package dev.vaani.campaign;

import dev.vaani.call.CallProperties;
import dev.vaani.call.DurabilityProperties;
import dev.vaani.call.LiveCalls;
import dev.vaani.call.PlacementContexts;
import dev.vaani.call.QuietTransactions;
import dev.vaani.campaign.LineClaim.Claim;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.LeadProfile;
import dev.vaani.crm.CallRecords;
import dev.vaani.crm.PhoneMasking;
import dev.vaani.platform.DatabaseUnavailable;
import dev.vaani.phone.PhoneNumbers;
import dev.vaani.telephony.exotel.CallPlacement;
import dev.vaani.telephony.exotel.ExotelApiException;
import dev.vaani.telephony.exotel.ExotelClient;
import dev.vaani.telephony.exotel.ExotelProperties;
import dev.vaani.telephony.exotel.OutboundCallRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One PlaceCall execution: checks the campaign is active, the lead has not opted out, the calling window is open in
 * the campaign's time zone, TRAI's hours in India (whatever window is stored) and in the lead's own zone
 * ({@link CallingWindow#nextAllowed(Instant, ZoneId, ZoneId)}), a line is free (under the campaign's own limit and
 * the Exotel account's, {@link AccountLines}) and the lead may be rung ({@link LeadAvailability}): {@link LineClaim}.
 * Then places the call through Exotel and records it. Returns when to look
 * again if the call cannot be placed now. A call waiting for a line is handed one when a call ends ({@link FreeLines}).
 */
@Component
class Dialer {

    private static final Logger log = LoggerFactory.getLogger(Dialer.class);
    /** The lead is on another call, or this instance is draining: look again soon. */
    static final Duration CONCURRENCY_RECHECK = Duration.ofSeconds(30);
    /**
     * No line free: the call is offered one when a call ends ({@link FreeLines}); this look is only the backstop for
     * the backstop, so 2 000 waiting calls cost a few queries a second rather than a few hundred.
     */
    static final Duration LINE_WAIT_RECHECK = Duration.ofMinutes(15);
    /** PostgreSQL did not answer: the attempt is looked at again then, as it is after any unexpected failure. */
    static final Duration DATABASE_RETRY = Duration.ofMinutes(1);
    static final Duration TRANSIENT_RETRY = Duration.ofMinutes(2);
    static final Duration NOT_CONFIGURED_RECHECK = Duration.ofMinutes(5);
    /** A stored window that never meets TRAI's hours for a lead's zone: look again in case the campaign is edited. */
    static final Duration NO_OVERLAP_RECHECK = Duration.ofHours(1);

    /** Campaigns whose stored window was clamped, so the log says it once per process rather than once per call. */
    private final Set<Long> clampedWarned = ConcurrentHashMap.newKeySet();

    private final JdbcClient jdbc;
    private final QuietTransactions transactions;
    private final ApplicationEventPublisher events;
    private final Campaigns campaigns;
    private final ExotelClient exotel;
    private final ExotelProperties exotelProperties;
    private final CallRecords callRecords;
    private final AttemptResolver resolver;
    private final BooleanSupplier paused;
    private final Clock clock;
    private final PlacementContexts placements;
    private final JsonMapper json;
    private final InvalidRequests invalidRequests;
    private final LineClaim lineClaim;
    private final PlacementFailures failures;
    private final CancelledCalls cancelledCalls;

    Dialer(JdbcClient jdbc, TransactionTemplate transactions, Campaigns campaigns, ExotelClient exotel,
           ExotelProperties exotelProperties, CallRecords callRecords, CallProperties callProperties,
           DurabilityProperties durability, AttemptResolver resolver, LiveCalls liveCalls, Clock clock,
           PlacementContexts placements, JsonMapper json, AccountLines accountLines, ApplicationEventPublisher events,
           AccountRefusals accountRefusals, InvalidRequests invalidRequests) {
        this.invalidRequests = invalidRequests;
        this.events = events;
        this.placements = placements;
        this.json = json;
        this.resolver = resolver;
        this.paused = liveCalls::draining;
        this.jdbc = jdbc;
        // Spring's template logs a rollback that fails after the work failed (always, on a connection PostgreSQL
        // stopped answering) as a stack trace at ERROR: one per waiting call per retry while PostgreSQL hangs
        this.transactions = new QuietTransactions(transactions.getTransactionManager());
        this.campaigns = campaigns;
        this.exotel = exotel;
        this.exotelProperties = exotelProperties;
        this.callRecords = callRecords;
        this.clock = clock;
        this.cancelledCalls = new CancelledCalls(jdbc);
        this.lineClaim = new LineClaim(jdbc, this.transactions, accountLines,
                new LeadAvailability(jdbc, callProperties, durability));
        this.failures = new PlacementFailures(jdbc, campaigns, accountRefusals, invalidRequests, events);
    }

    /** @param name, collectedData, propertyType, location, budget the lead's, for the placement's context ({@link PlacementContexts}) */
    record Due(long id, long leadId, long campaignId, int attempt, String state, String phone, boolean doNotCall,
               String timeZone, Timestamp dialingAt, String name, String collectedData, String propertyType,
               String location, String budget, Timestamp dueAt) {
    }

    DialDecision attempt(long scheduledCallId) {
        try {
            return decide(scheduledCallId);
        } catch (DataAccessException | TransactionException e) {
            // One line, not the scheduler's stack trace: while PostgreSQL hangs or is down every due call fails here.
            // Whatever this attempt wrote was rolled back or never reached PostgreSQL; a call it placed is still
            // 'dialing', and the next look asks Exotel before any redial (AttemptResolver).
            if (refusedByPostgres(e)) {
                // a statement PostgreSQL refused is a fault to fix, not an outage to wait out; its text can quote a
                // row's values (a number), so only its state is logged
                log.error("Scheduled call {} not decided: PostgreSQL refused it ({}, SQL state {}); looking again in {} s",
                        scheduledCallId, e.getClass().getSimpleName(), DatabaseUnavailable.sqlState(e),
                        DATABASE_RETRY.toSeconds());
            } else {
                log.warn("Scheduled call {} not decided: PostgreSQL did not answer ({}); looking again in {} s",
                        scheduledCallId, e.getClass().getSimpleName(), DATABASE_RETRY.toSeconds());
            }
            return new DialDecision.RunAt(clock.instant().plus(DATABASE_RETRY));
        }
    }

    /**
     * PostgreSQL answered the statement with an error of its own: not a lost connection, a timeout, a cancelled
     * statement, a deadlock or serialisation failure (retrying is their cure) or a server short of resources.
     */
    private static boolean refusedByPostgres(Exception failure) {
        String state = DatabaseUnavailable.sqlState(failure);
        return !(failure instanceof TransactionException) && !DatabaseUnavailable.is(failure) && state != null
                && !state.startsWith("08") && !state.startsWith("40") && !state.startsWith("53")
                && !state.startsWith("57");
    }

    private DialDecision decide(long scheduledCallId) {
        Instant now = clock.instant();
        Optional<Due> found = jdbc.sql("""
                SELECT s.id, s.lead_id, s.campaign_id, s.attempt, s.state, l.phone, l.do_not_call, l.time_zone, s.dialing_at,
                       l.name, l.collected_data::text AS collected_data, l.property_type, l.location, l.budget,
                       s.due_at
                FROM scheduled_calls s JOIN leads l ON l.id = s.lead_id WHERE s.id = ?""")
                .param(scheduledCallId).query(Due.class).optional();
        if (found.isPresent() && (found.get().state().equals("unknown") || found.get().state().equals("dialing"))) {
            // a placement whose answer never came (timeout), or a process that died mid-placement: find out first
            return resolver.resolve(found.get(), now);
        }
        if (found.isEmpty() || !found.get().state().equals("pending")) {
            return new DialDecision.Done();
        }
        Due due = found.get();
        if (paused.getAsBoolean()) {
            return new DialDecision.RunAt(now.plus(CONCURRENCY_RECHECK)); // draining for shutdown: another instance dials
        }
        Campaign campaign = campaigns.find(due.campaignId()).orElse(null);
        if (campaign == null || campaign.status().equals("stopped")) {
            finish(due.id(), "cancelled", CampaignRunner.STOPPED);
            cancelledCalls.noLongerQueued(List.of(due.leadId())); // as if the stop had cancelled it
            return new DialDecision.Done();
        }
        if (campaign.status().equals("completed")) {
            campaigns.reopen(campaign.id()); // queued as it completed: it has work again
        } else if (!campaign.status().equals("active")) {
            return new DialDecision.Done(); // paused: stays pending, rescheduled when the campaign starts again
        }
        if (due.doNotCall()) {
            finish(due.id(), "cancelled", "lead is on do-not-call");
            campaigns.completeIfDone(campaign.id());
            return new DialDecision.Done();
        }
        // Leads are checked on the way in; this catches those stored before a rule existed (another country's number)
        if (PhoneNumbers.parse(due.phone()) instanceof PhoneNumbers.Refused(String reason)) {
            finish(due.id(), "cancelled", reason);
            campaigns.completeIfDone(campaign.id());
            log.warn("Call to {} not placed (lead {}): {}", PhoneMasking.mask(due.phone()), due.leadId(), reason);
            return new DialDecision.Done();
        }
        if (!exotelProperties.configured()) {
            note(due.id(), "Exotel is not configured", now.plus(NOT_CONFIGURED_RECHECK));
            return new DialDecision.RunAt(now.plus(NOT_CONFIGURED_RECHECK));
        }
        warnOnceIfBeyondTraiHours(campaign);
        Optional<Instant> allowed = campaign.nextAllowed(now, due.timeZone());
        if (allowed.isEmpty()) {
            note(due.id(), "the calling window never falls within 09:00–21:00 India time (TRAI) and the lead's own time",
                    now.plus(NO_OVERLAP_RECHECK));
            return new DialDecision.RunAt(now.plus(NO_OVERLAP_RECHECK));
        }
        if (allowed.get().isAfter(now)) {
            note(due.id(), null, allowed.get());
            return new DialDecision.RunAt(allowed.get());
        }
        if (due.dueAt() != null && due.dueAt().toInstant().isAfter(now)) {
            // Moved later while this execution was already picked (a call back booked, a caller who just phoned in):
            // the row's own time stands, whatever the execution was picked for
            return new DialDecision.RunAt(due.dueAt().toInstant());
        }
        return switch (lineClaim.claim(due, campaign, now)) {
            case Claim.Claimed() -> place(due, campaign, now);
            case Claim.NoFreeLine() -> new DialDecision.RunAt(now.plus(LINE_WAIT_RECHECK));
            case Claim.LeadOnACall() -> lineHandedOn(now.plus(CONCURRENCY_RECHECK));
            case Claim.PutOff(Instant until) -> {
                log.info("Call {} to lead {} put off to {}: the lead's other call comes first",
                        due.id(), due.leadId(), until);
                yield lineHandedOn(until);
            }
            // no longer pending (another look placed it), moved later, or the lead now on do-not-call: the next look
            // says which
            case Claim.Changed() -> new DialDecision.RunAt(now.plus(CONCURRENCY_RECHECK));
        };
    }

    /**
     * This call had a line it cannot use (it may have been offered it: {@link FreeLines}): the line goes to the next
     * waiting call now, not at that call's own next look, up to {@link #LINE_WAIT_RECHECK} away.
     */
    private DialDecision lineHandedOn(Instant lookAgain) {
        events.publishEvent(new LineFreed());
        return new DialDecision.RunAt(lookAgain);
    }

    /**
     * A call row that holds a line: not over, or placed by us and not yet ended at Exotel (the terminal status not in,
     * and the call not decided without it). Our media leg ending is not the call ending: a lead handed to a person
     * talks on in Exotel's flow, and a second campaign must not dial them meanwhile.
     */
    static final String ON_THE_LINE = "(status IN ('initiated', 'ringing', 'in-progress') "
            + "OR (exotel_leg AND exotel_terminal_at IS NULL AND next_step_decided_at IS NULL))";

    record LineFreed() {
    }

    private void warnOnceIfBeyondTraiHours(Campaign campaign) {
        if (campaign.window().beyondTraiHours() && clampedWarned.add(campaign.id())) {
            log.warn("Campaign {} has the calling window {}–{} ({}), saved before windows were checked; its calls are "
                    + "placed only from {} to {} India time, as TRAI requires. Edit the campaign to make this explicit.",
                    campaign.id(), campaign.callingWindowStart(), campaign.callingWindowEnd(), campaign.timeZone(),
                    CallingWindow.EARLIEST, CallingWindow.LATEST);
        }
    }

    private DialDecision place(Due due, Campaign campaign, Instant now) {
        try {
            CallPlacement placement = exotel.makeCall(new OutboundCallRequest(due.phone(), due.leadId(),
                    due.campaignId(), due.attempt(), campaign.recordCalls(), due.id()));
            invalidRequests.placed();
            // before anything else may fail: the lead answers within seconds, PostgreSQL there or not
            placements.keep(placement.callSid(), placementContext(due, campaign));
            // One transaction: committed apart, the attempt would be 'placed' before its call row exists, counted by
            // no claim in between, and calls starting together would exceed the campaign's limit.
            try {
                recordPlaced(due, placement);
            } catch (DataAccessException | TransactionException e) {
                // The call is ringing; the attempt stays 'dialing', so the next look adopts it from Exotel's call
                // details (AttemptResolver) rather than dialling again, and its callbacks wait as unmatched ones.
                log.warn("Placed call {} to {} (campaign {}, attempt {}) but PostgreSQL did not answer to record it ({}); "
                        + "it is looked up in Exotel in {} s", placement.callSid(), PhoneMasking.mask(due.phone()),
                        due.campaignId(), due.attempt(), e.getClass().getSimpleName(), DATABASE_RETRY.toSeconds());
                return new DialDecision.RunAt(now.plus(DATABASE_RETRY));
            }
            log.info("Placed call {} to {} (campaign {}, attempt {})", placement.callSid(), PhoneMasking.mask(due.phone()),
                    due.campaignId(), due.attempt());
            return new DialDecision.Done();
        } catch (ExotelApiException e) {
            return failures.decide(e, due, campaign, now);
        }
    }

    private void recordPlaced(Due due, CallPlacement placement) {
        transactions.inOne(() -> {
            // Unless the attempt's step was taken already: its call may have started from the placement's context
            // (PostgreSQL slow to answer this), and ended
            jdbc.sql("""
                    UPDATE scheduled_calls SET state = 'placed', call_sid = ?, last_error = NULL, updated_at = now()
                    WHERE id = ? AND state IN ('dialing', 'unknown', 'placed')""")
                    .params(placement.callSid(), due.id()).update();
            jdbc.sql("UPDATE leads SET status = 'calling', updated_at = now() WHERE id = ? AND status <> 'qualified'")
                    .param(due.leadId()).update(); // a qualified lead stays so: another campaign's call does not undo it
            // last: a call that ended and was decided before this takes its next step here, which sets the lead's status
            callRecords.placed(placement.callSid(), due.leadId(), due.campaignId(), exotelProperties.virtualNumber(),
                    due.phone());
            return null;
        });
    }

    /** What the call starts from should PostgreSQL not answer when its media stream starts. */
    private PlacementContexts.PlacementContext placementContext(Due due, Campaign campaign) {
        CampaignScript script = campaign.script() != null ? campaign.script() : CampaignScript.defaultRealEstate();
        if (campaign.language() != null && !campaign.language().isBlank()) {
            script = script.inLanguage(campaign.language());
        }
        Map<String, Object> known;
        try {
            known = due.collectedData() == null ? Map.of() : json.readValue(due.collectedData(), new TypeReference<>() { });
        } catch (JacksonException e) {
            known = Map.of();
        }
        return new PlacementContexts.PlacementContext(due.leadId(), due.campaignId(), due.id(), due.name(), due.phone(),
                due.timeZone(), script, known, campaign.callbackHours(),
                LeadProfile.onRecord(due.propertyType(), due.location(), due.budget()));
    }

    private void finish(long id, String state, String error) {
        jdbc.sql("UPDATE scheduled_calls SET state = ?, last_error = ?, updated_at = now() WHERE id = ?")
                .params(state, error, id).update();
    }

    private void note(long id, String error, Instant dueAt) {
        jdbc.sql("UPDATE scheduled_calls SET last_error = ?, due_at = ?, updated_at = now() WHERE id = ?")
                .params(error, Timestamp.from(dueAt), id).update();
    }
}
