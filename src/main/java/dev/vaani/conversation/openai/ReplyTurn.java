package dev.vaani.conversation.openai;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ReplyListener;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One agent reply, which may take several model requests: when the model only called tools without speaking, or
 * wrote arguments we had to reject (or that we carried out otherwise than asked), the tool results go back and the model continues; an answer with nothing in it
 * (no words, no tool call: an empty reply or a refusal) is asked for again. At most {@link #MAX_FOLLOW_UPS} more
 * requests, so a turn can never loop; a reply that still said and did nothing fails, so the call's fallback answers
 * the caller instead of leaving them in silence.
 */
final class ReplyTurn implements Conversation.Reply {

    static final int MAX_FOLLOW_UPS = 2;

    /**
     * What a finished model round led to.
     *
     * @param mustAnswer a tool result the model has to react to before the caller hears more: arguments we rejected,
     *                   or a call done otherwise than asked (a callback moved into calling hours)
     */
    record RoundResult(List<AgentAction> actions, boolean mustAnswer) {}

    private final OpenAiConversation conversation;
    private final OpenAiChatClient client;
    private final ReplyListener listener;

    /** Guards everything below and every listener call, so none can follow cancel(). */
    private final ReentrantLock lock = new ReentrantLock();
    private boolean finished;
    private ChatStream stream;
    private int followUps;
    private boolean spoke;
    /** The text given to the listener so far ends in white space (or there is none). */
    private boolean endsInSpace = true;
    private boolean acted;
    private final StringBuilder roundText = new StringBuilder();
    private List<ToolCall> roundCalls = List.of();

    ReplyTurn(OpenAiConversation conversation, OpenAiChatClient client, ReplyListener listener) {
        this.conversation = conversation;
        this.client = client;
        this.listener = listener;
    }

    void start() {
        lock.lock();
        try {
            if (!finished) {
                openRound();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel() {
        ChatStream inFlight;
        lock.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
            inFlight = stream;
            if (!roundText.isEmpty()) {
                // What was generated may have been partly spoken; onInterrupted trims it to what was heard.
                conversation.recordAssistant(roundText.toString());
            }
        } finally {
            lock.unlock();
        }
        // Outside our lock: the stream's reader may be waiting for it inside a callback.
        if (inFlight != null) {
            inFlight.cancel();
        }
    }

    private void openRound() {
        if (spoke && !endsInSpace) {
            // the words of two requests are one reply: without a space "Okay." + "Sorry, ..." is heard as one
            // sentence "Okay.Sorry, ...", and "Okay." waits for the second request before it can be spoken
            listener.onText(" ");
            endsInSpace = true;
        }
        roundText.setLength(0);
        roundCalls = List.of();
        stream = client.streamChat(conversation.nextRequest(), new Round());
    }

    private final class Round implements ChatStreamListener {

        @Override
        public void onContent(String delta) {
            lock.lock();
            try {
                if (!finished) {
                    roundText.append(delta);
                    spoke = true;
                    listener.onText(delta);
                    if (!delta.isEmpty()) {
                        endsInSpace = Character.isWhitespace(delta.charAt(delta.length() - 1));
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onToolCalls(List<ToolCall> calls) {
            lock.lock();
            try {
                if (!finished) {
                    roundCalls = List.copyOf(calls);
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onComplete(String finishReason, TokenUsage usage) {
            lock.lock();
            try {
                if (finished) {
                    return;
                }
                RoundResult result = conversation.finishRound(roundText.toString(), roundCalls);
                result.actions().forEach(listener::onAction);
                acted |= !result.actions().isEmpty();
                boolean empty = roundText.isEmpty() && roundCalls.isEmpty();
                boolean needsMore = !roundCalls.isEmpty() && (result.mustAnswer() || !spoke) || empty && !spoke;
                if (needsMore && followUps < MAX_FOLLOW_UPS) {
                    followUps++;
                    openRound();
                } else if (!spoke && !acted) {
                    finished = true;
                    listener.onError(new LlmFailure(LlmFailure.Kind.EMPTY_REPLY, "OpenAI answered "
                            + (followUps + 1) + " times with nothing to say (finish reason " + finishReason + ")"));
                } else {
                    finished = true;
                    listener.onComplete();
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onError(LlmFailure failure) {
            lock.lock();
            try {
                if (finished) {
                    return;
                }
                finished = true;
                if (!roundText.isEmpty()) {
                    conversation.recordAssistant(roundText.toString());
                }
                listener.onError(failure);
            } finally {
                lock.unlock();
            }
        }
    }
}
