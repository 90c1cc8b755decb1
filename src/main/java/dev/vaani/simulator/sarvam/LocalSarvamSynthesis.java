package dev.vaani.simulator.sarvam;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import dev.vaani.speech.offline.EspeakVoice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import org.java_websocket.WebSocket;

/**
 * One synthesis connection of the simulated Sarvam: {@code config} first (target_language_code, speaker,
 * speech_sample_rate), then {@code text} and {@code flush}; each flush is answered with base64 PCM16LE {@code audio}
 * messages of 100 ms and, as Sarvam does with {@code send_completion_event=true}, a {@code final} event. Speaks
 * through espeak-ng (Hindi voice for hi-IN, English otherwise) on a virtual thread; a tone when espeak-ng is missing.
 */
final class LocalSarvamSynthesis {

    private static final JsonMapper JSON = new JsonMapper();
    private static final int TONE_MS_PER_CHAR = 60;

    private final WebSocket conn;
    private final Optional<EspeakVoice> hindi;
    private final LocalSarvam owner;
    private final StringBuilder text = new StringBuilder();
    private JsonNode config;
    private volatile boolean closed;

    LocalSarvamSynthesis(WebSocket conn, Optional<EspeakVoice> hindi, LocalSarvam owner) {
        this.conn = conn;
        this.hindi = hindi;
        this.owner = owner;
    }

    void close() {
        closed = true;
    }

    synchronized void onMessage(String raw) {
        JsonNode message;
        try {
            message = JSON.readTree(raw);
        } catch (tools.jackson.core.JacksonException e) {
            error("Could not parse message as JSON");
            return;
        }
        String type = message.path("type").asString("");
        if (config == null && !type.equals("config") && !type.equals("ping")) {
            error("The first message must be a config message");
            return;
        }
        switch (type) {
            case "config" -> config = message.path("data");
            case "text" -> text.append(message.path("data").path("text").asString(""));
            case "flush" -> flush();
            case "ping" -> send("{\"type\":\"pong\"}");
            default -> error("Unknown message type: " + type);
        }
    }

    private void flush() {
        String sentence = text.toString().strip();
        text.setLength(0);
        if (sentence.isEmpty()) {
            return;
        }
        int rate = config.path("speech_sample_rate").asInt(24000);
        String language = config.path("target_language_code").asString("hi-IN");
        owner.log("bot says (" + language + "): " + sentence);
        Thread.ofVirtual().name("local-sarvam-tts").start(() -> speak(sentence, language, rate));
    }

    private void speak(String sentence, String language, int rate) {
        byte[] pcm = render(sentence, language, rate);
        int chunk = rate / 10 * 2;
        for (int offset = 0; offset < pcm.length && !closed; offset += chunk) {
            int n = Math.min(chunk, pcm.length - offset);
            ObjectNode message = JSON.createObjectNode().put("type", "audio");
            message.putObject("data").put("content_type", "audio/pcm")
                    .put("audio", Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(pcm, offset, offset + n)))
                    .put("request_id", LocalSarvamRecognition.requestId());
            send(message.toString());
        }
        send("{\"type\":\"event\",\"data\":{\"event_type\":\"final\"}}");
    }

    private byte[] render(String sentence, String language, int rate) {
        Optional<EspeakVoice> voice = language.startsWith("hi") ? hindi : EspeakVoice.locate("en");
        if (voice.isPresent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                voice.get().speak(sentence, rate, chunk -> {
                    out.write(chunk, 0, chunk.length);
                    return !closed;
                });
                return out.toByteArray();
            } catch (IOException e) {
                owner.log("espeak-ng failed (" + e.getMessage() + "); a tone instead");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return tone(sentence.length() * TONE_MS_PER_CHAR, rate);
    }

    private static byte[] tone(int ms, int rate) {
        int samples = rate * Math.max(200, ms) / 1000;
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short value = (short) (4000 * Math.sin(2 * Math.PI * 220 * i / rate));
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }

    private void error(String message) {
        ObjectNode error = JSON.createObjectNode().put("type", "error");
        error.putObject("data").put("message", message).put("code", "invalid_request_error");
        send(error.toString());
    }

    private void send(String message) {
        if (conn.isOpen()) {
            conn.send(message);
        }
    }
}
