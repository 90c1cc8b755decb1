package dev.vaani.speech.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechListener;
import dev.vaani.speech.SpeechStreamSettings;
import dev.vaani.speech.SpeechToText;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Packages installed while the server runs are used by the next call: no restart. */
class OfflineRecogniserTest {

    private static final SpeechStreamSettings SETTINGS = new SpeechStreamSettings(8000, "en-IN", List.of(), "call-1");

    private final AtomicReference<Optional<String>> installation =
            new AtomicReference<>(Optional.of("PocketSphinx not found; install with: apt-get install -y pocketsphinx-en-us"));
    private final AtomicInteger enginesBuilt = new AtomicInteger();
    private final List<SpeechStreamSettings> opened = new CopyOnWriteArrayList<>();
    private final OfflineRecogniser recogniser = new OfflineRecogniser(installation::get, () -> {
        enginesBuilt.incrementAndGet();
        return new RecordingEngine(opened);
    });

    @Test
    void whileThePackagesAreMissingAStreamFailsAtOnceWithTheInstallCommand() {
        var events = new CopyOnWriteArrayList<SpeechEvent>();

        recogniser.open(SETTINGS, events::add).close();

        assertThat(recogniser.name()).isEqualTo("unavailable");
        assertThat(recogniser.problem()).get().asString().contains("apt-get install");
        assertThat(events).singleElement().isInstanceOfSatisfying(SpeechEvent.Failure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SpeechFailure.Kind.UNAVAILABLE));
        assertThat(enginesBuilt).hasValue(0);
    }

    @Test
    void theFirstCallAfterTheInstallUsesTheEngineWithoutARestart() {
        recogniser.open(SETTINGS, event -> { }).close();

        installation.set(Optional.empty()); // the background install finished
        var events = new CopyOnWriteArrayList<SpeechEvent>();
        recogniser.open(SETTINGS, events::add).close();

        assertThat(events).isEmpty();
        assertThat(opened).containsExactly(SETTINGS);
        assertThat(recogniser.name()).isEqualTo("offline");
        assertThat(recogniser.problem()).isEmpty();
    }

    @Test
    void theEngineIsBuiltOnceAndKept() {
        installation.set(Optional.empty());

        recogniser.open(SETTINGS, event -> { }).close();
        recogniser.open(SETTINGS, event -> { }).close();

        assertThat(enginesBuilt).hasValue(1);
        assertThat(opened).hasSize(2);
    }

    private record RecordingEngine(List<SpeechStreamSettings> opened) implements SpeechToText {
        @Override
        public String name() {
            return "offline";
        }

        @Override
        public Stream open(SpeechStreamSettings settings, SpeechListener listener) {
            opened.add(settings);
            return new Stream() {
                @Override
                public void sendAudio(byte[] pcm, int offset, int length) {
                }

                @Override
                public void finalizeUtterance() {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
