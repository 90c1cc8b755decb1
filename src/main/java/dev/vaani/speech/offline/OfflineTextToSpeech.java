package dev.vaani.speech.offline;

import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.TextToSpeech;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline synthesis with FreeTTS and its bundled kevin16 voice: pure Java from Maven Central, so it needs no
 * system package. The voice renders at 16 kHz natively; audio is resampled to the rate each call asks for.
 * Hindi sentences (language "hi", Devanagari) go to espeak-ng's Hindi voice when the espeak-ng package is installed
 * (scripts/install-offline-speech.sh); without it they are read by the English voice, and start-up says so.
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
    /**
     * The voice speaks on a platform thread of its own: its work is CPU, and it reads its voice data from the jar
     * under the jar's lock, which a virtual thread could hold while waiting for a carrier (VaaniApplication).
     */
    private static final ExecutorService RENDERER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("offline-tts").factory());

    private static final Logger log = LoggerFactory.getLogger(OfflineTextToSpeech.class);

    private final FreeTtsVoicePool voices = VOICES;
    private final Optional<EspeakVoice> hindi;

    public OfflineTextToSpeech() {
        this(EspeakVoice.locate("hi"));
        if (hindi.isEmpty()) {
            log.warn("Offline Hindi voice unavailable: espeak-ng with its Hindi voice is not installed "
                    + "(run scripts/install-offline-speech.sh); Hindi replies will be read by the English voice");
        } else {
            log.info("Offline Hindi voice: espeak-ng -v hi");
        }
    }

    /** @param hindi the voice for Hindi sentences, or empty to read them with the English voice */
    public OfflineTextToSpeech(Optional<EspeakVoice> hindi) {
        this.hindi = hindi;
    }

    /** Whether Hindi sentences get a Hindi voice. */
    public boolean speaksHindi() {
        return hindi.isPresent();
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public Synthesis synthesize(String text, String language, int sampleRate, AudioSink sink) {
        if (hindi.isEmpty() || language == null || !language.equals("hi")) {
            return synthesize(text, sampleRate, sink);
        }
        var synthesis = new OfflineSynthesis();
        Thread.ofVirtual().name("offline-tts-hi").start(() -> {
            try {
                hindi.get().speak(text, sampleRate, synthesis.guard(sink)::deliver);
                synthesis.completion().complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synthesis.completion().completeExceptionally(
                        new SpeechFailure(SpeechFailure.Kind.UNAVAILABLE, "offline Hindi synthesis interrupted", e));
            } catch (IOException | RuntimeException e) {
                synthesis.completion().completeExceptionally(new SpeechFailure(SpeechFailure.Kind.SERVER_ERROR,
                        "offline Hindi synthesis failed: " + e.getMessage(), e));
            }
        });
        return synthesis;
    }

    @Override
    public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
        var synthesis = new OfflineSynthesis();
        RENDERER.execute(() -> run(text, sampleRate, sink, synthesis));
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
