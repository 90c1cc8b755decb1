package dev.vaani.speech.sarvam;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The wire format of Sarvam's streaming synthesis socket ({@code GET /text-to-speech/ws}), see
 * docs/providers-sarvam.md. Client: a {@code config} message first, then {@code text}, then {@code flush}. Server:
 * {@code {"type":"audio","data":{"audio":"<base64>"}}} chunks, {@code {"type":"event","data":{"event_type":"final"}}}
 * when all audio was sent (with {@code send_completion_event=true}), or {@code {"type":"error","data":{...}}}.
 */
final class SarvamTtsMessages {

    static final String FLUSH = "{\"type\":\"flush\"}";
    /** linear16 = headerless PCM16LE at speech_sample_rate: no decoding, no resampling on our side. */
    static final String CODEC = "linear16";

    private static final JsonMapper JSON = new JsonMapper();

    private SarvamTtsMessages() {}

    static URI socketUri(SarvamSettings settings) {
        return settings.webSocket("/text-to-speech/ws?model="
                + URLEncoder.encode(settings.ttsModel(), StandardCharsets.UTF_8) + "&send_completion_event=true");
    }

    static String config(SarvamSettings settings, int sampleRate) {
        ObjectNode data = JSON.createObjectNode()
                .put("target_language_code", SarvamLanguage.indian(settings.language()))
                .put("speaker", settings.ttsSpeaker())
                .put("speech_sample_rate", sampleRate)
                .put("output_audio_codec", CODEC);
        return JSON.createObjectNode().put("type", "config").set("data", data).toString();
    }

    static String text(String sentence) {
        ObjectNode message = JSON.createObjectNode().put("type", "text");
        message.putObject("data").put("text", sentence);
        return message.toString();
    }
}
