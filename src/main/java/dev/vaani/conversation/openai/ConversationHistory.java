package dev.vaani.conversation.openai;

import dev.vaani.conversation.openai.ChatMessage.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The turns of one call without the system prompt (rebuilt per request). Requests see only the most recent
 * messages, so a long call costs no more per turn than a short one.
 */
final class ConversationHistory {

    private final int window;
    private final List<ChatMessage> messages = new ArrayList<>();

    ConversationHistory(int window) {
        this.window = window;
    }

    void add(ChatMessage message) {
        messages.add(message);
        // Keep a margin beyond the window so trimming to a clean start still finds one.
        if (messages.size() > window * 2) {
            messages.subList(0, messages.size() - window).clear();
        }
    }

    /** The last {@code window} messages, never starting with a tool result whose call was cut off. */
    List<ChatMessage> recent() {
        int start = Math.max(0, messages.size() - window);
        while (start < messages.size() && messages.get(start).role() == Role.TOOL) {
            start++;
        }
        return List.copyOf(messages.subList(start, messages.size()));
    }

    List<ChatMessage> all() {
        return List.copyOf(messages);
    }

    /**
     * The caller heard only {@code heard} of our last reply. The reply's last spoken message becomes exactly that,
     * marked " —" as cut off; earlier text of the same reply is folded into it; tool calls stay (their results
     * follow them). When nothing was heard, text-only messages of the reply are dropped.
     */
    void rewriteLastReply(String heard) {
        int replyStart = messages.size();
        while (replyStart > 0 && isReplyPart(messages.get(replyStart - 1))) {
            replyStart--;
        }
        int lastSpoken = -1;
        for (int i = replyStart; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m.role() == Role.ASSISTANT && m.content() != null && !m.content().isBlank()) {
                lastSpoken = i;
            }
        }
        if (lastSpoken < 0) {
            return;
        }
        String kept = heard == null ? "" : heard.strip();
        for (int i = messages.size() - 1; i >= replyStart; i--) {
            ChatMessage m = messages.get(i);
            if (m.role() != Role.ASSISTANT || m.content() == null) {
                continue;
            }
            if (i == lastSpoken && !kept.isEmpty()) {
                messages.set(i, m.withContent(kept + " —"));
            } else if (m.hasToolCalls()) {
                messages.set(i, m.withContent(null));
            } else {
                messages.remove(i);
            }
        }
    }

    private static boolean isReplyPart(ChatMessage m) {
        return m.role() == Role.ASSISTANT || m.role() == Role.TOOL;
    }
}
