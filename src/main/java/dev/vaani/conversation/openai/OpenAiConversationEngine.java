package dev.vaani.conversation.openai;

import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ConversationEngine;
import dev.vaani.conversation.ConversationSetup;
import java.time.Clock;

/** The LLM agent: OpenAI Chat Completions over the campaign script, with tools for data, transfer and ending. */
public final class OpenAiConversationEngine implements ConversationEngine {

    private final OpenAiChatClient client;
    private final LeadDetailsNormaliser normaliser;
    private final Clock clock;
    private final PromptBuilder prompts = new PromptBuilder();

    public OpenAiConversationEngine(OpenAiChatClient client) {
        this(client, LeadDetailsNormaliser.identity(), Clock.systemUTC());
    }

    /**
     * @param normaliser turns save_lead_details arguments into stored values (bind the qualification extractor)
     * @param clock      "now" for the prompt and for rejecting callbacks in the past
     */
    public OpenAiConversationEngine(OpenAiChatClient client, LeadDetailsNormaliser normaliser, Clock clock) {
        this.client = client;
        this.normaliser = normaliser;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "openai";
    }

    /** The model's circuit breaker: open after repeated failures, so calls go to the scripted agent at once. */
    public io.github.resilience4j.circuitbreaker.CircuitBreaker circuitBreaker() {
        return client.circuitBreaker();
    }

    @Override
    public Conversation start(ConversationSetup setup) {
        return new OpenAiConversation(setup, client, normaliser, prompts, clock);
    }
}
