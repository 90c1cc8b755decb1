package dev.vaani.speech;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks with the primary synthesiser (the cloud one) and, when it fails before producing any audio for a
 * sentence, says the same sentence with the fallback (the offline one): the caller hears a plainer voice instead
 * of silence.
 *
 * <p>Shape and concurrency rule shared by every {@code Fallback*} wrapper: the wrapper is stateless; each call's (or
 * request's) switching object holds which delegate is active and what the caller has already got from it. The
 * provider calls back on its own thread while the call acts on its own, so that state is read and changed only
 * under the switching object's lock, and delegates are called outside the lock (a delegate may call back on the
 * calling thread, or wait on its own thread).
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
        SwitchingSynthesis synthesis = new SwitchingSynthesis(text, language, sampleRate, sink);
        synthesis.started(primary.synthesize(text, language, sampleRate, synthesis::onPrimaryAudio));
        return synthesis;
    }

    /** One sentence: the primary's audio passed on, or the whole sentence again from the fallback. */
    private final class SwitchingSynthesis implements Synthesis {
        private final String text;
        private final String language;
        private final int sampleRate;
        private final AudioSink sink;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        /** Guarded by this. */
        private Synthesis current;
        /** Guarded by this. */
        private boolean delivered;
        /** Guarded by this. */
        private boolean cancelled;

        SwitchingSynthesis(String text, String language, int sampleRate, AudioSink sink) {
            this.text = text;
            this.language = language;
            this.sampleRate = sampleRate;
            this.sink = sink;
        }

        void started(Synthesis first) {
            synchronized (this) {
                current = first;
            }
            first.completion().whenComplete((ignored, error) -> onPrimaryDone(error));
        }

        private void onPrimaryAudio(byte[] pcm) {
            synchronized (this) {
                delivered = true;
            }
            sink.onAudio(pcm);
        }

        private void onPrimaryDone(Throwable error) {
            boolean replace;
            synchronized (this) {
                replace = error != null && !cancelled && !delivered;
            }
            if (!replace) {
                if (error == null || isCancelled()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(error);
                }
                return;
            }
            log.warn("{} failed ({}); speaking with {} instead", primary.name(), error.getMessage(), fallback.name());
            Synthesis second = fallback.synthesize(text, language, sampleRate, sink);
            boolean cancelledMeanwhile;
            synchronized (this) {
                current = second;
                cancelledMeanwhile = cancelled;
            }
            if (cancelledMeanwhile) {
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

        private synchronized boolean isCancelled() {
            return cancelled;
        }

        @Override
        public CompletableFuture<Void> completion() {
            return done;
        }

        @Override
        public void cancel() {
            Synthesis synthesis;
            synchronized (this) {
                cancelled = true;
                synthesis = current;
            }
            if (synthesis != null) {
                synthesis.cancel();
            }
            done.complete(null);
        }
    }
}
