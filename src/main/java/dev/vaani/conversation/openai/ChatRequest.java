package dev.vaani.conversation.openai;

import java.util.List;

/** One streamed completion: the history to answer and the functions offered. Model and sampling come from settings. */
public record ChatRequest(List<ChatMessage> messages, List<ToolDefinition> tools) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
