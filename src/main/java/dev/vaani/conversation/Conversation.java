package dev.vaani.conversation;

/** One call's conversation with the agent. Not thread-safe: the call drives it from one place at a time. */
public interface Conversation {

    /**
     * Starts the agent's reply to {@code input}. Text streams to the listener as it is produced (tokens, for an LLM),
     * actions as they are decided; then exactly one of onComplete or onError. Returns at once.
     */
    Reply respond(TurnInput input, ReplyListener listener);

    /**
     * The caller interrupted our last reply; only {@code heardText} reached them. The engine should treat the rest as
     * never said.
     */
    void onInterrupted(String heardText);

    /** The conversation's state now: stage, collected data, outcome. */
    ConversationState state();

    /** A reply in flight. */
    interface Reply {
        /** Stops producing text and actions (barge-in); idempotent. No further listener calls after it returns. */
        void cancel();
    }
}
