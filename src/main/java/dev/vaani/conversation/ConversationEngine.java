package dev.vaani.conversation;

/**
 * The agent behind a call: an LLM over a campaign script, or the scripted offline engine. One {@link Conversation}
 * per call holds that call's history.
 */
public interface ConversationEngine {

    /** Short name for logs and health, e.g. "openai" or "scripted". */
    String name();

    Conversation start(ConversationSetup setup);
}
