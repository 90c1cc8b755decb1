package dev.vaani.call;

import dev.vaani.call.identity.CallIdentity;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Language;
import dev.vaani.conversation.LeadProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Starts live calls when a media stream begins and keeps track of the ones in progress. Admits at most one live
 * stream per call sid, none for a call that already ended, and no more than {@code vaani.call.max-live-calls}.
 */
@Component
public class LiveCalls implements DisposableBean {

    /**
     * What the media stream's start event told us, and the identity we signed for it.
     *
     * @param identity the lead, campaign and attempt we signed into the stream parameters, or null for an unknown
     *                 caller
     */
    public record StreamStart(String callSid, String streamSid, String from, String to, int sampleRate,
                              CallIdentity identity) {}

    private static final Logger log = LoggerFactory.getLogger(LiveCalls.class);

    /** Call sids that ended in this process, remembered so a late second stream cannot reopen them. */
    private static final int ENDED_REMEMBERED = 10_000;

    private final CallServices services;
    private final CallProperties settings;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledThreadPoolExecutor timers = timerPool();
    private final CallClock clock = CallClock.system(timers);
    private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();
    private volatile boolean draining;
    /** Admitted streams, including those still being set up (guarded by this). */
    private final java.util.Set<String> admitted = new java.util.HashSet<>();
    private final Map<String, Boolean> ended = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };
    private final int maxLiveCalls;
    private final HandOverPolicy handOverPolicy;
    private final PlacementContexts placements;
    /** How long a starting call waits for PostgreSQL before it starts without it (the lead hears silence meanwhile). */
    private final java.time.Duration databaseWait;

    /** One thread fires every call's timers; cancelled ones leave the queue at once (most watchdogs are cancelled). */
    private static ScheduledThreadPoolExecutor timerPool() {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("call-timers").daemon().factory());
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    public LiveCalls(CallServices services, CallProperties settings,
                     @org.springframework.beans.factory.annotation.Value("${vaani.call.max-live-calls}") int maxLiveCalls,
                     org.springframework.beans.factory.ObjectProvider<HandOverPolicy> handOverPolicy,
                     PlacementContexts placements,
                     @org.springframework.beans.factory.annotation.Value("${vaani.call.database-wait:1500ms}")
                     java.time.Duration databaseWait) {
        this.placements = placements;
        this.databaseWait = databaseWait;
        this.handOverPolicy = handOverPolicy.getIfAvailable(() -> HandOverPolicy.CONNECT_ON_THE_CALL);
        this.services = services;
        this.settings = settings;
        this.maxLiveCalls = maxLiveCalls;
    }

    /**
     * Admits the stream, looks up the lead and campaign, records the call, and starts the conversation (greeting
     * first). When PostgreSQL does not answer within {@code vaani.call.database-wait}, a call our dialer placed starts
     * from what the placement kept ({@link PlacementContexts}), and any other hears the trouble goodbye and ends; the
     * row is then written in the background once PostgreSQL answers ({@link CallRecordWriter#trackUnstored}).
     *
     * @throws StreamRefused when the call sid is live or ended, or too many calls are live; nothing was stored then
     */
    public LiveCall start(StreamStart start, CallMedia media) {
        long deadline = System.nanoTime() + databaseWait.toNanos(); // for the lookup and the row's insert together
        Optional<StoredStart> stored = lookUpWithin(start, deadline);
        if (stored.isPresent() && stored.get().ended()) { // outside the lock: admissions never wait on the database
            throw refused(StreamRefused.Reason.ENDED, start.callSid());
        }
        admit(start.callSid());
        try {
            return begin(start, media, stored, deadline);
        } catch (RuntimeException e) {
            synchronized (this) {
                admitted.remove(start.callSid());
            }
            throw e;
        }
    }

    private synchronized void admit(String callSid) {
        if (admitted.contains(callSid)) {
            throw refused(StreamRefused.Reason.LIVE, callSid);
        }
        if (ended.containsKey(callSid)) {
            throw refused(StreamRefused.Reason.ENDED, callSid);
        }
        if (admitted.size() >= maxLiveCalls) {
            throw refused(StreamRefused.Reason.CAPACITY, callSid);
        }
        admitted.add(callSid);
    }

    private StreamRefused refused(StreamRefused.Reason reason, String callSid) {
        services.metrics().callRefused(reason.tag());
        return new StreamRefused(reason, callSid);
    }

    /**
     * What PostgreSQL says a starting call is: whether it ended already, who it is about, and its script.
     *
     * @param placementRecorded whether the dialer's record of the placement (the attempt's call sid) is in
     */
    private record StoredStart(boolean ended, CallIdentity identity, LeadProfile lead, CampaignScript script,
                               Map<String, Object> knownData, boolean placementRecorded) {}

    /**
     * The call as PostgreSQL has it, or empty when PostgreSQL did not answer within the database wait: a lead who picks
     * up hears silence until the call starts, so the call does not wait for a database that is down or hung (10 to 30
     * s before the statement fails). The lookup left behind finishes or fails on its own virtual thread.
     */
    private Optional<StoredStart> lookUpWithin(StreamStart start, long deadline) {
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

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private StoredStart lookUp(StreamStart start) {
        CallRecordStore records = services.records();
        if (records.hasEnded(start.callSid())) {
            return new StoredStart(true, null, null, null, Map.of(), true);
        }
        CallIdentity signed = start.identity();
        boolean placementRecorded = signed == null || signed.scheduledCallId() == null
                || records.attemptPlacedAs(signed.scheduledCallId()).isPresent();
        CallIdentity identity = unlessPlacedAsAnotherCall(signed, start.callSid(), records);
        Long leadId = identity == null ? null : identity.leadId();
        Long campaignId = identity == null ? null : identity.campaignId();
        // Only a lead we signed for is this call's. A caller ID can be spoofed, so an unsigned caller whose number is
        // a lead's hears no name and changes no lead: the console shows the call beside the lead, marked unverified.
        LeadProfile lead = (leadId != null ? records.findLead(leadId) : Optional.<LeadProfile>empty())
                .orElse(new LeadProfile(leadId, null, start.from(), null));
        CampaignScript script = campaignId == null ? inboundScript() : records.findScript(campaignId);
        return new StoredStart(false, identity, lead, script, records.findCollectedData(lead.leadId()),
                placementRecorded);
    }

    private CampaignScript inboundScript() {
        return CampaignScript.defaultRealEstate(Language.orEnglish(settings.inboundLanguage()));
    }

    private LiveCall begin(StreamStart start, CallMedia media, Optional<StoredStart> stored, long deadline) {
        // what our placement kept: the call's context without PostgreSQL, and the attempt it was placed for when the
        // dialer's own record of that has not reached PostgreSQL (read from Redis only then)
        Optional<PlacementContexts.PlacementContext> placed = stored.isPresent() && stored.get().placementRecorded()
                ? Optional.empty() : placedByUs(start);
        boolean apologise = stored.isEmpty() && placed.isEmpty();
        CallContext context = stored.map(s -> context(start, s.identity(), s.lead(), s.script(), s.knownData()))
                .or(() -> placed.map(p -> context(start, start.identity(),
                        new LeadProfile(p.leadId(), p.leadName(), p.phone(), zone(p.timeZone())), p.script(),
                        p.knownData() == null ? Map.of() : p.knownData())))
                // nobody to greet and no script to follow: the caller hears the trouble goodbye, in the inbound language
                .orElseGet(() -> context(start, null, new LeadProfile(null, null, start.from(), null), inboundScript(),
                        Map.of()));
        CallRecordStore.RowStart row = new CallRecordStore.RowStart(context.callSid(), context.streamSid(),
                context.leadId(), context.campaignId(), context.direction(), start.from(), start.to(),
                start.sampleRate(), java.time.Instant.now(),
                placed.map(PlacementContexts.PlacementContext::scheduledCallId).orElse(null));
        if (stored.isPresent() && insertedWithin(row, deadline)) {
            services.recordWriter().track(context.callSid(), context.leadId());
        } else {
            services.recordWriter().trackUnstored(row);
        }
        LiveCall call = new LiveCall(context, settings, services, media, pool, clock);
        calls.put(start.callSid(), call);
        services.metrics().callStarted();
        services.announce(new CallActivity.Started(start.callSid(), context.leadId(), context.campaignId()));
        if (apologise) {
            log.warn("Call {}: no placement of ours to start it from while PostgreSQL does not answer; the caller hears "
                    + "that we will call back, and the call ends", start.callSid());
            call.beginWithTroubleGoodbye();
        } else {
            call.begin();
        }
        return call;
    }

    /**
     * Whether the call's row was written by the deadline. PostgreSQL may answer reads and still hold the row's insert
     * (a lock on call_sessions): the call then goes on, and the writer inserts the row with its first snapshot (the
     * insert left behind is the same idempotent upsert, and lands or fails on its own).
     */
    private boolean insertedWithin(CallRecordStore.RowStart row, long deadline) {
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

    private CallContext context(StreamStart start, CallIdentity identity, LeadProfile lead, CampaignScript script,
                                Map<String, Object> knownData) {
        Long campaignId = identity == null ? null : identity.campaignId();
        boolean outbound = identity != null && (identity.leadId() != null || identity.campaignId() != null);
        return new CallContext(start.callSid(), start.streamSid(), start.sampleRate(), lead.leadId(), campaignId, lead,
                script, knownData, start.from(), start.to(), outbound ? "outbound" : "inbound",
                handOverPolicy.forCall(outbound));
    }

    /**
     * The context our dialer kept when it placed this call: found by the sid Exotel's answer to our placement gave,
     * and taken only when the stream's signed identity names the same lead, campaign and attempt (so neither a
     * made-up sid nor another call's identity can start a call as someone else's).
     */
    private Optional<PlacementContexts.PlacementContext> placedByUs(StreamStart start) {
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

    /** The call's stream is over. */
    public void ended(LiveCall call, String reason) {
        String callSid = call.context().callSid();
        synchronized (this) {
            if (calls.remove(callSid, call)) {
                admitted.remove(callSid);
                ended.put(callSid, Boolean.TRUE);
            }
        }
        call.onStreamEnded(reason);
        synchronized (calls) {
            calls.notifyAll();
        }
    }

    /** Shutting down: no new calls here (the media endpoint refuses new streams, the dialer pauses). */
    public void startDraining() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Waits until no call is live or the time is up; true when none is. */
    public boolean awaitNoLiveCalls(java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (calls) {
            while (!calls.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                calls.wait(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return true;
    }

    /** Every live call says goodbye and hangs up once it has been heard. */
    public void wrapUpAll(String reason) {
        calls.values().forEach(call -> call.wrapUp(reason));
    }

    /**
     * An operator ends a live call politely: the bot says goodbye, waits for its mark, then hangs up.
     *
     * @return false when no live call has this sid
     */
    public boolean wrapUp(String callSid) {
        LiveCall call = callSid == null ? null : calls.get(callSid);
        if (call == null) {
            return false;
        }
        call.wrapUp("wrapped up by an operator");
        return true;
    }

    /** The call sids live on this instance now. */
    public java.util.Set<String> liveCallSids() {
        return java.util.Set.copyOf(calls.keySet());
    }

    public int liveCount() {
        return calls.size();
    }

    @Override
    public void destroy() {
        // normally none is left: ShutdownDrain let them finish or wrapped them up
        calls.values().forEach(call -> call.endNow("server-shutdown")); // its timers stop with the server
        timers.shutdownNow();
        pool.close();
    }
}
