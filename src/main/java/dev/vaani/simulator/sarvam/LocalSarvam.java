package dev.vaani.simulator.sarvam;

import dev.vaani.speech.offline.EspeakVoice;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * A simulated Sarvam AI speech server on loopback, for trying Hindi calls without a Sarvam account: Sarvam's
 * streaming wire format (docs/providers-sarvam.md) on {@code /speech-to-text/ws} and {@code /text-to-speech/ws},
 * behind the {@code api-subscription-key} header.
 *
 * <p><b>Recognition is scripted, not recognised.</b> Each stretch of caller speech (energy-based end of speech) is
 * "transcribed" as the next of the scenario's caller lines, in order, whatever was actually said. It shows what the
 * server does with Devanagari answers; it says nothing about how well Sarvam recognises speech. Synthesis speaks
 * with espeak-ng's Hindi voice when it is installed, else a tone as long as the text would take to say.
 */
public final class LocalSarvam implements AutoCloseable {

    private final Server server;
    private final String apiKey;
    private final List<String> callerLines;
    private final Optional<EspeakVoice> voice;
    private final PrintWriter log;
    private final Map<WebSocket, LocalSarvamRecognition> recognitions = new ConcurrentHashMap<>();
    private final Map<WebSocket, LocalSarvamSynthesis> syntheses = new ConcurrentHashMap<>();

    /**
     * @param port        0 for any free port
     * @param apiKey      the key clients must send (SARVAM_API_KEY on the server)
     * @param callerLines what each caller utterance is "recognised" as, in order, per recognition connection
     * @param voice       the synthesiser's voice; empty for a tone
     * @param log         one line per connection and per utterance
     */
    public LocalSarvam(int port, String apiKey, List<String> callerLines, Optional<EspeakVoice> voice, PrintWriter log) {
        this.apiKey = apiKey;
        this.callerLines = List.copyOf(callerLines);
        this.voice = voice;
        this.log = log;
        this.server = new Server(port);
        server.start();
        try {
            if (!server.started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the simulated Sarvam did not start on port " + port);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (server.failure != null) {
            throw new IllegalStateException("the simulated Sarvam could not listen on port " + port + ": "
                    + server.failure.getMessage(), server.failure);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** What to give the server as SARVAM_BASE_URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public boolean speaksHindi() {
        return voice.isPresent();
    }

    synchronized void log(String line) {
        log.println(line);
        log.flush();
    }

    @Override
    public void close() {
        try {
            server.stop(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    private final class Server extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        volatile Exception failure;

        Server(int port) {
            super(new InetSocketAddress("127.0.0.1", port));
            setReuseAddr(true);
            setDaemon(true);
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                          ClientHandshake request) throws InvalidDataException {
            ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
            String path = URI.create(request.getResourceDescriptor()).getPath();
            if (!path.equals("/speech-to-text/ws") && !path.equals("/text-to-speech/ws")) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "Not Found: " + path);
            }
            String key = request.getFieldValue("api-subscription-key");
            if (!apiKey.equals(key)) {
                // Sarvam answers 403 invalid_api_key_error; this library can only refuse the upgrade
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "invalid_api_key_error");
            }
            return response;
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
                recognitions.put(conn, new LocalSarvamRecognition(conn, query, callerLines, LocalSarvam.this));
                log("recognition connected (" + query.getOrDefault("language-code", "?") + ", "
                        + query.getOrDefault("sample_rate", "16000") + " Hz)");
            } else {
                syntheses.put(conn, new LocalSarvamSynthesis(conn, voice, LocalSarvam.this));
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            LocalSarvamRecognition recognition = recognitions.get(conn);
            if (recognition != null) {
                recognition.onMessage(message);
                return;
            }
            LocalSarvamSynthesis synthesis = syntheses.get(conn);
            if (synthesis != null) {
                synthesis.onMessage(message);
            }
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer bytes) {
            conn.send("{\"type\":\"error\",\"data\":{\"error\":\"Binary frames are not supported\",\"code\":\"invalid_request_error\"}}");
            conn.close(CloseFrame.UNEXPECTED_CONDITION, "binary frames are not supported");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            recognitions.remove(conn);
            LocalSarvamSynthesis synthesis = syntheses.remove(conn);
            if (synthesis != null) {
                synthesis.close();
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                failure = ex;
                started.countDown();
            }
        }
    }
}
