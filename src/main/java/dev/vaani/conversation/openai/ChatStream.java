package dev.vaani.conversation.openai;

/** A completion in flight. */
public interface ChatStream {

    /** Aborts the HTTP exchange; idempotent. No listener calls follow once it returns. */
    void cancel();
}
