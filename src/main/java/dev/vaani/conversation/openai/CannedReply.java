package dev.vaani.conversation.openai;

import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ReplyListener;

/** A reply known in advance (the greeting): delivered on its own thread, like a streamed one, and cancellable. */
final class CannedReply implements Conversation.Reply {

    private final String text;
    private final ReplyListener listener;
    private boolean cancelled;

    private CannedReply(String text, ReplyListener listener) {
        this.text = text;
        this.listener = listener;
    }

    static CannedReply start(String text, ReplyListener listener) {
        var reply = new CannedReply(text, listener);
        Thread.ofVirtual().name("canned-reply").start(reply::deliver);
        return reply;
    }

    private synchronized void deliver() {
        if (!cancelled) {
            listener.onText(text);
            listener.onComplete();
        }
    }

    @Override
    public synchronized void cancel() {
        cancelled = true;
    }
}
