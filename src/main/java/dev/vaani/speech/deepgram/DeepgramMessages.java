package dev.vaani.speech.deepgram;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.speech.SpeechEvent;
import java.util.Optional;

/** Turns Deepgram server messages into speech events. Metadata and unknown types carry nothing for the call. */
final class DeepgramMessages {

    static final String KEEP_ALIVE = "{\"type\":\"KeepAlive\"}";
    static final String FINALIZE = "{\"type\":\"Finalize\"}";
    static final String CLOSE_STREAM = "{\"type\":\"CloseStream\"}";

    private static final JsonMapper JSON = new JsonMapper();

    private DeepgramMessages() {}

    /** The message's type, or "" when it is not a JSON object with one. */
    static String type(JsonNode message) {
        return message.path("type").asString("");
    }

    static JsonNode parse(String text) {
        return JSON.readTree(text);
    }

    /**
     * Results map to Interim or Final. An empty transcript is dropped, except an empty final with speech_final: the
     * endpoint fired on silence after the words were already finalised, and the conversation must still learn that the
     * caller stopped talking, so it becomes {@code Final("", true)}; and an empty final from_finalize, Deepgram's
     * answer to our Finalize when it made out no words, which the call waits for to end the turn.
     */
    static Optional<SpeechEvent> toEvent(JsonNode message) {
        return switch (type(message)) {
            case "Results" -> results(message);
            case "UtteranceEnd" -> Optional.of(new SpeechEvent.UtteranceEnd());
            case "SpeechStarted" -> Optional.of(new SpeechEvent.SpeechStarted());
            default -> Optional.empty();
        };
    }

    private static Optional<SpeechEvent> results(JsonNode message) {
        String transcript = message.path("channel").path("alternatives").path(0).path("transcript").asString("").strip();
        boolean isFinal = message.path("is_final").asBoolean(false);
        boolean speechFinal = message.path("speech_final").asBoolean(false);
        if (!isFinal) {
            return transcript.isEmpty() ? Optional.empty() : Optional.of(new SpeechEvent.Interim(transcript));
        }
        if (transcript.isEmpty()) {
            boolean answersFinalize = message.path("from_finalize").asBoolean(false);
            return speechFinal || answersFinalize ? Optional.of(new SpeechEvent.Final("", true)) : Optional.empty();
        }
        return Optional.of(new SpeechEvent.Final(transcript, speechFinal));
    }
}
