package dev.vaani.speech;

/** What a recognition stream reports, in the order it happens. */
public sealed interface SpeechEvent {

    /** The recogniser heard the caller start speaking (VAD event on the provider side). */
    record SpeechStarted() implements SpeechEvent {}

    /** A provisional transcript of the current span; later events supersede it. */
    record Interim(String text) implements SpeechEvent {}

    /**
     * A final transcript of a span. {@code endOfSpeech} is true when the recogniser also decided the caller finished
     * (Deepgram's speech_final).
     */
    record Final(String text, boolean endOfSpeech) implements SpeechEvent {}

    /** The recogniser decided the utterance ended (Deepgram's UtteranceEnd) without a new final. */
    record UtteranceEnd() implements SpeechEvent {}

    /** The stream failed; {@code recoverable} says whether reopening may help. */
    record Failure(SpeechFailure.Kind kind, String message, boolean recoverable) implements SpeechEvent {}
}
