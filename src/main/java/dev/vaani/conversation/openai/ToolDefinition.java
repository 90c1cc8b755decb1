package dev.vaani.conversation.openai;

import java.util.Map;

/**
 * A function the model may call.
 *
 * @param name        function name
 * @param description when to call it, for the model
 * @param parameters  JSON Schema of the arguments object
 */
public record ToolDefinition(String name, String description, Map<String, Object> parameters) {

    public ToolDefinition {
        parameters = Map.copyOf(parameters);
    }
}
