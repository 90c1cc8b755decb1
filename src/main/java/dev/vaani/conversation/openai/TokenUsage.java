package dev.vaani.conversation.openai;

/** Tokens billed for one completion, from the usage chunk (stream_options.include_usage). */
public record TokenUsage(int promptTokens, int completionTokens, int totalTokens) {}
