package dev.vaani.call;

import dev.vaani.call.session.SessionStore;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.ConversationState;
import dev.vaani.telephony.exotel.ExotelMessageWriter;
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
 * What every live call shares: providers, the session store, the call records, prompts and metrics. Storage writes
 * happen on the call's persistence executor, in order, off the call's own event loop.
 */
@Component
public class CallServices {

    private static final Logger log = LoggerFactory.getLogger(CallServices.class);

    private final CallProviders providers;
    private final SessionStore sessions;
    private final CallRecordStore records;
    private final PromptAudio prompts;
    private final CallMetrics metrics;
    private final ExotelMessageWriter writer = new ExotelMessageWriter();
    private final Map<String, CallOutcome> forcedOutcomes = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;

    public CallServices(CallProviders providers, SessionStore sessions, CallRecordStore records, PromptAudio prompts,
                        CallMetrics metrics, ApplicationEventPublisher events) {
        this.providers = providers;
        this.sessions = sessions;
        this.records = records;
        this.prompts = prompts;
        this.metrics = metrics;
        this.events = events;
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

    public ExotelMessageWriter writer() {
        return writer;
    }

    /** A line heard on the call: into Redis now, into PostgreSQL on the call's persistence executor. */
    void recordTranscript(CallContext context, TranscriptLine line) {
        sessions.appendTranscript(context.callSid(), line);
        announce(new CallActivity.Heard(context.callSid(), line));
        context.persistence().execute(() -> {
            try {
                records.appendTranscript(context.callSid(), line);
            } catch (RuntimeException e) {
                log.warn("Call {}: storing a transcript line in PostgreSQL failed ({}); it stays in Redis and is stored at the end",
                        context.label(), e.getMessage());
            }
        });
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
            case AgentAction.TransferToHuman ignored -> sessions.update(context.callSid(), Map.of("escalation_requested", true));
            case AgentAction.EndCall end -> sessions.update(context.callSid(), Map.of("final_outcome", end.outcome().code()));
            case AgentAction.ScheduleCallback callback -> sessions.update(context.callSid(),
                    Map.of("final_outcome", CallOutcome.CALLBACK.code()));
        }
    }

    private Map<String, Object> mergedCollected(CallContext context, Map<String, Object> fields) {
        Map<String, Object> collected = new HashMap<>(sessions.find(context.callSid())
                .map(s -> s.collectedData()).orElse(Map.of()));
        @SuppressWarnings("unchecked")
        Map<String, Object> newFields = (Map<String, Object>) fields.get("collected_data");
        collected.putAll(newFields);
        fields.put("collected_data", collected);
        return fields;
    }

    void conversationOutcome(String callSid, CallOutcome outcome) {
        forcedOutcomes.put(callSid, outcome);
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
        if (!collected.isEmpty()) {
            finalFields.put("collected_data", collected);
        }
        sessions.update(context.callSid(), finalFields);
        sessions.release(context.callSid());
        context.persistence().execute(() -> {
            try {
                records.completed(context.callSid(), context.leadId(), new CallRecordStore.Completion(
                        state.stage() == null ? "ENDED" : state.stage().name(), collected, state.escalationRequested(),
                        outcome.code(), state.summary(), null, turns), Instant.now());
                log.info("Call {} ended ({}) after {} s: outcome {}", context.label(), reason, durationMs / 1000, outcome.code());
            } catch (RuntimeException e) {
                log.error("Call {}: storing the call record failed; the session stays in Redis for an hour", context.label(), e);
            }
            announce(new CallActivity.Ended(context.callSid(), context.leadId(), context.campaignId(), outcome.code()));
        });
    }
}
