package dev.vaani.simulator;

import dev.vaani.audio.Pcm16;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A bot server for tests: records everything the simulator sends and lets a test script the bot's side
 * (greeting on start, reply when the caller stops talking, clear when the caller talks over it).
 */
final class FakeBotServer extends WebSocketServer implements AutoCloseable {

    /** A message received from the simulator, with its arrival time. */
    record Received(JsonNode json, long nanos) {
        String event() {
            return json.path("event").asString();
        }
    }

    private static final double SPEECH_RMS = 300;

    private final JsonMapper json = new JsonMapper();
    private final CountDownLatch started = new CountDownLatch(1);
    final List<Received> received = new CopyOnWriteArrayList<>();
    final Map<String, Long> markSentNanos = new ConcurrentHashMap<>();
    volatile String resource;
    volatile String authorization;
    volatile Consumer<WebSocket> onStart = ws -> { };
    volatile Consumer<WebSocket> onCallerSpeechStart = ws -> { };
    volatile Consumer<WebSocket> onCallerSpeechEnd = ws -> { };
    private volatile boolean callerSpeaking;

    FakeBotServer() throws InterruptedException {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake bot server did not start");
        }
    }

    String url() {
        return "ws://127.0.0.1:" + getPort() + "/media";
    }

    List<Received> events(String event) {
        return received.stream().filter(r -> r.event().equals(event)).toList();
    }

    List<String> echoedMarks() {
        return events("mark").stream().map(r -> r.json().path("mark").path("name").asString()).toList();
    }

    // --- the bot's side of the protocol ---

    static byte[] tone(int ms, int rate) {
        byte[] pcm = new byte[ms * rate / 1000 * 2];
        for (int i = 0; i < pcm.length / 2; i++) {
            Pcm16.putSample(pcm, i * 2, (int) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return pcm;
    }

    void sendMedia(WebSocket ws, byte[] pcm) {
        ws.send("{\"event\":\"media\",\"stream_sid\":\"MZ\",\"media\":{\"payload\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\"}}");
    }

    /** Sends {@code ms} of tone in chunks of {@code chunkBytes}, all at once (Exotel buffers it). */
    void sendSpeech(WebSocket ws, int ms, int chunkBytes) {
        byte[] all = tone(ms, 8000);
        for (int off = 0; off < all.length; off += chunkBytes) {
            byte[] chunk = new byte[Math.min(chunkBytes, all.length - off)];
            System.arraycopy(all, off, chunk, 0, chunk.length);
            sendMedia(ws, chunk);
        }
    }

    void sendMark(WebSocket ws, String name) {
        markSentNanos.put(name, System.nanoTime());
        ws.send("{\"event\":\"mark\",\"stream_sid\":\"MZ\",\"mark\":{\"name\":\"" + name + "\"}}");
    }

    void sendClear(WebSocket ws) {
        ws.send("{\"event\":\"clear\",\"stream_sid\":\"MZ\"}");
    }

    // --- WebSocketServer ---

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        resource = handshake.getResourceDescriptor();
        authorization = handshake.hasFieldValue("Authorization") ? handshake.getFieldValue("Authorization") : null;
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode node;
        try {
            node = json.readTree(message);
        } catch (Exception e) {
            throw new IllegalStateException("simulator sent non-JSON: " + message, e);
        }
        received.add(new Received(node, System.nanoTime()));
        switch (node.path("event").asString()) {
            case "start" -> onStart.accept(conn);
            case "media" -> {
                byte[] pcm = Base64.getDecoder().decode(node.path("media").path("payload").asString());
                boolean speech = Pcm16.rms(pcm) > SPEECH_RMS;
                if (speech && !callerSpeaking) {
                    callerSpeaking = true;
                    onCallerSpeechStart.accept(conn);
                } else if (!speech && callerSpeaking) {
                    callerSpeaking = false;
                    onCallerSpeechEnd.accept(conn);
                }
            }
            default -> { }
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(2000);
    }
}
