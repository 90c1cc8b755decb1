package dev.vaani.speech.offline;

import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.TextToSpeech;
import java.util.concurrent.CompletableFuture;

/**
 * Offline synthesis with FreeTTS and its bundled kevin16 voice: pure Java from Maven Central, so it needs no
 * system package. The voice renders at 16 kHz natively; audio is resampled to the rate each call asks for.
 */
public final class OfflineTextToSpeech implements TextToSpeech {

    /** FreeTTS kevin16's own sample rate. */
    public static final int NATIVE_SAMPLE_RATE = 16000;

    /**
     * One voice for the whole JVM, lent in arrival order. FreeTTS shares static state between voices: two voices
     * speaking at once failed with index errors in about one run in seven. Serialising costs little, as a sentence
     * renders in about 15 ms (real-time factor 0.004).
     */
    private static final FreeTtsVoicePool VOICES = new FreeTtsVoicePool(1);

    private final FreeTtsVoicePool voices = VOICES;

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
        var synthesis = new OfflineSynthesis();
        Thread.ofVirtual().name("offline-tts").start(() -> run(text, sampleRate, sink, synthesis));
        return synthesis;
    }

    private void run(String text, int sampleRate, AudioSink sink, OfflineSynthesis synthesis) {
        try {
            var voice = voices.borrow();
            try {
                voice.setAudioPlayer(new SinkAudioPlayer(sampleRate, synthesis.guard(sink)));
                if (!synthesis.isCancelled()) {
                    voice.speak(text);
                }
            } finally {
                voices.release(voice);
            }
            synthesis.completion().complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synthesis.completion().completeExceptionally(
                    new SpeechFailure(SpeechFailure.Kind.UNAVAILABLE, "offline synthesis interrupted", e));
        } catch (RuntimeException e) {
            synthesis.completion().completeExceptionally(
                    new SpeechFailure(SpeechFailure.Kind.SERVER_ERROR, "offline synthesis failed: " + e.getMessage(), e));
        }
    }

    /** A synthesis in flight; cancelling stops delivery at once and completes normally, as barge-in is no error. */
    private static final class OfflineSynthesis implements Synthesis {

        private final CompletableFuture<Void> completion = new CompletableFuture<>();
        private boolean cancelled;

        @Override
        public CompletableFuture<Void> completion() {
            return completion;
        }

        @Override
        public void cancel() {
            synchronized (this) {
                cancelled = true;
            }
            completion.complete(null);
        }

        synchronized boolean isCancelled() {
            return cancelled;
        }

        /** Delivery and cancel share the lock, so no chunk reaches the sink after cancel() returned. */
        SinkAudioPlayer.ChunkSink guard(AudioSink sink) {
            return pcm -> {
                synchronized (this) {
                    if (cancelled) {
                        return false;
                    }
                    sink.onAudio(pcm);
                    return true;
                }
            };
        }
    }
}
