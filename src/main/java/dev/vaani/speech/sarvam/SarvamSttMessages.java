package dev.vaani.speech.sarvam;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.speech.SpeechEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The wire format of Sarvam's streaming recogniser ({@code GET /speech-to-text/ws}), see docs/providers-sarvam.md.
 * Client messages are JSON text frames: {@code {"audio":{"data":"<base64>","sample_rate":"8000","encoding":"audio/wav"}}}
 * and {@code {"type":"flush"}}. Server messages: {@code {"type":"data","data":{"transcript",...}}} (one final
 * transcript per utterance), {@code {"type":"events","data":{"signal_type":"START_SPEECH"|"END_SPEECH"}}} and
 * {@code {"type":"error","data":{"error"|"message","code"}}}.
 */
final class SarvamSttMessages {

    static final String FLUSH = "{\"type\":\"flush\"}";

    private static final JsonMapper JSON = new JsonMapper();

    private SarvamSttMessages() {}

    static URI streamingUri(SarvamSettings settings, SarvamLanguage language, int sampleRate) {
        StringBuilder query = new StringBuilder("/speech-to-text/ws?language-code=").append(encode(language.code()))
                .append("&model=").append(encode(settings.sttModel()));
        if (language.mode() != null) {
            query.append("&mode=").append(encode(language.mode()));
        }
        query.append("&sample_rate=").append(sampleRate)
                .append("&input_audio_codec=pcm_s16le")
                .append("&high_vad_sensitivity=true")
                .append("&vad_signals=true")
                .append("&flush_signal=true");
        return settings.webSocket(query.toString());
    }

    /** One audio message: raw PCM16LE, base64 in JSON (Sarvam's socket takes no binary frames). */
    static String audio(byte[] pcm, int length, int sampleRate) {
        String data = Base64.getEncoder().encodeToString(length == pcm.length ? pcm : java.util.Arrays.copyOf(pcm, length));
        return new StringBuilder(data.length() + 80).append("{\"audio\":{\"data\":\"").append(data)
                .append("\",\"sample_rate\":\"").append(sampleRate).append("\",\"encoding\":\"audio/wav\"}}").toString();
    }

    static JsonNode parse(String text) {
        return JSON.readTree(text);
    }

    static String type(JsonNode message) {
        return message.path("type").asString("");
    }

    /** data -> Final (Sarvam's VAD decided the utterance ended), START_SPEECH -> SpeechStarted. */
    static Optional<SpeechEvent> toEvent(JsonNode message) {
        JsonNode data = message.path("data");
        return switch (type(message)) {
            case "data" -> {
                String transcript = data.path("transcript").asString("").strip();
                yield Optional.of(transcript.isEmpty() ? new SpeechEvent.UtteranceEnd()
                        : new SpeechEvent.Final(transcript, true));
            }
            case "events" -> "START_SPEECH".equals(data.path("signal_type").asString(""))
                    ? Optional.of(new SpeechEvent.SpeechStarted()) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
