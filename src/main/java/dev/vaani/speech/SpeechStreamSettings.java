package dev.vaani.speech;

import java.util.List;

/**
 * What a recognition stream needs to know about the call.
 *
 * @param sampleRate    PCM sample rate of the call (8000, 16000 or 24000)
 * @param language      BCP-47 language, e.g. "en-IN", "hi", or "multi" for Hinglish
 * @param expectedPhrases words and phrases the conversation expects (numbers, localities, "lakh", "BHK"...),
 *                      used as keywords / grammar hints where the engine supports them
 * @param callSid       for log correlation only
 */
public record SpeechStreamSettings(int sampleRate, String language, List<String> expectedPhrases, String callSid) {

    public SpeechStreamSettings {
        expectedPhrases = expectedPhrases == null ? List.of() : List.copyOf(expectedPhrases);
    }
}
