package dev.vaani.conversation.scripted;

import java.time.Clock;
import java.util.concurrent.Executor;

import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ConversationEngine;
import dev.vaani.conversation.ConversationSetup;

/**
 * The offline agent: follows the campaign script with rule-based understanding, no network. Used when no LLM key is
 * configured, and in tests and the simulator because it is deterministic.
 */
public final class ScriptedConversationEngine implements ConversationEngine {

    private final Clock clock;
    private final Executor executor;

    /** Replies are delivered on the thread that calls respond(). */
    public ScriptedConversationEngine() {
        this(Clock.systemUTC(), Runnable::run);
    }

    /**
     * @param clock    "now" for callback times ("tomorrow 5 pm")
     * @param executor where replies are delivered; a direct executor delivers before respond() returns
     */
    public ScriptedConversationEngine(Clock clock, Executor executor) {
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Conversation start(ConversationSetup setup) {
        return new ScriptedConversation(setup, clock, executor);
    }
}
