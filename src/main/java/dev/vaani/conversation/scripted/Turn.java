package dev.vaani.conversation.scripted;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.vaani.conversation.AgentAction;

/** What the agent will say and do in one reply, collected before any of it is delivered. */
final class Turn {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    private final List<String> sentences = new ArrayList<>();
    private final List<AgentAction> actions = new ArrayList<>();
    private String question;

    void say(String text) {
        for (String sentence : SENTENCE_END.split(text.trim())) {
            if (!sentence.isBlank()) {
                sentences.add(sentence.trim());
            }
        }
    }

    /** Says a question the caller should answer; remembered so it can be repeated if they never heard it. */
    void ask(String text) {
        say(text);
        question = text.trim();
    }

    void act(AgentAction action) {
        actions.add(action);
    }

    String question() {
        return question;
    }

    ScriptedReply toReply() {
        return new ScriptedReply(sentences, actions);
    }
}
