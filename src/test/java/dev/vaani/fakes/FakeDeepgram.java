package dev.vaani.fakes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local Deepgram live-transcription server faithful to the wire format (see providers.md §1): upgrade on
 * {@code /v1/listen} with {@code Authorization: Token|token|Bearer}, binary audio frames, KeepAlive / Finalize /
 * CloseStream text frames, Results / SpeechStarted / UtteranceEnd / Metadata replies and close codes.
 *
 * <p>Transcripts come from a script: each stretch of speech the energy VAD detects is transcribed as the next
 * scripted utterance. Everything is timed by audio received (bytes), not wall clock, so tests are deterministic.
 *
 * <pre>{@code
 * try (FakeDeepgram fake = new FakeDeepgram()) {
 *     fake.start();
 *     fake.script("I want a 2 BHK in Whitefield");
 *     ... new DeepgramSettings(FakeDeepgram.API_KEY, fake.baseUrl(), ...)
 * }
 * }</pre>
 */
public final class FakeDeepgram implements AutoCloseable {

    public static final String API_KEY = "test-deepgram-key";
    static final String NET0001_REASON =
            "Deepgram did not receive audio data or a text message within the timeout window. See https://dpgr.am/net0001";

    final ConcurrentLinkedDeque<String> script = new ConcurrentLinkedDeque<>();
    final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("fake-deepgram-send").factory());
    private final AtomicLong audioBytes = new AtomicLong();
    private final List<String> textMessages = new CopyOnWriteArrayList<>();
    private final List<URI> upgradeTargets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<WebSocket, FakeDeepgramSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile int rejectStatus;
    private volatile long net0001AfterAudioMs = -1;
    private volatile long dropAfterAudioMs = -1;
    volatile long finalDelayMs;
    volatile boolean leaveUpgradesUnanswered;
    volatile long upgradeDelayMs;
    volatile int interimEveryMs = 300;
    volatile int minEndpointingMs;
    final AtomicReference<String> dropDuringText = new AtomicReference<>();
    volatile long dropIntoSpeechMs;
    volatile long finalAfterSpeechEndNanos = -1;
    volatile String fallbackTranscript;

    private Backend backend;
    private UpgradeGate gate;
    private int port;

    /** Starts on 127.0.0.1 with a free port and returns it. */
    public int start() {
        try {
            backend = new Backend();
            backend.start();
            backend.started.await(5, TimeUnit.SECONDS);
            gate = new UpgradeGate(backend.getPort(), this::screen);
            port = gate.start();
            return port;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("FakeDeepgram failed to start", e);
        }
    }

    public int port() {
        return port;
    }

    /** The base URL to configure the client with: {@code ws://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "ws://127.0.0.1:" + port;
    }

    // --- scripting and knobs ---

    /** Queues what the caller "says": each detected stretch of speech is transcribed as the next text. */
    public FakeDeepgram script(String... utterances) {
        script.addAll(Arrays.asList(utterances));
        return this;
    }

    /** Emit an interim result every {@code ms} of speech audio (default 300). */
    public FakeDeepgram interimEvery(int ms) {
        interimEveryMs = ms;
        return this;
    }

    /** Refuse every upgrade with this HTTP status (and a dg-error header) until {@link #acceptUpgrades()}. */
    public FakeDeepgram rejectUpgrades(int status) {
        rejectStatus = status;
        return this;
    }

    public FakeDeepgram acceptUpgrades() {
        rejectStatus = 0;
        leaveUpgradesUnanswered = false;
        return this;
    }

    /** Accept every connection and never answer its upgrade, as a hung server would, until {@link #acceptUpgrades}. */
    public FakeDeepgram leaveUpgradesUnanswered() {
        leaveUpgradesUnanswered = true;
        return this;
    }

    /** Answer each upgrade only after this much wall-clock time, as a slow server would (0 = at once). */
    public FakeDeepgram answerUpgradesAfter(Duration delay) {
        upgradeDelayMs = delay.toMillis();
        return this;
    }

    /** Stops reading what clients send, as a stalled Deepgram would: their sends stop completing. */
    public FakeDeepgram stopReading() {
        gate.holdClientBytes(true);
        return this;
    }

    public FakeDeepgram resumeReading() {
        gate.holdClientBytes(false);
        return this;
    }

    /** The next connection is closed with 1011 and the real NET-0001 reason after this much audio. One-shot. */
    public FakeDeepgram closeWithNet0001AfterAudio(Duration audio) {
        net0001AfterAudioMs = audio.toMillis();
        return this;
    }

    /** The next connection is reset (no close frame) after this much audio. One-shot. */
    public FakeDeepgram dropConnectionAfterAudio(Duration audio) {
        dropAfterAudioMs = audio.toMillis();
        return this;
    }

    /** Hold every final result back by this much wall-clock time, as a slow provider would. */
    public FakeDeepgram delayFinals(Duration delay) {
        finalDelayMs = delay.toMillis();
        return this;
    }

    /**
     * Ends an utterance only after at least this much silence, whatever {@code endpointing} the client asked for:
     * real endpointing is model-based and does not cut a recorded clip at every short comma pause.
     */
    public FakeDeepgram endpointingAtLeast(Duration silence) {
        minEndpointingMs = (int) silence.toMillis();
        return this;
    }

    /**
     * While transcribing the scripted utterance {@code text}, after {@code intoSpeech} of its speech, reset the
     * connection (no close frame). The utterance goes back to the head of the script, so a reopened stream that is
     * replayed the audio transcribes it again, as the real service would. One-shot.
     */
    public FakeDeepgram dropConnectionDuring(String text, Duration intoSpeech) {
        dropIntoSpeechMs = intoSpeech.toMillis();
        dropDuringText.set(text);
        return this;
    }

    /**
     * Sends each final (with {@code speech_final}) exactly this long, in wall-clock time, after the last loud sample
     * (|s| &ge; 500, the simulator's definition of the end of speech), instead of after the endpointing silence
     * counted in received audio. Used by the benchmark, whose floor needs an exactly known recogniser latency.
     */
    public FakeDeepgram finalAfterSpeechEnd(Duration delay) {
        finalAfterSpeechEndNanos = delay.toNanos();
        return this;
    }

    /** What a stretch of speech is transcribed as once the script is used up (by default nothing). */
    public FakeDeepgram fallbackTranscript(String text) {
        fallbackTranscript = text;
        return this;
    }

    /** Back to a fresh fake between tests: empty script, every knob off, recordings cleared. */
    public FakeDeepgram reset() {
        script.clear();
        rejectStatus = 0;
        leaveUpgradesUnanswered = false;
        upgradeDelayMs = 0;
        if (gate != null) {
            gate.holdClientBytes(false);
        }
        net0001AfterAudioMs = -1;
        dropAfterAudioMs = -1;
        finalDelayMs = 0;
        interimEveryMs = 300;
        minEndpointingMs = 0;
        dropDuringText.set(null);
        finalAfterSpeechEndNanos = -1;
        fallbackTranscript = null;
        audioBytes.set(0);
        textMessages.clear();
        upgradeTargets.clear();
        connections.set(0);
        return this;
    }

    /** Scripted utterances not yet transcribed. */
    public List<String> unusedScript() {
        return List.copyOf(script);
    }

    // --- recordings ---

    public long receivedAudioBytes() {
        return audioBytes.get();
    }

    /** Text frames received from clients, verbatim, across all connections. */
    public List<String> receivedTextMessages() {
        return List.copyOf(textMessages);
    }

    /** Request targets (path + query) of accepted upgrades, in order. */
    public List<URI> upgradeTargets() {
        return List.copyOf(upgradeTargets);
    }

    public int connectionCount() {
        return connections.get();
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

    // --- internals used by the session ---

    void reset(WebSocket conn) {
        gate.drop(conn.getRemoteSocketAddress().getPort());
    }

    private String screen(UpgradeGate.RequestHead head) {
        URI target = URI.create(head.target());
        String auth = head.header("authorization");
        if (!target.getPath().equals("/v1/listen")) {
            return refuse(404, "Not Found.");
        }
        if (auth == null || !auth.matches("(?i)(token|bearer) \\S+")) {
            return refuse(401, "Invalid credentials.");
        }
        if (leaveUpgradesUnanswered) {
            return UpgradeGate.NO_ANSWER;
        }
        if (rejectStatus != 0) {
            return refuse(rejectStatus, "Rejected by test knob.");
        }
        Map<String, String> query = query(target);
        if (!query.containsKey("encoding") || !query.containsKey("sample_rate")) {
            return refuse(400, "Raw audio requires encoding and sample_rate.");
        }
        if (upgradeDelayMs > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(upgradeDelayMs * 1_000_000); // a slow server's answer
        }
        upgradeTargets.add(target);
        return null;
    }

    private static String refuse(int status, String error) {
        String body = "{\"err_code\":\"%s\",\"err_msg\":\"%s\",\"request_id\":\"%s\"}"
                .formatted(status == 401 ? "INVALID_AUTH" : "REQUEST_REJECTED", error, UUID.randomUUID());
        return "HTTP/1.1 " + status + " Rejected\r\n"
                + "dg-error: " + error + "\r\n"
                + "dg-request-id: " + UUID.randomUUID() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n\r\n" + body;
    }

    static Map<String, String> query(URI target) {
        Map<String, String> query = new HashMap<>();
        if (target.getRawQuery() != null) {
            for (String pair : target.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
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
            connections.incrementAndGet();
            long net0001 = net0001AfterAudioMs;
            long drop = dropAfterAudioMs;
            net0001AfterAudioMs = -1;
            dropAfterAudioMs = -1;
            sessions.put(conn, new FakeDeepgramSession(FakeDeepgram.this, conn,
                    query(URI.create(handshake.getResourceDescriptor())), net0001, drop));
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer audio) {
            audioBytes.addAndGet(audio.remaining());
            FakeDeepgramSession session = sessions.get(conn);
            if (session != null) {
                session.onAudio(audio);
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            textMessages.add(message);
            FakeDeepgramSession session = sessions.get(conn);
            if (session != null) {
                session.onControl(message);
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            sessions.remove(conn);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            // a reset connection or a stopped server: nothing to report to the test
        }
    }
}
