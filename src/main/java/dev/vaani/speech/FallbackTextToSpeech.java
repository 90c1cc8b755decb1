package dev.vaani.speech;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks with the primary synthesiser (the cloud one) and, when it fails before producing any audio for a
 * sentence, says the same sentence with the fallback (the offline one): the caller hears a plainer voice instead
 * of silence.
 */
public final class FallbackTextToSpeech implements TextToSpeech {

    private static final Logger log = LoggerFactory.getLogger(FallbackTextToSpeech.class);

    private final TextToSpeech primary;
    private final TextToSpeech fallback;

    public FallbackTextToSpeech(TextToSpeech primary, TextToSpeech fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return primary.name();
    }

    @Override
    public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
        return synthesize(text, null, sampleRate, sink);
    }

    @Override
    public Synthesis synthesize(String text, String language, int sampleRate, AudioSink sink) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicBoolean delivered = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<Synthesis> current = new AtomicReference<>();
        current.set(primary.synthesize(text, language, sampleRate, pcm -> {
            delivered.set(true);
            sink.onAudio(pcm);
        }));
        current.get().completion().whenComplete((ignored, error) -> {
            if (error == null || cancelled.get()) {
                done.complete(null);
            } else if (delivered.get()) {
                done.completeExceptionally(error);
            } else {
                log.warn("{} failed ({}); speaking with {} instead", primary.name(), error.getMessage(), fallback.name());
                Synthesis second = fallback.synthesize(text, language, sampleRate, sink);
                current.set(second);
                if (cancelled.get()) {
                    second.cancel();
                }
                second.completion().whenComplete((ok, secondError) -> {
                    if (secondError == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(secondError);
                    }
                });
            }
        });
        return new Synthesis() {
            @Override
            public CompletableFuture<Void> completion() {
                return done;
            }

            @Override
            public void cancel() {
                cancelled.set(true);
                current.get().cancel();
                done.complete(null);
            }
        };
    }
}
