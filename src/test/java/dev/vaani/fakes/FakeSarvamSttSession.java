package dev.vaani.fakes;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.java_websocket.WebSocket;

/**
 * One fake Sarvam recognition connection: decodes each {@code {"audio":{...}}} message, runs a 10 ms-block energy VAD
 * over the audio and, like Sarvam's own VAD, reports START_SPEECH, END_SPEECH after {@code endSilenceMs} of silence,
 * then one {@code data} message with the utterance's transcript. A {@code flush} ends the current utterance at once.
 */
final class FakeSarvamSttSession {

    private static final JsonMapper JSON = new JsonMapper();
    private static final int SPEECH_RMS = 500;

    private final FakeSarvam owner;
    private final WebSocket conn;
    private final int sampleRate;
    private final String mode;
    private final String language;
    private final long errorAfterMs;
    private final String errorCode;
    private final long dropAfterMs;
    private final ByteBuffer block;

    private long audioMs;
    private boolean inSpeech;
    private long speechStartMs;
    private long silenceMs;
    private boolean gone;

    FakeSarvamSttSession(FakeSarvam owner, WebSocket conn, Map<String, String> query, long errorAfterMs,
                         String errorCode, long dropAfterMs) {
        this.owner = owner;
        this.conn = conn;
        this.sampleRate = Integer.parseInt(query.getOrDefault("sample_rate", "16000"));
        this.mode = query.getOrDefault("mode", "transcribe");
        this.language = query.get("language-code");
        this.errorAfterMs = errorAfterMs;
        this.errorCode = errorCode;
        this.dropAfterMs = dropAfterMs;
        this.block = ByteBuffer.allocate(sampleRate / 100 * 2).order(ByteOrder.LITTLE_ENDIAN);
    }

    synchronized void onMessage(String text) {
        if (gone) {
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JacksonException e) {
            error("invalid_request_error", "Could not parse message as JSON");
            return;
        }
        if ("flush".equals(message.path("type").asString(""))) {
            if (inSpeech) {
                endUtterance();
            }
            return;
        }
        JsonNode audio = message.path("audio");
        if (!audio.isObject()) {
            error("invalid_request_error", "Message must carry audio or be a flush");
            return;
        }
        if (!"audio/wav".equals(audio.path("encoding").asString(""))
                || Integer.parseInt(audio.path("sample_rate").asString("0")) != sampleRate) {
            error("invalid_request_error", "audio.encoding must be audio/wav and audio.sample_rate the connection's");
            return;
        }
        byte[] pcm;
        try {
            pcm = Base64.getDecoder().decode(audio.path("data").asString(""));
        } catch (IllegalArgumentException e) {
            error("invalid_request_error", "audio.data is not valid base64");
            return;
        }
        onAudio(ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN));
    }

    private void onAudio(ByteBuffer audio) {
        while (audio.hasRemaining() && !gone) {
            int n = Math.min(block.remaining(), audio.remaining());
            block.put(audio.slice(audio.position(), n));
            audio.position(audio.position() + n);
            if (!block.hasRemaining()) {
                block.flip();
                onBlock(rms(block));
                block.clear();
            }
        }
    }

    private void onBlock(double rms) {
        audioMs += 10;
        if (errorAfterMs >= 0 && audioMs >= errorAfterMs) {
            error(errorCode, "Injected failure");
            // Sarvam closes after its error message. Closing at once would let the client's audio still in flight
            // meet a closed socket, whose reset can wipe the error message before the client reads it: a race of
            // the loopback, not of the protocol. The client aborts on the error; the fake closes if it did not.
            owner.sender.schedule(() -> conn.close(1011, "internal error"), 1, java.util.concurrent.TimeUnit.SECONDS);
            gone = true;
            return;
        }
        if (dropAfterMs >= 0 && audioMs >= dropAfterMs) {
            gone = true;
            owner.drop(conn);
            return;
        }
        if (rms >= SPEECH_RMS) {
            silenceMs = 0;
            if (!inSpeech) {
                inSpeech = true;
                speechStartMs = audioMs - 10;
                send(event("START_SPEECH"));
            }
        } else if (inSpeech) {
            silenceMs += 10;
            if (silenceMs >= owner.endSilenceMs) {
                endUtterance();
            }
        }
    }

    private void endUtterance() {
        inSpeech = false;
        send(event("END_SPEECH"));
        FakeSarvam.Said said = owner.script.poll();
        ObjectNode data = JSON.createObjectNode()
                .put("request_id", FakeSarvam.requestId())
                .put("transcript", said == null ? "" : said.in(mode))
                .putNull("timestamps")
                .putNull("diarized_transcript")
                .put("language_code", "unknown".equals(language) ? "hi-IN" : language)
                .put("language_probability", 0.97);
        data.putObject("metrics").put("audio_duration", (audioMs - speechStartMs) / 1000.0)
                .put("processing_latency", 0.12);
        ObjectNode message = JSON.createObjectNode().put("type", "data");
        message.set("data", data);
        send(message.toString());
    }

    private String event(String signal) {
        ObjectNode message = JSON.createObjectNode().put("type", "events");
        message.putObject("data").put("event_type", "vad").put("signal_type", signal)
                .put("occured_at", Instant.now().toEpochMilli() / 1000.0);
        return message.toString();
    }

    private void error(String code, String text) {
        ObjectNode message = JSON.createObjectNode().put("type", "error");
        message.putObject("data").put("error", text).put("code", code);
        send(message.toString());
    }

    private void send(String text) {
        if (conn.isOpen()) {
            conn.send(text);
        }
    }

    private static double rms(ByteBuffer pcm) {
        double sum = 0;
        int n = pcm.remaining() / 2;
        for (int i = 0; i < n; i++) {
            double s = pcm.getShort(i * 2);
            sum += s * s;
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }
}
