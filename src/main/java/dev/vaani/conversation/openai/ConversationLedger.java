package dev.vaani.conversation.openai;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.ConversationStage;
import dev.vaani.conversation.ConversationState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the conversation has established: stage, collected data, escalation, outcome. Updated by actions. */
final class ConversationLedger {

    private ConversationStage stage = ConversationStage.INTRO;
    private final Map<String, Object> collected = new LinkedHashMap<>();
    private boolean escalationRequested;
    private CallOutcome outcome;
    private String summary;
    private boolean doNotCall;
    /** The caller heard nothing of the goodbye that ended the call: the next end_call ends it again. */
    private boolean endUnheard;

    ConversationLedger(Map<String, Object> alreadyCollected) {
        collected.putAll(alreadyCollected);
    }

    /**
     * Records an action and returns what the call should hear: the action itself, plus stage changes it implies
     * (first details → QUALIFICATION, end_call → ENDED). Repeats that change nothing are dropped.
     */
    List<AgentAction> apply(AgentAction action) {
        List<AgentAction> effects = new ArrayList<>(2);
        switch (action) {
            case AgentAction.SaveLeadDetails save -> {
                save.fields().forEach((k, v) -> {
                    if (v != null) {
                        collected.put(k, v);
                    }
                });
                effects.add(save);
                if (stage == ConversationStage.INTRO) {
                    moveTo(ConversationStage.QUALIFICATION, effects);
                }
            }
            case AgentAction.ChangeStage change -> moveTo(change.stage(), effects);
            case AgentAction.EndCall end -> {
                if (stage != ConversationStage.ENDED || endUnheard) {
                    endUnheard = false;
                    outcome = end.outcome();
                    summary = end.summary();
                    doNotCall |= end.doNotCall(); // the caller's own request stands, whatever the model wrote
                    effects.add(end);
                    moveTo(ConversationStage.ENDED, effects);
                } else if (end.doNotCall() && !doNotCall) {
                    // a request made after the goodbye (the caller was still on the line) still stands; the call
                    // hears it as the ending it already had, so the outcome stored is not changed again
                    doNotCall = true;
                    effects.add(new AgentAction.EndCall(outcome == null ? end.outcome() : outcome, summary, true));
                }
            }
            case AgentAction.TransferToHuman transfer -> {
                escalationRequested = true;
                if (stage != ConversationStage.ENDED) {
                    // the hand-over ends the call (no end_call follows it), so it is the call's outcome, as with the
                    // scripted agent: without it the call was stored as incomplete
                    outcome = CallOutcome.TRANSFERRED;
                }
                effects.add(transfer);
            }
            case AgentAction.ScheduleCallback callback -> {
                outcome = CallOutcome.CALLBACK;
                collected.put(AgentAction.ScheduleCallback.COLLECTED_KEY, callback.collectedValue());
                effects.add(callback);
            }
        }
        return effects;
    }

    /**
     * The caller asked never to be called again, in words our rules know: the lead goes on do-not-call whether or not
     * the model remembers to say so in end_call (or the call ends before it can).
     */
    void callerAskedNotToBeCalled() {
        doNotCall = true;
    }

    /** The caller heard nothing of the goodbye that ended the call, so the call goes on until the next end_call. */
    void endUnheard() {
        endUnheard = stage == ConversationStage.ENDED;
    }

    boolean doNotCallRequested() {
        return doNotCall;
    }

    private void moveTo(ConversationStage next, List<AgentAction> effects) {
        if (next != stage && stage != ConversationStage.ENDED) {
            stage = next;
            effects.add(new AgentAction.ChangeStage(next));
        }
    }

    ConversationStage stage() {
        return stage;
    }

    Map<String, Object> collected() {
        return Map.copyOf(collected);
    }

    ConversationState snapshot() {
        return new ConversationState(stage, collected, escalationRequested, outcome, summary, doNotCall);
    }
}
