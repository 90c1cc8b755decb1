package dev.vaani.speech;

/** Receives a recognition stream's events. Called from the provider's thread: implementations must not block. */
@FunctionalInterface
public interface SpeechListener {
    void onEvent(SpeechEvent event);
}
