package dev.vaani.call;

import dev.vaani.call.identity.CallIdentity;
import dev.vaani.conversation.CallbackHours;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Language;
import dev.vaani.conversation.LeadProfile;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a starting call is, without keeping the lead in silence: the lead, campaign and script as PostgreSQL has them
 * when it answers within the database wait; else what our dialer kept when it placed the call
 * ({@link PlacementContexts}); else nobody, and the caller hears the trouble goodbye. Also whether the call's row
 * went in within the same wait, or is written later with its first snapshot.
 */
final class CallStarts {

    private static final Logger log = LoggerFactory.getLogger(CallStarts.class);

    /** A starting call's context, the row to store for it, and whether it can only apologise and end. */
    record Decided(CallContext context, CallRecordStore.RowStart row, boolean apologise) {}

    private final CallServices services;
    private final CallProperties settings;
    private final PlacementContexts placements;
    private final HandOverPolicy handOverPolicy;
    private final Duration databaseWait;
    private final ExecutorService pool;

    CallStarts(CallServices services, CallProperties settings, PlacementContexts placements,
               HandOverPolicy handOverPolicy, Duration databaseWait, ExecutorService pool) {
        this.services = services;
        this.settings = settings;
        this.placements = placements;
        this.handOverPolicy = handOverPolicy;
        this.databaseWait = databaseWait;
        this.pool = pool;
    }

    /**
     * What PostgreSQL says a starting call is: whether it ended already, who it is about, and its script.
     *
     * @param placementRecorded whether the dialer's record of the placement (the attempt's call sid) is in
     * @param callerErased      whether an unknown caller's number is one whose owner asked to be erased
     */
    record StoredStart(boolean ended, CallIdentity identity, LeadProfile lead, CampaignScript script,
                       CallbackHours callbackHours, Map<String, Object> knownData, boolean placementRecorded,
                       boolean callerErased) {}

    /**
     * The call as PostgreSQL has it, or empty when PostgreSQL did not answer within the database wait: a lead who picks
     * up hears silence until the call starts, so the call does not wait for a database that is down or hung (10 to 30
     * s before the statement fails). The lookup left behind finishes or fails on its own virtual thread.
     */
    Optional<StoredStart> lookUpWithin(LiveCalls.StreamStart start, long deadline) {
        Future<StoredStart> lookup = pool.submit(() -> lookUp(start));
        try {
            return Optional.of(lookup.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            log.warn("Call {}: PostgreSQL did not answer within {} ms as the call started ({}); starting without it",
                    start.callSid(), databaseWait.toMillis(), e instanceof ExecutionException ? rootMessage(e) : "timeout");
            services.metrics().callStartedWithoutDatabase();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting call " + start.callSid(), e);
        }
    }

    private StoredStart lookUp(LiveCalls.StreamStart start) {
        CallRecordStore records = services.records();
        if (records.hasEnded(start.callSid())) {
            return new StoredStart(true, null, null, null, null, Map.of(), true, false);
        }
        CallIdentity signed = start.identity();
        boolean placementRecorded = signed == null || signed.scheduledCallId() == null
                || records.attemptPlacedAs(signed.scheduledCallId()).isPresent();
        CallIdentity identity = unlessPlacedAsAnotherCall(signed, start.callSid(), records);
        Long leadId = identity == null ? null : identity.leadId();
        Long campaignId = identity == null ? null : identity.campaignId();
        // Only a lead we signed for is this call's. A caller ID can be spoofed, so an unsigned caller whose number is
        // a lead's hears no name and changes no lead: the console shows the call beside the lead, marked unverified.
        // An unknown caller whose number was erased is answered as one who withheld it (ErasedNumbers).
        boolean callerErased = leadId == null && start.from() != null && records.isErasedNumber(start.from());
        LeadProfile lead = (leadId != null ? records.findLead(leadId) : Optional.<LeadProfile>empty())
                .orElse(new LeadProfile(leadId, null, callerErased ? null : start.from(), null));
        CampaignScript script = campaignId == null ? inboundScript() : records.findScript(campaignId);
        return new StoredStart(false, identity, lead, script, records.findCallbackHours(campaignId),
                records.findCollectedData(lead.leadId()), placementRecorded, callerErased);
    }

    /**
     * A placed call's identity carries no call sid (Exotel names the call only in its answer to the placement), so it
     * is bound here instead: to the call sid its attempt was placed as, once the dialer has recorded that.
     */
    private CallIdentity unlessPlacedAsAnotherCall(CallIdentity identity, String callSid, CallRecordStore records) {
        if (identity == null || identity.callSid() != null || identity.scheduledCallId() == null) {
            return identity;
        }
        Optional<String> placedAs = records.attemptPlacedAs(identity.scheduledCallId());
        if (placedAs.isEmpty() || placedAs.get().equals(callSid)) {
            return identity;
        }
        services.metrics().identityRefused("other_call");
        log.warn("Call {}: ignored the identity of an attempt placed as another call; treating it as an unknown caller",
                callSid);
        return null;
    }

    private CampaignScript inboundScript() {
        return CampaignScript.defaultRealEstate(Language.orEnglish(settings.inboundLanguage()));
    }

    /**
     * The call's context: from PostgreSQL's answer; else, or when the dialer's own record of the placement has not
     * reached PostgreSQL, from what our placement kept (read from Redis only then); else nobody's.
     */
    Decided decide(LiveCalls.StreamStart asStarted, Optional<StoredStart> stored) {
        LiveCalls.StreamStart start = stored.isPresent() && stored.get().callerErased()
                ? new LiveCalls.StreamStart(asStarted.callSid(), asStarted.streamSid(), null, asStarted.to(),
                        asStarted.sampleRate(), asStarted.identity())
                : asStarted;
        Optional<PlacementContexts.PlacementContext> placed = stored.isPresent() && stored.get().placementRecorded()
                ? Optional.empty() : placedByUs(start);
        CallContext context = stored.map(s -> context(start, s.identity(), s.lead(), s.script(), s.callbackHours(),
                        s.knownData()))
                .or(() -> placed.map(p -> context(start, start.identity(),
                        new LeadProfile(p.leadId(), p.leadName(), p.phone(), zone(p.timeZone()), p.onRecord()), p.script(),
                        p.callbackHours(), p.knownData() == null ? Map.of() : p.knownData())))
                // nobody to greet and no script to follow: the caller hears the trouble goodbye, in the inbound language
                .orElseGet(() -> context(start, null, new LeadProfile(null, null, start.from(), null), inboundScript(),
                        null, Map.of()));
        CallRecordStore.RowStart row = new CallRecordStore.RowStart(context.callSid(), context.streamSid(),
                context.leadId(), context.campaignId(), context.direction(), start.from(), start.to(),
                start.sampleRate(), java.time.Instant.now(),
                placed.map(PlacementContexts.PlacementContext::scheduledCallId).orElse(null));
        return new Decided(context, row, stored.isEmpty() && placed.isEmpty());
    }

    /**
     * Whether the call's row was written by the deadline. PostgreSQL may answer reads and still hold the row's insert
     * (a lock on call_sessions): the call then goes on, and the writer inserts the row with its first snapshot (the
     * insert left behind is the same idempotent upsert, and lands or fails on its own).
     */
    boolean insertedWithin(CallRecordStore.RowStart row, long deadline) {
        Future<?> insert = pool.submit(() -> services.records().started(row));
        try {
            insert.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            log.warn("Call {}: PostgreSQL did not store the call's start within {} ms ({}); storing it later",
                    row.callSid(), databaseWait.toMillis(), e instanceof ExecutionException ? rootMessage(e) : "timeout");
            services.metrics().callStartedWithoutDatabase();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting call " + row.callSid(), e);
        }
    }

    private CallContext context(LiveCalls.StreamStart start, CallIdentity identity, LeadProfile lead,
                                CampaignScript script, CallbackHours callbackHours, Map<String, Object> knownData) {
        Long campaignId = identity == null ? null : identity.campaignId();
        boolean outbound = identity != null && (identity.leadId() != null || identity.campaignId() != null);
        return new CallContext(start.callSid(), start.streamSid(), start.sampleRate(), lead.leadId(), campaignId, lead,
                script, knownData, start.from(), start.to(), outbound ? "outbound" : "inbound",
                handOverPolicy.forCall(outbound), callbackHours);
    }

    /**
     * The context our dialer kept when it placed this call: found by the sid Exotel's answer to our placement gave,
     * and taken only when the stream's signed identity names the same lead, campaign and attempt (so neither a
     * made-up sid nor another call's identity can start a call as someone else's).
     */
    private Optional<PlacementContexts.PlacementContext> placedByUs(LiveCalls.StreamStart start) {
        CallIdentity identity = start.identity();
        if (identity == null || identity.leadId() == null) {
            return Optional.empty();
        }
        return placements.find(start.callSid()).filter(p -> p.leadId() == identity.leadId()
                && java.util.Objects.equals(p.campaignId(), identity.campaignId())
                && (identity.scheduledCallId() == null || identity.scheduledCallId() == p.scheduledCallId())
                && (identity.callSid() == null || identity.callSid().equals(start.callSid())));
    }

    private static java.time.ZoneId zone(String stored) {
        try {
            return stored == null || stored.isBlank() ? null : java.time.ZoneId.of(stored);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
