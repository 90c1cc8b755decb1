package dev.vaani.conversation.scripted;

import java.util.List;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ReplyListener;

/**
 * One scripted reply: whole sentences, then actions, then completion. Cancelling between any two listener calls
 * stops it; the lock makes "no listener call after cancel() returns" hold even when delivery runs on another thread.
 */
final class ScriptedReply implements Conversation.Reply {

    private final List<String> sentences;
    private final List<AgentAction> actions;
    private final Object lock = new Object();
    private boolean cancelled;
    private boolean completed;

    ScriptedReply(List<String> sentences, List<AgentAction> actions) {
        this.sentences = List.copyOf(sentences);
        this.actions = List.copyOf(actions);
    }

    void deliver(ReplyListener listener) {
        try {
            for (String sentence : sentences) {
                if (!emit(() -> listener.onText(sentence + " "))) {
                    return;
                }
            }
            for (AgentAction action : actions) {
                if (!emit(() -> listener.onAction(action))) {
                    return;
                }
            }
            synchronized (lock) {
                if (!cancelled) {
                    completed = true;
                    listener.onComplete();
                }
            }
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    private boolean emit(Runnable call) {
        synchronized (lock) {
            if (cancelled) {
                return false;
            }
            call.run();
            return true;
        }
    }

    @Override
    public void cancel() {
        synchronized (lock) {
            cancelled = true;
        }
    }

    /** Cancelled before everything was delivered: the caller may not have heard the end of it. */
    boolean cutShort() {
        synchronized (lock) {
            return cancelled && !completed;
        }
    }

    List<AgentAction> actions() {
        return actions;
    }
}
