package dev.vaani.fakes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local ElevenLabs REST streaming TTS server ({@code POST /v1/text-to-speech/{voice}/stream}, providers.md §2.2):
 * checks {@code xi-api-key}, honours {@code output_format=pcm_<rate>} and streams raw PCM16LE, 40 ms of a tone per
 * character of text, in chunks of a configurable (odd by default, to exercise sample alignment) size.
 */
public final class FakeElevenLabs implements AutoCloseable {

    public static final String API_KEY = "test-elevenlabs-key";
    public static final int MS_PER_CHAR = 40;

    /** A recorded request. */
    public record Request(String voiceId, int sampleRate, String apiKey, JsonNode body) {}

    private static final JsonMapper JSON = new JsonMapper();
    private static final Pattern PATH = Pattern.compile("/v1/text-to-speech/([^/]+)/stream");
    private static final Map<Integer, String> ERROR_BODIES = Map.of(
            401, "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}",
            429, "{\"detail\":{\"status\":\"too_many_concurrent_requests\",\"message\":"
                    + "\"Too many concurrent requests. Your plan allows 2 concurrent requests.\"}}",
            500, "{\"detail\":{\"status\":\"internal_server_error\",\"message\":\"Something went wrong.\"}}",
            422, "{\"detail\":[{\"loc\":[\"body\",\"text\"],\"msg\":\"field required\",\"type\":\"value_error.missing\"}]}");

    private final Queue<Integer> nextFailures = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Every request since the fake started, reset or not: what the server rendered ahead of time (prompts) too. */
    private final List<Request> everyRequest = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private volatile int alwaysFail;
    private volatile int chunkBytes = 1001;
    private volatile long firstByteDelayMs;
    private volatile long chunkDelayMs;
    private volatile int cutAfterBytes = -1;
    private volatile int msPerChar = MS_PER_CHAR;
    private volatile double realTimeFactor;
    private HttpServer server;

    /** Starts on 127.0.0.1 with a free port and returns it. */
    public int start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/v1/text-to-speech/", this::handle);
            server.start();
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new IllegalStateException("FakeElevenLabs failed to start", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The exact audio the fake streams for {@code text} at {@code sampleRate}. */
    public static byte[] audioFor(String text, int sampleRate) {
        return audioFor(text, sampleRate, MS_PER_CHAR);
    }

    private static byte[] audioFor(String text, int sampleRate, int msPerChar) {
        int samples = text.length() * msPerChar * sampleRate / 1000;
        // computed once per length and rate: under the benchmark's load the sine was a visible share of the fakes' CPU
        return AUDIO.computeIfAbsent(((long) samples << 20) | sampleRate, key -> {
            ByteBuffer out = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < samples; i++) {
                out.putShort((short) (6000 * Math.sin(2 * Math.PI * 300 * i / sampleRate) + (i % 7)));
            }
            return out.array();
        }).clone();
    }

    private static final java.util.Map<Long, byte[]> AUDIO = new java.util.concurrent.ConcurrentHashMap<>();

    // --- knobs ---

    public FakeElevenLabs chunkBytes(int size) {
        chunkBytes = size;
        return this;
    }

    public FakeElevenLabs firstByteDelay(Duration delay) {
        firstByteDelayMs = delay.toMillis();
        return this;
    }

    public FakeElevenLabs delayBetweenChunks(Duration delay) {
        chunkDelayMs = delay.toMillis();
        return this;
    }

    /** Audio per character of text (default {@link #MS_PER_CHAR}); less makes long calls quicker. */
    public FakeElevenLabs millisPerCharacter(int ms) {
        msPerChar = ms;
        return this;
    }

    /**
     * Streams audio this many times faster than real time after the first byte (4 = a second of audio every 250 ms),
     * on absolute deadlines; replaces {@link #delayBetweenChunks}. 0 (the default) turns pacing off.
     */
    public FakeElevenLabs realTime(double factor) {
        realTimeFactor = factor;
        return this;
    }

    /** The next request fails with this status (401, 429, 500 or 422 bodies are the real shapes). Queueable. */
    public FakeElevenLabs failNextRequest(int status) {
        nextFailures.add(status);
        return this;
    }

    /** Every request fails with this status until set to 0. */
    public FakeElevenLabs failAllRequests(int status) {
        alwaysFail = status;
        return this;
    }

    /** Every successful response is cut (connection closed, body incomplete) after this many bytes; -1 disables. */
    public FakeElevenLabs cutBodyAfter(int bytes) {
        cutAfterBytes = bytes;
        return this;
    }

    /** Back to a fresh fake between tests: no failures, no delays, default chunks, recordings cleared. */
    public FakeElevenLabs reset() {
        nextFailures.clear();
        alwaysFail = 0;
        chunkBytes = 1001;
        firstByteDelayMs = 0;
        chunkDelayMs = 0;
        cutAfterBytes = -1;
        msPerChar = MS_PER_CHAR;
        realTimeFactor = 0;
        requests.clear();
        requestCount.set(0);
        return this;
    }

    // --- recordings ---

    public int requestCount() {
        return requestCount.get();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Every request since start, including those before the last {@link #reset()}. */
    public List<Request> everyRequest() {
        return List.copyOf(everyRequest);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requestCount.incrementAndGet();
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        String format = query(exchange, "output_format");
        String key = exchange.getRequestHeaders().getFirst("xi-api-key");
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
            error(exchange, 404, "{\"detail\":{\"status\":\"not_found\",\"message\":\"Not found\"}}");
            return;
        }
        if (!API_KEY.equals(key)) {
            error(exchange, 401, ERROR_BODIES.get(401));
            return;
        }
        Integer failure = nextFailures.poll();
        int status = failure != null ? failure : alwaysFail;
        if (status != 0) {
            error(exchange, status, ERROR_BODIES.getOrDefault(status, "{\"detail\":{\"status\":\"error\",\"message\":\"HTTP " + status + "\"}}"));
            return;
        }
        if (format == null || !format.startsWith("pcm_") || !body.hasNonNull("text")) {
            error(exchange, 422, ERROR_BODIES.get(422));
            return;
        }
        int rate = Integer.parseInt(format.substring(4));
        Request request = new Request(path.group(1), rate, key, body);
        requests.add(request);
        everyRequest.add(request);
        stream(exchange, audioFor(body.get("text").asString(), rate, msPerChar), rate);
    }

    private void stream(HttpExchange exchange, byte[] audio, int rate) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "audio/pcm");
        pause(firstByteDelayMs);
        int cut = cutAfterBytes;
        // A cut response announces its full length, then stops short and drops the connection.
        exchange.sendResponseHeaders(200, cut >= 0 ? audio.length : 0);
        OutputStream out = exchange.getResponseBody();
        int limit = cut >= 0 ? Math.min(cut, audio.length) : audio.length;
        double factor = realTimeFactor;
        long first = System.nanoTime();
        for (int off = 0; off < limit; off += chunkBytes) {
            if (off > 0 && factor > 0) {
                long due = first + (long) (off / 2 * 1e9 / rate / factor);
                pauseNanos(due - System.nanoTime());
            } else if (off > 0) {
                pause(chunkDelayMs);
            }
            out.write(audio, off, Math.min(chunkBytes, limit - off));
            out.flush();
        }
        if (cut >= 0) {
            throw new IOException("fake: connection cut mid-body"); // HttpServer drops the connection
        }
        out.close();
    }

    private static void error(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    private static void pause(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms); // the fake plays a slow provider; tests never sleep
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void pauseNanos(long nanos) {
        if (nanos > 0) {
            try {
                Thread.sleep(Duration.ofNanos(nanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
