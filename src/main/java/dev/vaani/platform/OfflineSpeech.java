package dev.vaani.platform;

import dev.vaani.speech.SpeechToText;
import dev.vaani.speech.TextToSpeech;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The offline recogniser and synthesiser, when this machine has what they need. */
@Component
public class OfflineSpeech {

    public Optional<SpeechToText> recogniser() {
        return Optional.empty();
    }

    public Optional<TextToSpeech> synthesiser() {
        return Optional.empty();
    }

    /** What is missing, with the command that installs it. */
    public String missing() {
        return "the offline speech engine is not installed";
    }
}
