package dev.vaani.conversation.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationHistoryTest {

    private static final ToolCall SAVE = new ToolCall("call_1", "save_lead_details", "{\"budget\":\"1Cr\"}");

    @Test
    void keepsTheHeardPartOfTheLastSpokenMessageMarkedAsCutOff() {
        var history = new ConversationHistory(30);
        history.add(ChatMessage.user("Prices?"));
        history.add(ChatMessage.assistant("Villas start at one crore, plots at forty lakh."));

        history.rewriteLastReply("Villas start at one crore,");

        assertThat(history.all()).containsExactly(ChatMessage.user("Prices?"),
                ChatMessage.assistant("Villas start at one crore, —"));
    }

    @Test
    void foldsAMultiRoundReplyIntoItsLastSpokenMessageAndKeepsToolCalls() {
        var history = new ConversationHistory(30);
        history.add(ChatMessage.user("Budget is one crore"));
        history.add(ChatMessage.assistant("Noted.", List.of(SAVE)));
        history.add(ChatMessage.tool("call_1", "{\"ok\":true}"));
        history.add(ChatMessage.assistant("Which area do you prefer?"));

        history.rewriteLastReply("Noted. Which area");

        assertThat(history.all()).containsExactly(ChatMessage.user("Budget is one crore"),
                ChatMessage.assistant(null, List.of(SAVE)), ChatMessage.tool("call_1", "{\"ok\":true}"),
                ChatMessage.assistant("Noted. Which area —"));
    }

    @Test
    void dropsTheReplyTextWhenNothingWasHeard() {
        var history = new ConversationHistory(30);
        history.add(ChatMessage.user("Hello?"));
        history.add(ChatMessage.assistant("Hi there!"));

        history.rewriteLastReply("");

        assertThat(history.all()).containsExactly(ChatMessage.user("Hello?"));
    }

    @Test
    void neverStartsTheWindowWithAnOrphanedToolResult() {
        var history = new ConversationHistory(3);
        history.add(ChatMessage.user("one"));
        history.add(ChatMessage.assistant(null, List.of(SAVE)));
        history.add(ChatMessage.tool("call_1", "{\"ok\":true}"));
        history.add(ChatMessage.assistant("Okay."));
        history.add(ChatMessage.user("two"));

        assertThat(history.recent()).containsExactly(ChatMessage.assistant("Okay."), ChatMessage.user("two"));
    }
}
