package dev.vaani.call;

import dev.vaani.call.session.SessionStore;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.ConversationState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What every live call shares: providers, the session store, the call records, prompts and metrics. Record writes go
 * through the {@link CallRecordWriter}, coalesced and off the call's own event loop.
 */
@Component
public class CallServices {

    private static final Logger log = LoggerFactory.getLogger(CallServices.class);

    private final CallProviders providers;
    private final SessionStore sessions;
    private final CallRecordStore records;
    private final PromptAudio prompts;
    private final CallMetrics metrics;
    private final CallRecordWriter recordWriter;
    private final VoiceDetection voiceDetection;
    private final Map<String, CallOutcome> forcedOutcomes = new ConcurrentHashMap<>();
    /** Calls whose "don't call me again" is in their Redis session already. */
    private final java.util.Set<String> doNotCallInSession = ConcurrentHashMap.newKeySet();

    private final ApplicationEventPublisher events;

    public CallServices(CallProviders providers, SessionStore sessions, CallRecordStore records, PromptAudio prompts,
                        CallMetrics metrics, CallRecordWriter recordWriter, VoiceDetection voiceDetection,
                        ApplicationEventPublisher events) {
        this.recordWriter = recordWriter;
        this.events = events;
        this.providers = providers;
        this.sessions = sessions;
        this.records = records;
        this.prompts = prompts;
        this.metrics = metrics;
        this.voiceDetection = voiceDetection;
    }

    public VoiceDetection voiceDetection() {
        return voiceDetection;
    }

    /** Tells in-process watchers (the console) what happened; a failing watcher never disturbs the call. */
    void announce(CallActivity activity) {
        try {
            events.publishEvent(activity);
        } catch (RuntimeException e) {
            log.warn("Call {}: a watcher of call activity failed: {}", activity.callSid(), e.toString());
        }
    }

    public CallProviders providers() {
        return providers;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public CallRecordStore records() {
        return records;
    }

    public PromptAudio prompts() {
        return prompts;
    }

    public CallMetrics metrics() {
        return metrics;
    }

    public CallRecordWriter recordWriter() {
        return recordWriter;
    }

    /** A line heard on the call: into Redis now, into PostgreSQL with the next coalesced write. */
    void recordTranscript(CallContext context, TranscriptLine line) {
        sessions.appendTranscript(context.callSid(), line);
        recordWriter.transcript(context.callSid(), line);
        announce(new CallActivity.Heard(context.callSid(), line));
    }

    /** The conversation's state changed (an agent action): written through to PostgreSQL, coalesced. */
    void stateChanged(CallContext context, ConversationState state) {
        if (state.doNotCall() && doNotCallInSession.add(context.callSid())) {
            // the caller's own words, whatever the model's end_call says: into Redis now, so a server that dies
            // before the record's write is closed from its session with the request
            sessions.update(context.callSid(), Map.of("do_not_call_requested", true));
        }
        CallOutcome forced = forcedOutcomes.get(context.callSid());
        recordWriter.state(context.callSid(), state, forced == null ? null : forced.code());
    }

    void onAgentAction(CallContext context, AgentAction action) {
        switch (action) {
            case AgentAction.SaveLeadDetails save -> {
                Map<String, Object> fields = new HashMap<>();
                fields.put("collected_data", save.fields());
                for (String key : List.of("property_type", "location", "budget")) {
                    if (save.fields().get(key) != null) {
                        fields.put(key, String.valueOf(save.fields().get(key)));
                    }
                }
                sessions.update(context.callSid(), mergedCollected(context, fields));
            }
            case AgentAction.ChangeStage stage -> sessions.update(context.callSid(), Map.of("conversation_stage", stage.stage().name()));
            case AgentAction.TransferToHuman transfer -> {
                sessions.update(context.callSid(), Map.of("escalation_requested", true));
                announceTransfer(context, transfer);
            }
            case AgentAction.EndCall end -> sessions.update(context.callSid(), end.doNotCall()
                    ? Map.of("final_outcome", end.outcome().code(), "do_not_call_requested", true)
                    : Map.of("final_outcome", end.outcome().code()));
            case AgentAction.ScheduleCallback callback -> {
                // the time goes to Redis too: a call whose server dies now is closed from its session, and the
                // dialer books the call back from the time stored with it
                Map<String, Object> fields = new HashMap<>();
                fields.put("final_outcome", CallOutcome.CALLBACK.code());
                fields.put("collected_data", Map.of(AgentAction.ScheduleCallback.COLLECTED_KEY, callback.collectedValue()));
                sessions.update(context.callSid(), mergedCollected(context, fields));
            }
        }
    }

    /** Tells listeners (the customer's webhook) now, while the hand-over line is still playing. */
    private void announceTransfer(CallContext context, AgentAction.TransferToHuman transfer) {
        var session = sessions.live(context.callSid());
        Map<String, Object> collected = session.map(s -> s.collectedData()).orElse(Map.of());
        List<TranscriptLine> transcript = session.map(s -> s.transcriptHistory()).orElse(List.of());
        // Off the call's thread (the listener writes to PostgreSQL); the hand-over line plays for seconds meanwhile.
        Thread.ofVirtual().name("transfer-announce-" + context.callSid()).start(() -> {
            try {
                events.publishEvent(new TransferRequested(context.callSid(), context.leadId(), context.campaignId(),
                        transfer.reason(), collected, transcript));
            } catch (RuntimeException e) {
                log.warn("Call {}: announcing the transfer failed ({}); it is sent with the call's end", context.label(),
                        e.toString());
            }
        });
    }

    private Map<String, Object> mergedCollected(CallContext context, Map<String, Object> fields) {
        Map<String, Object> collected = new HashMap<>(sessions.live(context.callSid())
                .map(s -> s.collectedData()).orElse(Map.of()));
        @SuppressWarnings("unchecked")
        Map<String, Object> newFields = (Map<String, Object>) fields.get("collected_data");
        collected.putAll(newFields);
        fields.put("collected_data", collected);
        return fields;
    }

    void conversationOutcome(CallContext context, CallOutcome outcome, ConversationState state) {
        forcedOutcomes.put(context.callSid(), outcome);
        stateChanged(context, state);
    }

    /** The stream is over: final state to Redis and PostgreSQL, the call's resources released. */
    void callEnded(CallContext context, ConversationState state, List<Map<String, Object>> turns, String reason,
                   long durationMs) {
        metrics.callEnded();
        CallOutcome forced = forcedOutcomes.remove(context.callSid());
        CallOutcome outcome = state.outcome() != null ? state.outcome() : forced != null ? forced : CallOutcome.INCOMPLETE;
        Map<String, Object> collected = new HashMap<>(state.collectedData());
        Map<String, Object> finalFields = new HashMap<>();
        finalFields.put("conversation_stage", state.stage() == null ? "ENDED" : state.stage().name());
        finalFields.put("final_outcome", outcome.code());
        finalFields.put("is_bot_speaking", false);
        finalFields.put("escalation_requested", state.escalationRequested());
        if (state.doNotCall()) {
            finalFields.put("do_not_call_requested", true);
        }
        doNotCallInSession.remove(context.callSid());
        if (!collected.isEmpty()) {
            finalFields.put("collected_data", collected);
        }
        sessions.update(context.callSid(), finalFields);
        sessions.release(context.callSid());
        String status = mediaEndStatus(reason);
        recordWriter.ended(context.callSid(), state, outcome.code(), new CallRecordStore.End(status, reason,
                Instant.now(), status.equals("completed") ? null : "media stream ended: " + reason, turns),
                () -> announce(new CallActivity.Ended(context.callSid(), context.leadId(), context.campaignId(),
                        outcome.code())));
        log.info("Call {} ended ({}) after {} s: outcome {}", context.label(), reason, durationMs / 1000, outcome.code());
    }

    /**
     * The call row's status when its media leg ends: Exotel's stop, our hang-up or a normal close complete the call;
     * a socket dropped without either, or a stream cut by shutdown, leaves it interrupted (the reason says why).
     */
    static String mediaEndStatus(String reason) {
        if (reason == null) {
            return "completed";
        }
        if (reason.startsWith("socket-closed-")) {
            return reason.equals("socket-closed-1000") || reason.equals("socket-closed-1001") ? "completed" : "interrupted";
        }
        return reason.equals("server-shutdown") ? "interrupted" : "completed";
    }
}
