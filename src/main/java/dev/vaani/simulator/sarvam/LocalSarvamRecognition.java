package dev.vaani.simulator.sarvam;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.java_websocket.WebSocket;

/**
 * One recognition connection of the simulated Sarvam: Sarvam's messages ({@code {"audio":{"data","encoding",
 * "sample_rate"}}} and {@code {"type":"flush"}} in; {@code events} START_SPEECH / END_SPEECH and one {@code data}
 * message per utterance out). An energy detector over 10 ms blocks finds the utterances; each is "transcribed" as the
 * next scripted caller line (empty once the lines run out). Scripted, not recognised.
 */
final class LocalSarvamRecognition {

    private static final JsonMapper JSON = new JsonMapper();
    /** RMS of a 10 ms block that counts as speech (a quiet line stays below it). */
    private static final int SPEECH_RMS = 500;
    /** Silence that ends an utterance; longer than the pauses inside a sentence. */
    private static final int END_SILENCE_MS = 700;

    private final WebSocket conn;
    private final int sampleRate;
    private final String language;
    private final List<String> lines;
    private final LocalSarvam owner;
    private final int blockSamples;

    private int nextLine;
    private int samplesInBlock;
    private double sumOfSquares;
    private long audioMs;
    private long speechStartMs;
    private long silenceMs;
    private boolean inSpeech;

    LocalSarvamRecognition(WebSocket conn, Map<String, String> query, List<String> lines, LocalSarvam owner) {
        this.conn = conn;
        this.sampleRate = Integer.parseInt(query.getOrDefault("sample_rate", "16000"));
        this.language = query.getOrDefault("language-code", "hi-IN");
        this.lines = lines;
        this.owner = owner;
        this.blockSamples = sampleRate / 100;
    }

    synchronized void onMessage(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            error("Could not parse message as JSON");
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
            error("Message must carry audio or be a flush");
            return;
        }
        byte[] pcm;
        try {
            pcm = Base64.getDecoder().decode(audio.path("data").asString(""));
        } catch (IllegalArgumentException e) {
            error("audio.data is not valid base64");
            return;
        }
        onAudio(pcm);
    }

    /** Sums squares sample by sample into 10 ms blocks: no buffer copies. */
    private void onAudio(byte[] pcm) {
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            double sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            sumOfSquares += sample * sample;
            if (++samplesInBlock == blockSamples) {
                onBlock(Math.sqrt(sumOfSquares / blockSamples));
                samplesInBlock = 0;
                sumOfSquares = 0;
            }
        }
    }

    private void onBlock(double rms) {
        audioMs += 10;
        if (rms >= SPEECH_RMS) {
            silenceMs = 0;
            if (!inSpeech) {
                inSpeech = true;
                speechStartMs = audioMs - 10;
                send(event("START_SPEECH"));
            }
        } else if (inSpeech) {
            silenceMs += 10;
            if (silenceMs >= END_SILENCE_MS) {
                endUtterance();
            }
        }
    }

    private void endUtterance() {
        inSpeech = false;
        send(event("END_SPEECH"));
        String transcript = nextLine < lines.size() ? lines.get(nextLine++) : "";
        owner.log("caller said (scripted): " + (transcript.isEmpty() ? "(no scripted line left)" : transcript));
        ObjectNode data = JSON.createObjectNode()
                .put("request_id", requestId())
                .put("transcript", transcript)
                .putNull("timestamps")
                .putNull("diarized_transcript")
                .put("language_code", "unknown".equals(language) ? "hi-IN" : language)
                .put("language_probability", 1.0);
        data.putObject("metrics").put("audio_duration", (audioMs - speechStartMs) / 1000.0)
                .put("processing_latency", 0.0);
        ObjectNode message = JSON.createObjectNode().put("type", "data");
        message.set("data", data);
        send(message.toString());
    }

    private static String event(String signal) {
        ObjectNode message = JSON.createObjectNode().put("type", "events");
        message.putObject("data").put("event_type", "vad").put("signal_type", signal)
                .put("occured_at", Instant.now().toEpochMilli() / 1000.0);
        return message.toString();
    }

    private void error(String text) {
        ObjectNode message = JSON.createObjectNode().put("type", "error");
        message.putObject("data").put("error", text).put("code", "invalid_request_error");
        send(message.toString());
    }

    private void send(String text) {
        if (conn.isOpen()) {
            conn.send(text);
        }
    }

    static String requestId() {
        return "local_" + UUID.randomUUID();
    }
}
