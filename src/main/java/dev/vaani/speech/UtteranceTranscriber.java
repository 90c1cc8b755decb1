package dev.vaani.speech;

/**
 * Transcribes one whole utterance of PCM16LE mono audio in a single blocking request: the fallback when a streaming
 * recogniser is lost mid-utterance.
 */
@FunctionalInterface
public interface UtteranceTranscriber {

    /** Returns the transcript ("" for silence) or throws a {@link SpeechFailure}. */
    String transcribe(byte[] pcm, SpeechStreamSettings settings);
}
