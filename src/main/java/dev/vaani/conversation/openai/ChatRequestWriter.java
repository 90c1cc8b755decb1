package dev.vaani.conversation.openai;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes the Chat Completions request body: always streaming, with usage, tools on "auto". */
final class ChatRequestWriter {

    private final JsonMapper json;
    private final OpenAiSettings settings;

    ChatRequestWriter(JsonMapper json, OpenAiSettings settings) {
        this.json = json;
        this.settings = settings;
    }

    byte[] write(ChatRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(m -> messages.add(message(m)));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description());
                function.set("parameters", json.valueToTree(tool.parameters()));
            }
            body.put("tool_choice", "auto");
        }
        body.put("temperature", settings.temperature());
        body.put("max_completion_tokens", settings.maxCompletionTokens());
        try {
            return json.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise chat request", e);
        }
    }

    private ObjectNode message(ChatMessage message) {
        ObjectNode node = json.createObjectNode().put("role", message.role().wireName());
        if (message.content() == null) {
            node.putNull("content");
        } else {
            node.put("content", message.content());
        }
        if (message.hasToolCalls()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCall call : message.toolCalls()) {
                calls.addObject().put("id", call.id()).put("type", "function")
                        .putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        if (message.toolCallId() != null) {
            node.put("tool_call_id", message.toolCallId());
        }
        return node;
    }
}
