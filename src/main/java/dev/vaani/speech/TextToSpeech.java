package dev.vaani.speech;

import java.util.concurrent.CompletableFuture;

/** Streaming speech synthesis: text in, PCM chunks out as soon as the engine makes them. */
public interface TextToSpeech {

    /** Short provider name for logs and health, e.g. "elevenlabs" or "offline". */
    String name();

    /**
     * Starts synthesising {@code text} (one sentence or clause) as PCM16LE mono at {@code sampleRate}. Chunks go to
     * {@code sink} as they arrive, in order, from a provider thread. Returns at once.
     */
    Synthesis synthesize(String text, int sampleRate, AudioSink sink);

    /**
     * As {@link #synthesize(String, int, AudioSink)}, in a language: "en", "hi" (Devanagari text) or "hinglish"
     * (Hindi in Latin letters). Providers with a voice or model per language pick it; the others ignore it.
     */
    default Synthesis synthesize(String text, String language, int sampleRate, AudioSink sink) {
        return synthesize(text, sampleRate, sink);
    }

    /** Receives synthesised audio. Must not block. */
    @FunctionalInterface
    interface AudioSink {
        void onAudio(byte[] pcm);
    }

    /** One synthesis in flight. */
    interface Synthesis {

        /** Completes when all audio was delivered, or exceptionally with a {@link SpeechFailure}. */
        CompletableFuture<Void> completion();

        /** Stops generating and delivering audio (barge-in); idempotent. The completion then ends. */
        void cancel();
    }
}
