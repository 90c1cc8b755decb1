package dev.vaani.conversation.openai;

/**
 * A function call the model asked for.
 *
 * @param id        "call_..." to answer with a tool message
 * @param name      the function name
 * @param arguments the JSON arguments exactly as streamed (may be invalid JSON: the model wrote it)
 */
public record ToolCall(String id, String name, String arguments) {}
