package dev.vaani.conversation.openai;

import java.util.List;

/**
 * One message of a chat history, in the shape Chat Completions expects.
 *
 * @param role       who speaks
 * @param content    the text; null for an assistant message that only calls tools
 * @param toolCalls  the assistant's tool calls (empty otherwise)
 * @param toolCallId which call a tool message answers (null otherwise)
 */
public record ChatMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {

    public enum Role {
        SYSTEM, USER, ASSISTANT, TOOL;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ChatMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage(Role.SYSTEM, text, List.of(), null);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, text, List.of(), null);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, text, List.of(), null);
    }

    public static ChatMessage assistant(String text, List<ToolCall> toolCalls) {
        return new ChatMessage(Role.ASSISTANT, text, toolCalls, null);
    }

    public static ChatMessage tool(String toolCallId, String content) {
        return new ChatMessage(Role.TOOL, content, List.of(), toolCallId);
    }

    public ChatMessage withContent(String text) {
        return new ChatMessage(role, text, toolCalls, toolCallId);
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
