/**
 * The LLM agent over OpenAI Chat Completions, spoken directly as HTTP + server-sent events (no SDK).
 *
 * <ul>
 *   <li>{@link dev.vaani.conversation.openai.OpenAiChatClient} streams one completion: content deltas as they arrive,
 *       tool calls assembled by index, typed {@link dev.vaani.conversation.openai.LlmFailure}s, retry only before
 *       anything was delivered, a circuit breaker, cancel for barge-in. Configured by
 *       {@link dev.vaani.conversation.openai.OpenAiSettings} (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL).</li>
 *   <li>{@link dev.vaani.conversation.openai.OpenAiConversationEngine} ("openai") starts one
 *       {@link dev.vaani.conversation.openai.OpenAiConversation} per call: system prompt from the campaign script
 *       ({@link dev.vaani.conversation.openai.PromptBuilder}), tools ({@link dev.vaani.conversation.openai.LeadTools})
 *       turned into agent actions, a bounded history rewritten on interruption. The greeting is the script's template,
 *       spoken without a model round-trip.</li>
 *   <li>save_lead_details values pass through a {@link dev.vaani.conversation.openai.LeadDetailsNormaliser}; the
 *       application binds the qualification extractor there (identity by default).</li>
 * </ul>
 */
package dev.vaani.conversation.openai;
