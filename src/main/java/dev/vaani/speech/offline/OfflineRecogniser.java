package dev.vaani.speech.offline;

import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechListener;
import dev.vaani.speech.SpeechStreamSettings;
import dev.vaani.speech.SpeechToText;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The offline recogniser as calls see it, whether or not its Debian packages are installed yet. While they are
 * missing every stream fails at once with the install command; the installation is looked for again each time a
 * call opens a stream (two file checks), so packages installed while the server runs are used by the next call,
 * without a restart. Once found, the engine is built once and kept.
 */
public final class OfflineRecogniser implements SpeechToText {

    private final Supplier<Optional<String>> probe;
    private final Supplier<SpeechToText> engineFactory;
    private volatile SpeechToText engine;

    /**
     * @param probe         empty when the engine can run here, else what is missing and how to install it
     * @param engineFactory builds the engine; called once, after the probe first comes back empty
     */
    public OfflineRecogniser(Supplier<Optional<String>> probe, Supplier<SpeechToText> engineFactory) {
        this.probe = probe;
        this.engineFactory = engineFactory;
    }

    /** PocketSphinx from Debian's packages. */
    public static OfflineRecogniser pocketSphinx() {
        return new OfflineRecogniser(() -> PocketSphinxInstallation.detect().problem(), PocketSphinxSpeechToText::new);
    }

    /** Empty when offline recognition works now, else what is missing and the command that installs it. */
    public Optional<String> problem() {
        return engine() == null ? Optional.of(probe.get().orElse("offline recogniser not ready")) : Optional.empty();
    }

    @Override
    public String name() {
        return engine() == null ? "unavailable" : "offline";
    }

    @Override
    public Stream open(SpeechStreamSettings settings, SpeechListener listener) {
        SpeechToText ready = engine();
        if (ready != null) {
            return ready.open(settings, listener);
        }
        String reason = probe.get().orElse("offline recogniser not ready");
        listener.onEvent(new SpeechEvent.Failure(SpeechFailure.Kind.UNAVAILABLE, reason, false));
        return new ClosedStream();
    }

    private SpeechToText engine() {
        SpeechToText ready = engine;
        if (ready == null && probe.get().isEmpty()) {
            synchronized (this) {
                if (engine == null) {
                    engine = engineFactory.get();
                }
                ready = engine;
            }
        }
        return ready;
    }

    private static final class ClosedStream implements Stream {
        @Override
        public void sendAudio(byte[] pcm, int offset, int length) {
        }

        @Override
        public void finalizeUtterance() {
        }

        @Override
        public void close() {
        }
    }
}
