package dev.vaani.call;

import dev.vaani.conversation.LeadProfile;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Starts live calls when a media stream begins and keeps track of the ones in progress. */
@Component
public class LiveCalls implements DisposableBean {

    /** What the media stream's start event and URL told us. */
    public record StreamStart(String callSid, String streamSid, String from, String to, int sampleRate,
                              Map<String, String> parameters) {}

    private final CallServices services;
    private final CallProperties settings;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledThreadPoolExecutor timers = timerPool();
    private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();
    private volatile boolean draining;

    /** One thread fires every call's timers; cancelled ones leave the queue at once (most watchdogs are cancelled). */
    private static ScheduledThreadPoolExecutor timerPool() {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("call-timers").daemon().factory());
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    public LiveCalls(CallServices services, CallProperties settings) {
        this.services = services;
        this.settings = settings;
    }

    /** Looks up the lead and campaign, records the call, and starts the conversation (greeting first). */
    public LiveCall start(StreamStart start, LiveCall.Connection connection) {
        Long leadId = number(start.parameters().get("lead_id"));
        Long campaignId = number(start.parameters().get("campaign_id"));
        boolean outbound = leadId != null || campaignId != null;
        String callerNumber = start.from(); // Exotel dials From first: the lead, on outbound calls too
        CallRecordStore records = services.records();
        LeadProfile lead = records.findLead(leadId, leadId == null ? start.from() : null)
                .orElse(new LeadProfile(leadId, null, callerNumber, null));
        CallContext context = new CallContext(start.callSid(), start.streamSid(), start.sampleRate(), lead.leadId(),
                campaignId, lead, records.findScript(campaignId), records.findCollectedData(lead.leadId()),
                start.from(), start.to(), outbound ? "outbound" : "inbound");
        records.started(context.callSid(), context.streamSid(), context.leadId(), campaignId, context.direction(),
                start.from(), start.to(), start.sampleRate(), java.time.Instant.now());
        services.recordWriter().track(context.callSid(), context.leadId());
        LiveCall call = new LiveCall(context, settings, services, connection, pool, timers);
        calls.put(start.callSid(), call);
        services.metrics().callStarted();
        call.begin();
        return call;
    }

    /** The call's stream is over. */
    public void ended(LiveCall call, String reason) {
        calls.remove(call.context().callSid(), call);
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

    public int liveCount() {
        return calls.size();
    }

    private static Long number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void destroy() {
        // normally none is left: ShutdownDrain let them finish or wrapped them up
        calls.values().forEach(call -> call.onStreamEnded("server-shutdown"));
        timers.shutdownNow();
        pool.close();
    }
}
