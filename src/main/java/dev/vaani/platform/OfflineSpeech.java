package dev.vaani.platform;

import dev.vaani.speech.SpeechToText;
import dev.vaani.speech.TextToSpeech;
import dev.vaani.speech.offline.OfflineTextToSpeech;
import dev.vaani.speech.offline.PocketSphinxSpeechToText;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The offline recogniser (PocketSphinx, from Debian) and synthesiser (FreeTTS, pure Java). The synthesiser always
 * works; the recogniser only when its Debian packages are installed ({@code scripts/install-offline-speech.sh}).
 */
@Component
public class OfflineSpeech {

    private final Optional<String> recogniserProblem = PocketSphinxSpeechToText.availability();
    private final SpeechToText recogniser = recogniserProblem.isEmpty() ? new PocketSphinxSpeechToText() : null;
    private final TextToSpeech synthesiser = new OfflineTextToSpeech();

    public Optional<SpeechToText> recogniser() {
        return Optional.ofNullable(recogniser);
    }

    public Optional<TextToSpeech> synthesiser() {
        return Optional.of(synthesiser);
    }

    /** What is missing, with the command that installs it. */
    public String missing() {
        return recogniserProblem.orElse("nothing");
    }
}
