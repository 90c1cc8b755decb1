package dev.vaani.fakes;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;

/** One fake Deepgram connection: a 10 ms-block energy VAD over received audio, driving scripted transcripts. */
final class FakeDeepgramSession {

    private static final JsonMapper JSON = new JsonMapper();
    private static final int SPEECH_RMS = 500;
    private static final int BLOCK_MS = 10;

    private final FakeDeepgram owner;
    private final WebSocket conn;
    private final String requestId = UUID.randomUUID().toString();
    private final int blockBytes;
    private final int endpointingMs;
    private final int utteranceEndMs;
    private final long net0001AfterMs;
    private final long dropAfterMs;
    private final ByteBuffer carry;

    private long audioMs;
    private boolean inSpeech;
    private String text = "";
    private long speechStartMs;
    private long silenceMs;
    private long nextInterimMs;
    private int interimWords;
    private long utteranceEndAtMs = -1;
    private double lastWordEnd;
    private long sendNotBefore;
    private boolean gone;
    private final int sampleRate;
    private long samplesSeen;
    private long lastLoudSample = -1;
    private long finalScheduledFor = -1;
    private java.util.concurrent.ScheduledFuture<?> pendingFinal;

    FakeDeepgramSession(FakeDeepgram owner, WebSocket conn, Map<String, String> query, long net0001AfterMs,
                        long dropAfterMs) {
        this.owner = owner;
        this.conn = conn;
        int sampleRate = Integer.parseInt(query.get("sample_rate"));
        this.sampleRate = sampleRate;
        this.blockBytes = sampleRate / 100 * 2;
        this.endpointingMs = Math.max(owner.minEndpointingMs,
                Integer.parseInt(query.getOrDefault("endpointing", "10")));
        this.utteranceEndMs = Integer.parseInt(query.getOrDefault("utterance_end_ms", "-1"));
        this.net0001AfterMs = net0001AfterMs;
        this.dropAfterMs = dropAfterMs;
        this.carry = ByteBuffer.allocate(blockBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    synchronized void onAudio(ByteBuffer audio) {
        if (owner.finalAfterSpeechEndNanos >= 0) {
            trackSpeechEnd(audio.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        }
        while (audio.hasRemaining() && !gone) {
            int n = Math.min(carry.remaining(), audio.remaining());
            ByteBuffer slice = audio.slice(audio.position(), n);
            carry.put(slice);
            audio.position(audio.position() + n);
            if (!carry.hasRemaining()) {
                carry.flip();
                onBlock(rms(carry));
                carry.clear();
            }
        }
    }

    /** Benchmark mode: schedules the final at the wall-clock time of the last loud sample plus the set delay. */
    private void trackSpeechEnd(ByteBuffer audio) {
        long now = System.nanoTime();
        int samples = audio.remaining() / 2;
        int base = audio.position();
        long loud = -1;
        for (int i = 0; i < samples; i++) {
            if (Math.abs(audio.getShort(base + 2 * i)) >= SPEECH_RMS) {
                loud = samplesSeen + i + 1;
            }
        }
        samplesSeen += samples;
        if (loud >= 0) {
            lastLoudSample = loud;
            if (pendingFinal != null) {
                pendingFinal.cancel(false);
                pendingFinal = null;
            }
            finalScheduledFor = -1;
        }
        if (lastLoudSample >= 0 && lastLoudSample < samplesSeen && finalScheduledFor != lastLoudSample) {
            // the message ends in silence: the last loud sample was played (samplesSeen - lastLoud) samples ago
            long endWall = now - (samplesSeen - lastLoudSample) * 1_000_000_000L / sampleRate;
            long at = endWall + owner.finalAfterSpeechEndNanos;
            finalScheduledFor = lastLoudSample;
            pendingFinal = owner.sender.schedule(this::exactFinal, Math.max(0, at - now), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void exactFinal() {
        pendingFinal = null;
        if (inSpeech && !gone) {
            sendFinal(true, false);
        }
    }

    synchronized void onControl(String message) {
        String type = message.replaceAll("(?s).*\"type\"\\s*:\\s*\"(\\w+)\".*", "$1");
        switch (type) {
            case "Finalize" -> {
                if (inSpeech) {
                    sendFinal(false, true);
                } else {
                    send(results("", audioMs / 1000.0, 0, true, false, true), false);
                }
            }
            case "CloseStream" -> {
                if (inSpeech) {
                    sendFinal(true, false);
                }
                send(metadata(), false);
                owner.sender.schedule(() -> conn.close(1000), Math.max(0, sendNotBefore - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            }
            default -> { /* KeepAlive: only resets the server's idle timer */ }
        }
    }

    private void onBlock(double rms) {
        audioMs += BLOCK_MS;
        if (rms > SPEECH_RMS) {
            onSpeechBlock();
            if (inSpeech && !text.isEmpty() && audioMs - speechStartMs >= owner.dropIntoSpeechMs
                    && owner.dropDuringText.compareAndSet(text, null)) {
                gone = true;
                owner.script.offerFirst(text); // not transcribed: a reopened stream hears it again
                owner.reset(conn);
                return;
            }
        } else if (inSpeech) {
            silenceMs += BLOCK_MS;
            if (silenceMs >= endpointingMs && owner.finalAfterSpeechEndNanos < 0) {
                sendFinal(true, false);
            }
        }
        if (utteranceEndAtMs >= 0 && !inSpeech && audioMs >= utteranceEndAtMs) {
            utteranceEndAtMs = -1;
            send(JSON.createObjectNode().put("type", "UtteranceEnd").put("last_word_end", lastWordEnd)
                    .set("channel", channel()), false);
        }
        if (net0001AfterMs >= 0 && audioMs >= net0001AfterMs) {
            gone = true;
            closeAndAwaitReply(1011, FakeDeepgram.NET0001_REASON);
        } else if (dropAfterMs >= 0 && audioMs >= dropAfterMs) {
            gone = true;
            owner.reset(conn);
        }
    }

    /**
     * Starts the closing handshake and leaves the TCP connection to the client's reply. Java-WebSocket's
     * {@code close(code, reason)} drops TCP as soon as its Close frame is flushed, and the JDK client, reading that
     * end of stream while it still delivers an earlier message, may report "closed input" instead of the Close.
     */
    private void closeAndAwaitReply(int code, String reason) {
        CloseFrame close = new CloseFrame();
        close.setCode(code);
        close.setReason(reason);
        conn.sendFrame(close);
    }

    private void onSpeechBlock() {
        silenceMs = 0;
        if (!inSpeech) {
            inSpeech = true;
            utteranceEndAtMs = -1;
            String next = owner.script.poll();
            String fallback = owner.fallbackTranscript;
            text = next != null ? next : fallback != null ? fallback : "";
            speechStartMs = audioMs - BLOCK_MS;
            nextInterimMs = audioMs + owner.interimEveryMs;
            interimWords = 0;
            send(JSON.createObjectNode().put("type", "SpeechStarted").put("timestamp", speechStartMs / 1000.0)
                    .set("channel", channel()), false);
        }
        if (audioMs >= nextInterimMs && !text.isEmpty()) {
            nextInterimMs += owner.interimEveryMs;
            String[] words = text.split(" ");
            interimWords = Math.min(words.length, interimWords + 1);
            String prefix = String.join(" ", java.util.Arrays.copyOf(words, interimWords));
            send(results(prefix, speechStartMs / 1000.0, (audioMs - speechStartMs) / 1000.0, false, false, false),
                    false);
        }
    }

    private void sendFinal(boolean speechFinal, boolean fromFinalize) {
        inSpeech = false;
        long speechEndMs = audioMs - silenceMs;
        lastWordEnd = speechEndMs / 1000.0;
        if (utteranceEndMs > 0) {
            utteranceEndAtMs = speechEndMs + utteranceEndMs;
        }
        double start = speechStartMs / 1000.0;
        send(results(text, start, (audioMs - speechStartMs) / 1000.0, true, speechFinal, fromFinalize), true);
    }

    private ObjectNode results(String transcript, double start, double duration, boolean isFinal,
                              boolean speechFinal, boolean fromFinalize) {
        ObjectNode message = JSON.createObjectNode().put("type", "Results");
        message.set("channel_index", channel());
        message.put("duration", duration).put("start", start).put("is_final", isFinal)
                .put("speech_final", speechFinal).put("from_finalize", fromFinalize);
        ObjectNode alternative = JSON.createObjectNode().put("transcript", transcript)
                .put("confidence", transcript.isEmpty() ? 0.0 : 0.98);
        ArrayNode words = alternative.putArray("words");
        String[] tokens = transcript.isEmpty() ? new String[0] : transcript.split(" ");
        for (int i = 0; i < tokens.length; i++) {
            double wordStart = start + duration * i / tokens.length;
            words.addObject().put("word", tokens[i].toLowerCase().replaceAll("[^\\p{L}\\p{N}]", ""))
                    .put("start", wordStart).put("end", wordStart + duration / tokens.length)
                    .put("confidence", 0.98).put("punctuated_word", tokens[i]);
        }
        message.putObject("channel").putArray("alternatives").add(alternative);
        ObjectNode metadata = message.putObject("metadata").put("request_id", requestId)
                .put("model_uuid", "00000000-0000-0000-0000-000000000003");
        metadata.putObject("model_info").put("name", "general-nova-3").put("version", "fake").put("arch", "nova-3");
        return message;
    }

    private ObjectNode metadata() {
        return JSON.createObjectNode().put("type", "Metadata").put("transaction_key", "deprecated")
                .put("request_id", requestId).put("sha256", "0".repeat(64)).put("created", Instant.now().toString())
                .put("duration", audioMs / 1000.0).put("channels", 1);
    }

    private static ArrayNode channel() {
        return JSON.createArrayNode().add(0).add(1);
    }

    /** Sends in order; a delayed final holds back everything after it, as a slow server would. */
    private void send(ObjectNode message, boolean isFinal) {
        long now = System.nanoTime();
        long delay = isFinal ? TimeUnit.MILLISECONDS.toNanos(owner.finalDelayMs) : 0;
        sendNotBefore = Math.max(sendNotBefore, now + delay);
        String json = message.toString();
        owner.sender.schedule(() -> {
            if (conn.isOpen()) {
                conn.send(json);
            }
        }, sendNotBefore - now, TimeUnit.NANOSECONDS);
    }

    private static double rms(ByteBuffer block) {
        long sum = 0;
        int samples = block.remaining() / 2;
        for (int i = 0; i < samples; i++) {
            short s = block.getShort();
            sum += (long) s * s;
        }
        return samples == 0 ? 0 : Math.sqrt((double) sum / samples);
    }
}
