package dev.vaani.conversation.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds tool calls from streamed fragments: the first fragment of a call (by index) carries id and name, later
 * ones only pieces of the arguments string.
 */
final class ToolCallAssembler {

    private final Map<Integer, PartialCall> calls = new TreeMap<>();

    void add(int index, String id, String name, String argumentsFragment) {
        PartialCall call = calls.computeIfAbsent(index, i -> new PartialCall());
        if (id != null && !id.isEmpty() && call.id == null) {
            call.id = id;
        }
        if (name != null && !name.isEmpty() && call.name == null) {
            call.name = name;
        }
        if (argumentsFragment != null) {
            call.arguments.append(argumentsFragment);
        }
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    /** The completed calls in index order; empties the assembler. */
    List<ToolCall> drain() {
        List<ToolCall> done = new ArrayList<>(calls.size());
        calls.forEach((index, call) -> done.add(new ToolCall(
                call.id == null ? "call_" + index : call.id, call.name == null ? "" : call.name,
                call.arguments.toString())));
        calls.clear();
        return done;
    }

    private static final class PartialCall {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();
    }
}
