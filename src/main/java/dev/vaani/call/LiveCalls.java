package dev.vaani.call;

import dev.vaani.call.identity.CallIdentity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
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
    private final CallStarts starts;
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
        this.databaseWait = databaseWait;
        this.services = services;
        this.settings = settings;
        this.maxLiveCalls = maxLiveCalls;
        this.starts = new CallStarts(services, settings, placements,
                handOverPolicy.getIfAvailable(() -> HandOverPolicy.CONNECT_ON_THE_CALL), databaseWait, pool);
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
        Optional<CallStarts.StoredStart> stored = starts.lookUpWithin(start, deadline);
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

    private LiveCall begin(StreamStart start, CallMedia media, Optional<CallStarts.StoredStart> stored,
                           long deadline) {
        CallStarts.Decided decided = starts.decide(start, stored);
        CallContext context = decided.context();
        if (stored.isPresent() && starts.insertedWithin(decided.row(), deadline)) {
            services.recordWriter().track(context.callSid(), context.leadId());
        } else {
            services.recordWriter().trackUnstored(decided.row());
        }
        LiveCall call = new LiveCall(context, settings, services, media, pool, clock);
        calls.put(start.callSid(), call);
        services.metrics().callStarted();
        services.announce(new CallActivity.Started(start.callSid(), context.leadId(), context.campaignId()));
        if (decided.apologise()) {
            log.warn("Call {}: no placement of ours to start it from while PostgreSQL does not answer; the caller hears "
                    + "that we will call back, and the call ends", start.callSid());
            call.beginWithTroubleGoodbye();
        } else {
            call.begin();
        }
        return call;
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
