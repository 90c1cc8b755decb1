package dev.vaani.conversation.openai;

import java.util.List;

/**
 * Receives one streamed completion. Called from the client's reading thread, in order; must not block. After
 * {@link ChatStream#cancel()} returns, nothing more is called. Exactly one of onComplete or onError ends a stream.
 */
public interface ChatStreamListener {

    /** Text as the model writes it. */
    void onContent(String delta);

    /** The model's tool calls, complete, once its answer has finished (before onComplete). */
    void onToolCalls(List<ToolCall> calls);

    /**
     * The stream ended normally.
     *
     * @param finishReason stop, length, tool_calls or content_filter
     * @param usage        null when the server sent no usage chunk
     */
    void onComplete(String finishReason, TokenUsage usage);

    void onError(LlmFailure failure);
}
