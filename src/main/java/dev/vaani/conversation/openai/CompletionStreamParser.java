package dev.vaani.conversation.openai;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.conversation.openai.LlmFailure.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/**
 * Reads one Chat Completions event stream: SSE framing ({@code data:} lines, blank-line separators, comments and
 * other fields ignored, {@code [DONE]} last) and the chunk JSON inside it.
 */
final class CompletionStreamParser {

    /** Where parsed pieces go. */
    interface Sink {
        /** Any event arrived (keeps a stall detector quiet). */
        void onEvent();

        /** The first content or tool-call token of the answer. */
        void onFirstToken();

        void onContent(String delta);

        void onToolCalls(List<ToolCall> calls);
    }

    record End(String finishReason, TokenUsage usage) {}

    private static final String DONE = "[DONE]";

    private final JsonMapper json;
    private final Sink sink;
    private final String requestId;
    private final ToolCallAssembler toolCalls = new ToolCallAssembler();
    private boolean started;
    private String finishReason;
    private TokenUsage usage;

    CompletionStreamParser(JsonMapper json, Sink sink, String requestId) {
        this.json = json;
        this.sink = sink;
        this.requestId = requestId;
    }

    /** Reads to [DONE]. Throws LlmFailure for an error event or a stream cut short; IOException as it comes. */
    End read(BufferedReader reader) throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty() && dispatch(data.toString())) {
                    return new End(finishReason, usage);
                }
                data.setLength(0);
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
            }
            // ":" comments (keep-alives) and event:/id:/retry: fields carry nothing for us
        }
        if (!data.isEmpty() && dispatch(data.toString())) {
            return new End(finishReason, usage);
        }
        throw new LlmFailure(Kind.CONNECTION_LOST, "OpenAI stream ended before [DONE]", requestId, null, false, null);
    }

    /** Handles one event; true at [DONE]. */
    private boolean dispatch(String payload) {
        sink.onEvent();
        if (payload.strip().equals(DONE)) {
            flushToolCalls();
            return true;
        }
        JsonNode chunk;
        try {
            chunk = json.readTree(payload);
        } catch (JacksonException e) {
            throw new LlmFailure(Kind.SERVER_ERROR, "unreadable chunk in OpenAI stream", requestId, null, false, e);
        }
        if (chunk.hasNonNull("error")) {
            throw OpenAiErrors.fromStreamError(chunk.get("error"), requestId);
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) == 0) {
                handleChoice(choice);
            }
        }
        JsonNode usageNode = chunk.path("usage");
        if (usageNode.isObject()) {
            usage = new TokenUsage(usageNode.path("prompt_tokens").asInt(0), usageNode.path("completion_tokens").asInt(0),
                    usageNode.path("total_tokens").asInt(0));
        }
        return false;
    }

    private void handleChoice(JsonNode choice) {
        JsonNode delta = choice.path("delta");
        JsonNode content = delta.path("content");
        if (content.isString() && !content.asString("").isEmpty()) {
            firstToken();
            sink.onContent(content.asString(""));
        }
        for (JsonNode call : delta.path("tool_calls")) {
            firstToken();
            JsonNode function = call.path("function");
            toolCalls.add(call.path("index").asInt(0), textOrNull(call.path("id")), textOrNull(function.path("name")),
                    textOrNull(function.path("arguments")));
        }
        JsonNode finish = choice.path("finish_reason");
        if (finish.isString()) {
            finishReason = finish.asString("");
            flushToolCalls();
        }
    }

    private void flushToolCalls() {
        if (!toolCalls.isEmpty()) {
            sink.onToolCalls(toolCalls.drain());
        }
    }

    private void firstToken() {
        if (!started) {
            started = true;
            sink.onFirstToken();
        }
    }

    private static String textOrNull(JsonNode node) {
        return node.isString() ? node.asString("") : null;
    }
}
