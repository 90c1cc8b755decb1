package dev.vaani.platform;

import dev.vaani.speech.SpeechToText;
import dev.vaani.speech.TextToSpeech;
import dev.vaani.speech.offline.OfflineRecogniser;
import dev.vaani.speech.offline.OfflineTextToSpeech;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The offline recogniser (PocketSphinx, from Debian) and synthesiser (FreeTTS, pure Java). The synthesiser always
 * works; the recogniser once its Debian packages are installed ({@code scripts/install-offline-speech.sh}, which
 * {@link OfflineSpeechInstaller} runs at start-up when it may) — checked again by each call, so no restart is needed.
 */
@Component
public class OfflineSpeech {

    private final OfflineRecogniser recogniser;
    private final TextToSpeech synthesiser = new OfflineTextToSpeech();

    public OfflineSpeech() {
        this(OfflineRecogniser.pocketSphinx());
    }

    OfflineSpeech(OfflineRecogniser recogniser) {
        this.recogniser = recogniser;
    }

    /** Always present: while the packages are missing, its streams fail at once saying how to install them. */
    public Optional<SpeechToText> recogniser() {
        return Optional.of(recogniser);
    }

    public Optional<TextToSpeech> synthesiser() {
        return Optional.of(synthesiser);
    }

    public boolean recogniserAvailable() {
        return recogniser.problem().isEmpty();
    }

    /** What is missing, with the command that installs it. */
    public String missing() {
        return recogniser.problem().orElse("nothing");
    }
}
