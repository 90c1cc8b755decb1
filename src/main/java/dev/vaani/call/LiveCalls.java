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
                start.from(), start.to(), outbound ? "outbound" : "inbound",
                new SerialExecutor(pool, "records " + start.callSid()));
        records.started(context.callSid(), context.streamSid(), context.leadId(), campaignId, context.direction(),
                start.from(), start.to(), start.sampleRate(), java.time.Instant.now());
        LiveCall call = new LiveCall(context, settings, services, connection, pool, timers);
        calls.put(start.callSid(), call);
        services.metrics().callStarted();
        services.announce(new CallActivity.Started(start.callSid(), lead.leadId(), campaignId));
        call.begin();
        return call;
    }

    /** The call's stream is over. */
    public void ended(LiveCall call, String reason) {
        calls.remove(call.context().callSid(), call);
        call.onStreamEnded(reason);
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
        calls.values().forEach(call -> call.onStreamEnded("server-shutdown"));
        timers.shutdownNow();
        pool.close();
    }
}
