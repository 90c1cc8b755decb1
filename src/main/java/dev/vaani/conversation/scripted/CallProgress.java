package dev.vaani.conversation.scripted;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.ConversationStage;

/**
 * Where a scripted call stands, shared by the parts of the conversation: the phase decides how the next caller turn
 * is read; the stage is what the platform records, and changes to it are announced as actions.
 */
final class CallProgress {

    /**
     * How the next caller turn is read. {@code TAKEN_OVER}: the call was taken over from another agent mid-qualification
     * and its last question is not known, so the next turn is read as an answer to no question in particular.
     * {@code CALLBACK_BOOKED}: taken over after the other agent booked a call back; the next turn ends the call so.
     */
    enum Phase {
        OPENING, TAKEN_OVER, CALLBACK_BOOKED, ASKING, CONFIRMING, CORRECTING, AWAITING_CALLBACK_TIME, TRANSFERRING, ENDED
    }

    private Phase phase = Phase.OPENING;
    private ConversationStage stage = ConversationStage.INTRO;

    Phase phase() {
        return phase;
    }

    boolean is(Phase candidate) {
        return phase == candidate;
    }

    void enter(Phase next) {
        phase = next;
    }

    /** Starts where another agent left the call: no stage change is announced, the platform has it already. */
    void resume(ConversationStage at, Phase next) {
        stage = at;
        phase = next;
    }

    ConversationStage stage() {
        return stage;
    }

    void moveTo(ConversationStage next, Turn turn) {
        if (stage != next) {
            stage = next;
            turn.act(new AgentAction.ChangeStage(next));
        }
    }
}
