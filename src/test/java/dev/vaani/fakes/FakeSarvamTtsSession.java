package dev.vaani.fakes;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;

/**
 * One fake Sarvam synthesis connection. The first message must be {@code config} (language, speaker, sample rate,
 * codec); {@code text} messages are buffered; {@code flush} makes the buffered text into audio: a ramp waveform
 * ({@code ttsMsPerChar} ms per character) at {@code speech_sample_rate}, sent as base64 {@code audio} messages of
 * {@code ttsChunkMs} each, then {@code {"type":"event","data":{"event_type":"final"}}}.
 */
final class FakeSarvamTtsSession {

    private static final JsonMapper JSON = new JsonMapper();
    private static final Set<Integer> RATES = Set.of(8000, 16000, 22050, 24000);
    private static final Set<String> LANGUAGES = Set.of("bn-IN", "en-IN", "gu-IN", "hi-IN", "kn-IN", "ml-IN", "mr-IN",
            "od-IN", "pa-IN", "ta-IN", "te-IN");

    private final FakeSarvam owner;
    private final WebSocket conn;
    private final boolean completionEvent;
    private final int dropAfterChunks;
    private final StringBuilder text = new StringBuilder();

    private JsonNode config;
    private int chunksSent;
    private volatile boolean clientClosed;

    FakeSarvamTtsSession(FakeSarvam owner, WebSocket conn, Map<String, String> query, int dropAfterChunks) {
        this.owner = owner;
        this.conn = conn;
        this.completionEvent = Boolean.parseBoolean(query.getOrDefault("send_completion_event", "false"));
        this.dropAfterChunks = dropAfterChunks;
    }

    void clientClosed() {
        clientClosed = true;
    }

    synchronized void onMessage(String raw) {
        if (clientClosed) {
            owner.messagesAfterCancel.incrementAndGet();
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(raw);
        } catch (JacksonException e) {
            error("invalid_request_error", "Could not parse message as JSON");
            return;
        }
        String type = message.path("type").asString("");
        if (config == null && !type.equals("config") && !type.equals("ping")) {
            error("invalid_request_error", "The first message must be a config message");
            return;
        }
        switch (type) {
            case "config" -> configure(message.path("data"));
            case "text" -> text.append(message.path("data").path("text").asString(""));
            case "flush" -> flush();
            case "ping" -> send("{\"type\":\"pong\"}");
            default -> error("invalid_request_error", "Unknown message type: " + type);
        }
    }

    private void configure(JsonNode data) {
        int rate = data.path("speech_sample_rate").asInt(24000);
        String language = data.path("target_language_code").asString("");
        if (!RATES.contains(rate)) {
            error("invalid_request_error", "speech_sample_rate must be one of 8000, 16000, 22050, 24000 for streaming");
            return;
        }
        if (!LANGUAGES.contains(language)) {
            error("invalid_request_error", "target_language_code : Input should be one of " + LANGUAGES);
            return;
        }
        if (data.path("speaker").asString("").isBlank()) {
            error("invalid_request_error", "speaker : Field required");
            return;
        }
        config = data;
        owner.ttsConfigs.add(data);
    }

    private void flush() {
        String sentence = text.toString();
        text.setLength(0);
        if (sentence.isBlank()) {
            return;
        }
        owner.ttsTexts.add(sentence);
        if (config != null) {
            owner.ttsLanguages.put(sentence, config.path("target_language_code").asString());
        }
        if (owner.ttsSilentAfterConfig) {
            return;
        }
        if (owner.ttsErrorCode != null && owner.ttsErrorTimes > 0) {
            owner.ttsErrorTimes--;
            error(owner.ttsErrorCode, switch (owner.ttsErrorCode) {
                case "rate_limit_exceeded_error" -> "Rate limit exceeded";
                case "insufficient_quota_error" -> "Insufficient credits";
                case "invalid_request_error" -> "text : String should have at most 2500 characters";
                default -> "Internal server error";
            });
            return;
        }
        int rate = config.path("speech_sample_rate").asInt();
        int samples = rate * Math.max(200, sentence.length() * owner.ttsMsPerChar) / 1000;
        ByteBuffer audio = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            audio.putShort((short) ((i * 37) % 16000 - 8000)); // a ramp: any reordering or loss shows
        }
        int chunkBytes = rate * owner.ttsChunkMs / 1000 * 2;
        byte[] all = audio.array();
        sendChunk(all, 0, chunkBytes);
    }

    private void sendChunk(byte[] all, int offset, int chunkBytes) {
        synchronized (this) {
            if (clientClosed || !conn.isOpen()) {
                return;
            }
            if (offset >= all.length) {
                if (completionEvent) {
                    send("{\"type\":\"event\",\"data\":{\"event_type\":\"final\"}}");
                }
                return;
            }
            if (dropAfterChunks >= 0 && chunksSent >= dropAfterChunks) {
                owner.drop(conn);
                return;
            }
            int n = Math.min(chunkBytes, all.length - offset);
            byte[] chunk = java.util.Arrays.copyOfRange(all, offset, offset + n);
            ObjectNode message = JSON.createObjectNode().put("type", "audio");
            message.putObject("data").put("content_type", "audio/pcm")
                    .put("audio", Base64.getEncoder().encodeToString(chunk))
                    .put("request_id", FakeSarvam.requestId());
            send(message.toString());
            owner.ttsAudioSent.add(chunk);
            chunksSent++;
        }
        long interval = owner.ttsChunkIntervalMs;
        owner.sender.schedule(() -> sendChunk(all, offset + chunkBytes, chunkBytes), interval, TimeUnit.MILLISECONDS);
    }

    private void error(String code, String text) {
        ObjectNode message = JSON.createObjectNode().put("type", "error");
        message.putObject("data").put("message", text).put("code", code);
        send(message.toString());
    }

    private void send(String text) {
        if (conn.isOpen()) {
            conn.send(text);
        }
    }
}
