package dev.vaani.speech.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechStreamSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Runs with or without the Debian packages: a server without them must start and say how to fix it. */
class PocketSphinxInstallationTest {

    @Test
    void aMissingModelIsReportedAsUnavailableWithTheInstallCommand() {
        var missing = PocketSphinxInstallation.probe(Path.of("/nonexistent/pocketsphinx/model"));
        var events = new CopyOnWriteArrayList<SpeechEvent>();

        try (var stream = new PocketSphinxSpeechToText(missing, List.of()).open(
                new SpeechStreamSettings(8000, "en-IN", List.of(), "missing"), events::add)) {
            stream.sendAudio(new byte[320], 0, 320);
        }

        assertThat(missing.available()).isFalse();
        assertThat(events).singleElement().isInstanceOfSatisfying(SpeechEvent.Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SpeechFailure.Kind.UNAVAILABLE);
            assertThat(failure.message()).contains("apt-get install -y libpocketsphinx3 pocketsphinx-en-us");
        });
    }
}
