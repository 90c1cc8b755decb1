package dev.vaani.conversation;

/** Receives an agent reply as it streams. Called from the engine's thread; implementations must not block. */
public interface ReplyListener {

    /** More words of the reply, in order (an LLM token, or a whole scripted sentence). */
    void onText(String delta);

    /** The agent decided something: save data, change stage, end, transfer, book a callback. */
    void onAction(AgentAction action);

    /** The reply is complete. */
    void onComplete();

    /** The reply failed (provider error); the call decides how to recover. */
    void onError(Throwable error);
}
