package dev.vaani.fakes;

import tools.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local Sarvam AI speech server faithful to the published wire format (docs/providers-sarvam.md): the streaming
 * recogniser on {@code /speech-to-text/ws} and the streaming synthesiser on {@code /text-to-speech/ws}, both behind
 * the {@code api-subscription-key} header (a missing or wrong key is 403 {@code invalid_api_key_error}, as Sarvam
 * answers), with JSON text frames both ways and Sarvam's error bodies and error messages.
 *
 * <p>Recognition is driven by a script: each stretch of speech an energy VAD finds in the received audio is
 * transcribed as the next scripted utterance, in the form the connection's {@code mode} asks for (Devanagari for
 * transcribe, mixed script for codemix). Synthesis answers each flush with audio at the configured
 * {@code speech_sample_rate}, in numbered chunks, then the final event.
 */
public final class FakeSarvam implements AutoCloseable {

    public static final String API_KEY = "test-sarvam-key";

    static final Set<String> MODES = Set.of("transcribe", "translate", "verbatim", "translit", "codemix");
    static final Set<String> STT_RATES = Set.of("8000", "16000");

    /** What the caller says, in each output form saaras can give. */
    public record Said(String transcribe, String codemix, String translit) {
        String in(String mode) {
            return switch (mode == null ? "transcribe" : mode) {
                case "codemix" -> codemix;
                case "translit" -> translit;
                default -> transcribe;
            };
        }
    }

    final ConcurrentLinkedDeque<Said> script = new ConcurrentLinkedDeque<>();
    final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("fake-sarvam-send").factory());
    final List<String> sttMessages = new CopyOnWriteArrayList<>();
    final List<JsonNode> ttsConfigs = new CopyOnWriteArrayList<>();
    final List<String> ttsTexts = new CopyOnWriteArrayList<>();
    /** The language each sentence was asked to be spoken in (its socket's config). */
    final java.util.Map<String, String> ttsLanguages = new java.util.concurrent.ConcurrentHashMap<>();
    final List<byte[]> ttsAudioSent = new CopyOnWriteArrayList<>();
    final List<Integer> clientCloseCodes = new CopyOnWriteArrayList<>();
    final AtomicInteger messagesAfterCancel = new AtomicInteger();
    private final List<URI> upgradeTargets = new CopyOnWriteArrayList<>();
    private final AtomicInteger sttConnections = new AtomicInteger();
    private final AtomicInteger ttsConnections = new AtomicInteger();
    private final AtomicInteger ttsUpgradesAsked = new AtomicInteger();
    private final Map<WebSocket, FakeSarvamSttSession> sttSessions = new ConcurrentHashMap<>();
    private final Map<WebSocket, FakeSarvamTtsSession> ttsSessions = new ConcurrentHashMap<>();

    volatile int rejectStatus;
    volatile int rejectTimes = Integer.MAX_VALUE;
    volatile boolean leaveUpgradesUnanswered;
    volatile long upgradeDelayMs;
    volatile int endSilenceMs = 500;
    volatile String sttErrorCode;
    volatile long sttErrorAfterAudioMs = -1;
    volatile long sttDropAfterAudioMs = -1;
    volatile String ttsErrorCode;
    volatile int ttsErrorTimes = Integer.MAX_VALUE;
    volatile int ttsDropAfterChunks = -1;
    volatile int ttsChunkMs = 100;
    volatile long ttsChunkIntervalMs;
    volatile int ttsMsPerChar = 40;
    volatile boolean ttsSilentAfterConfig;

    private Backend backend;
    private UpgradeGate gate;
    private int port;

    public int start() {
        try {
            backend = new Backend();
            backend.start();
            backend.started.await(5, TimeUnit.SECONDS);
            gate = new UpgradeGate(backend.getPort(), this::screen);
            port = gate.start();
            return port;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("FakeSarvam failed to start", e);
        }
    }

    /** The base URL to configure: {@code http://127.0.0.1:PORT} (the client derives ws:// from it). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    // --- scripting and knobs ---

    /** Queues what the caller says, the same in every mode (e.g. a Devanagari sentence). */
    public FakeSarvam script(String... transcripts) {
        for (String t : transcripts) {
            script.add(new Said(t, t, t));
        }
        return this;
    }

    /** Queues an utterance whose codemix / translit output differs from its native-script transcript. */
    public FakeSarvam script(Said said) {
        script.add(said);
        return this;
    }

    /** Silence that ends an utterance (Sarvam's VAD); 500 ms by default. */
    public FakeSarvam endOfSpeechAfter(Duration silence) {
        endSilenceMs = (int) silence.toMillis();
        return this;
    }

    /** Refuse upgrades with this HTTP status and Sarvam's error body, the next {@code times} times. */
    public FakeSarvam rejectUpgrades(int status, int times) {
        rejectStatus = status;
        rejectTimes = times;
        return this;
    }

    public FakeSarvam rejectUpgrades(int status) {
        return rejectUpgrades(status, Integer.MAX_VALUE);
    }

    /** Accept every connection and never answer its upgrade, as a hung server would, until {@link #reset()}. */
    public FakeSarvam leaveUpgradesUnanswered() {
        leaveUpgradesUnanswered = true;
        return this;
    }

    /** Answer each upgrade only after this much wall-clock time, as a slow server would (0 = at once). */
    public FakeSarvam answerUpgradesAfter(Duration delay) {
        upgradeDelayMs = delay.toMillis();
        return this;
    }

    /** Stops reading what clients send, as a stalled Sarvam would: their sends stop completing. */
    public FakeSarvam stopReading() {
        gate.holdClientBytes(true);
        return this;
    }

    public FakeSarvam resumeReading() {
        gate.holdClientBytes(false);
        return this;
    }

    /** The next recognition connection gets an error message with this code after this much audio, then 1011. */
    public FakeSarvam sttErrorAfterAudio(Duration audio, String code) {
        sttErrorCode = code;
        sttErrorAfterAudioMs = audio.toMillis();
        return this;
    }

    /** The next recognition connection is reset (no close frame) after this much audio. */
    public FakeSarvam sttDropAfterAudio(Duration audio) {
        sttDropAfterAudioMs = audio.toMillis();
        return this;
    }

    /** Synthesis answers the next {@code times} flushes with an error message carrying this code. */
    public FakeSarvam ttsError(String code, int times) {
        ttsErrorCode = code;
        ttsErrorTimes = times;
        return this;
    }

    /** The next synthesis connection is reset after sending this many audio chunks. */
    public FakeSarvam ttsDropAfterChunks(int chunks) {
        ttsDropAfterChunks = chunks;
        return this;
    }

    /** Wall-clock gap between audio chunks (0 = as fast as possible), to let a test cancel mid-sentence. */
    public FakeSarvam ttsChunkInterval(Duration interval) {
        ttsChunkIntervalMs = interval.toMillis();
        return this;
    }

    /** Synthesis accepts the config and text but never answers (a hung provider). */
    public FakeSarvam ttsSilent() {
        ttsSilentAfterConfig = true;
        return this;
    }

    public FakeSarvam reset() {
        script.clear();
        rejectStatus = 0;
        rejectTimes = Integer.MAX_VALUE;
        leaveUpgradesUnanswered = false;
        upgradeDelayMs = 0;
        if (gate != null) {
            gate.holdClientBytes(false);
        }
        endSilenceMs = 500;
        sttErrorCode = null;
        sttErrorAfterAudioMs = -1;
        sttDropAfterAudioMs = -1;
        ttsErrorCode = null;
        ttsErrorTimes = Integer.MAX_VALUE;
        ttsDropAfterChunks = -1;
        ttsChunkIntervalMs = 0;
        ttsSilentAfterConfig = false;
        sttMessages.clear();
        ttsConfigs.clear();
        ttsTexts.clear();
        ttsLanguages.clear();
        ttsAudioSent.clear();
        clientCloseCodes.clear();
        messagesAfterCancel.set(0);
        upgradeTargets.clear();
        sttConnections.set(0);
        ttsConnections.set(0);
        return this;
    }

    // --- recordings ---

    public List<URI> upgradeTargets() {
        return List.copyOf(upgradeTargets);
    }

    /** Query parameters of the last accepted upgrade to {@code path}, URL-decoded. */
    public Map<String, String> lastQuery(String path) {
        return upgradeTargets.reversed().stream().filter(u -> u.getPath().equals(path)).findFirst()
                .map(FakeSarvam::query).orElse(Map.of());
    }

    public int sttConnectionCount() {
        return sttConnections.get();
    }

    public int ttsConnectionCount() {
        return ttsConnections.get();
    }

    /** Synthesis upgrades asked for with the right key, answered or not yet. */
    public int ttsUpgradesAsked() {
        return ttsUpgradesAsked.get();
    }

    /** Synthesis sockets open now: opened and not yet closed by either side. */
    public int openTtsSockets() {
        return ttsSessions.size();
    }

    /** Text frames received on recognition sockets, verbatim. */
    public List<String> sttMessages() {
        return List.copyOf(sttMessages);
    }

    /** The config messages' data objects received on synthesis sockets. */
    public List<JsonNode> ttsConfigs() {
        return List.copyOf(ttsConfigs);
    }

    /** The texts synthesised, in order. */
    /** The target_language_code the sentence was synthesised in, or null if it never was. */
    public String ttsLanguageOf(String sentence) {
        return ttsLanguages.get(sentence);
    }

    public List<String> ttsTexts() {
        return List.copyOf(ttsTexts);
    }

    /** Every audio chunk sent, in order, decoded. */
    public List<byte[]> ttsAudioSent() {
        return List.copyOf(ttsAudioSent);
    }

    /** Close codes clients sent on synthesis sockets. */
    public List<Integer> clientCloseCodes() {
        return List.copyOf(clientCloseCodes);
    }

    /** Messages a client sent on a synthesis socket after it had closed its side: should stay 0. */
    public int messagesAfterClientClose() {
        return messagesAfterCancel.get();
    }

    public List<Said> unusedScript() {
        return List.copyOf(script);
    }

    @Override
    public void close() {
        if (gate != null) {
            gate.close();
        }
        try {
            if (backend != null) {
                backend.stop(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.shutdownNow();
    }

    // --- internals ---

    /**
     * Breaks the connection with no close frame, as a network failure does, but only after what was already sent has
     * gone out: otherwise whether the client heard the last chunks would be a race between two sockets.
     */
    void drop(WebSocket conn) {
        gate.resetWhenBackendCloses(conn.getRemoteSocketAddress().getPort());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (conn.hasBufferedData() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        ((org.java_websocket.WebSocketImpl) conn).closeConnection(org.java_websocket.framing.CloseFrame.ABNORMAL_CLOSE,
                "dropped by the test");
    }

    private String screen(UpgradeGate.RequestHead head) {
        URI target = URI.create(head.target());
        String path = target.getPath();
        if (!path.equals("/speech-to-text/ws") && !path.equals("/text-to-speech/ws")) {
            return refuse(404, "not_found_error", "Not Found");
        }
        String key = head.header("api-subscription-key");
        String bearer = head.header("authorization");
        if (!API_KEY.equals(key) && !("Bearer " + API_KEY).equals(bearer)) {
            return refuse(403, "invalid_api_key_error", "Invalid or missing authentication credentials");
        }
        if (path.equals("/text-to-speech/ws")) {
            ttsUpgradesAsked.incrementAndGet();
        }
        if (leaveUpgradesUnanswered) {
            return UpgradeGate.NO_ANSWER;
        }
        if (upgradeDelayMs > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(upgradeDelayMs * 1_000_000); // a slow server's answer
        }
        if (rejectStatus != 0 && rejectTimes > 0) {
            rejectTimes--;
            return switch (rejectStatus) {
                case 429 -> refuse(429, "rate_limit_exceeded_error", "Rate limit exceeded");
                case 400 -> refuse(400, "invalid_request_error", "Invalid request");
                default -> refuse(rejectStatus, "internal_server_error", "Internal server error");
            };
        }
        Map<String, String> query = query(target);
        if (path.equals("/speech-to-text/ws")) {
            String problem = sttProblem(query);
            if (problem != null) {
                return refuse(400, "invalid_request_error", problem);
            }
        } else if (!query.getOrDefault("model", "bulbul:v3").startsWith("bulbul:")) {
            return refuse(400, "invalid_request_error", "query.model : unknown model");
        }
        upgradeTargets.add(target);
        return null;
    }

    private static String sttProblem(Map<String, String> query) {
        String model = query.getOrDefault("model", "saarika:v2.5");
        if (!query.containsKey("language-code")) {
            return "query.language-code : Field required";
        }
        if (!STT_RATES.contains(query.getOrDefault("sample_rate", "16000"))) {
            return "query.sample_rate : Input should be 8000 or 16000";
        }
        if (query.containsKey("mode") && !model.startsWith("saaras:v3")) {
            return "query.mode : mode is only supported by saaras:v3";
        }
        if (query.containsKey("mode") && !MODES.contains(query.get("mode"))) {
            return "query.mode : Input should be 'transcribe', 'translate', 'verbatim', 'translit' or 'codemix'";
        }
        return null;
    }

    static String refuse(int status, String code, String message) {
        String body = "{\"error\":{\"message\":\"%s\",\"code\":\"%s\",\"request_id\":\"%s\"}}"
                .formatted(message, code, requestId());
        return "HTTP/1.1 " + status + " Error\r\n"
                + "Content-Type: application/json\r\n"
                + "x-request-id: " + requestId() + "\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "Connection: close\r\n\r\n" + body;
    }

    static String requestId() {
        return "20261202_" + UUID.randomUUID();
    }

    static Map<String, String> query(URI target) {
        Map<String, String> query = new HashMap<>();
        if (target.getRawQuery() != null) {
            for (String pair : target.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private final class Backend extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);

        Backend() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
            setConnectionLostTimeout(0);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            URI target = URI.create(handshake.getResourceDescriptor());
            Map<String, String> query = query(target);
            if (target.getPath().equals("/speech-to-text/ws")) {
                sttConnections.incrementAndGet();
                long error = sttErrorAfterAudioMs;
                long drop = sttDropAfterAudioMs;
                sttErrorAfterAudioMs = -1;
                sttDropAfterAudioMs = -1;
                sttSessions.put(conn, new FakeSarvamSttSession(FakeSarvam.this, conn, query, error, sttErrorCode, drop));
            } else {
                ttsConnections.incrementAndGet();
                int drop = ttsDropAfterChunks;
                ttsDropAfterChunks = -1;
                ttsSessions.put(conn, new FakeSarvamTtsSession(FakeSarvam.this, conn, query, drop));
            }
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer bytes) {
            // Sarvam's sockets speak JSON text only; a binary frame is a protocol error.
            conn.send("{\"type\":\"error\",\"data\":{\"error\":\"Binary frames are not supported\",\"code\":\"invalid_request_error\"}}");
            conn.close(1003, "binary frames are not supported");
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            FakeSarvamSttSession stt = sttSessions.get(conn);
            if (stt != null) {
                sttMessages.add(message);
                stt.onMessage(message);
                return;
            }
            FakeSarvamTtsSession tts = ttsSessions.get(conn);
            if (tts != null) {
                tts.onMessage(message);
            }
        }

        @Override
        public void onClosing(WebSocket conn, int code, String reason, boolean remote) {
            if (remote && ttsSessions.containsKey(conn)) {
                clientCloseCodes.add(code);
                ttsSessions.get(conn).clientClosed();
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            sttSessions.remove(conn);
            FakeSarvamTtsSession tts = ttsSessions.remove(conn);
            if (tts != null) {
                tts.clientClosed();
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            // a reset connection or a stopped server: nothing to report
        }
    }
}
