package dev.vaani.fakes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A local OpenAI Chat Completions endpoint speaking the real streaming wire format (providers.md §3, §5):
 * {@code POST /v1/chat/completions}, Bearer auth, {@code text/event-stream} with a role chunk, content and tool-call
 * fragments, a finish chunk, a usage chunk when asked, then {@code data: [DONE]}; errors as
 * {@code {"error":{message,type,param,code}}} with x-request-id (and retry-after on 429).
 *
 * <p>Replies come from a queue ({@link #enqueue}), or, when the queue is empty, from a function of the request
 * ({@link #respondWith}). Every request body is recorded as parsed JSON.
 */
public final class FakeOpenAi implements AutoCloseable {

    private static final JsonMapper JSON = new JsonMapper();

    /** A request as received: parsed body and headers (lower-case names). */
    public record Recorded(JsonNode body, Map<String, String> headers) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<FakeReply> queue = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger abortedStreams = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private volatile Function<JsonNode, FakeReply> responder;
    private volatile String requiredKey;

    private FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    public static FakeOpenAi start() {
        try {
            return new FakeOpenAi();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "http://127.0.0.1:PORT/v1", as OPENAI_BASE_URL would be set. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public FakeOpenAi enqueue(FakeReply... replies) {
        queue.addAll(List.of(replies));
        return this;
    }

    /** Computes replies once the queue is empty, e.g. for end-to-end conversations. */
    public FakeOpenAi respondWith(Function<JsonNode, FakeReply> function) {
        this.responder = function;
        return this;
    }

    /** Only this Bearer key is accepted (any non-empty one by default). */
    public FakeOpenAi requireApiKey(String key) {
        this.requiredKey = key;
        return this;
    }

    /** Back to a fresh fake between tests: no queued replies, no responder, no key rule, no recordings. */
    public FakeOpenAi reset() {
        queue.clear();
        responder = null;
        requiredKey = null;
        requests.clear();
        abortedStreams.set(0);
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    public JsonNode lastRequestBody() {
        return requests.getLast().body();
    }

    /** Streams the client abandoned before the end (a write to it failed). */
    public int abortedStreams() {
        return abortedStreams.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                sendError(exchange, FakeReply.error(405, "invalid_request_error", null, "Method not allowed"));
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
            requests.add(new Recorded(body, headers));
            String auth = headers.getOrDefault("authorization", "");
            String key = auth.startsWith("Bearer ") ? auth.substring(7).trim() : "";
            if (key.isEmpty() || (requiredKey != null && !requiredKey.equals(key))) {
                sendError(exchange, FakeReply.invalidApiKey());
                return;
            }
            FakeReply reply = nextReply(body);
            if (reply.status != 200) {
                sendError(exchange, reply);
            } else {
                stream(exchange, reply, body.path("stream_options").path("include_usage").asBoolean(false));
            }
        }
    }

    private FakeReply nextReply(JsonNode body) {
        FakeReply reply = queue.poll();
        if (reply != null) {
            return reply;
        }
        Function<JsonNode, FakeReply> function = responder;
        return function != null ? function.apply(body)
                : FakeReply.error(500, "server_error", null, "FakeOpenAi has no scripted reply left");
    }

    private void sendError(HttpExchange exchange, FakeReply reply) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error");
        inner.put("message", reply.errorMessage).put("type", reply.errorType).putNull("param");
        if (reply.errorCode == null) {
            inner.putNull("code");
        } else {
            inner.put("code", reply.errorCode);
        }
        byte[] bytes = JSON.writeValueAsBytes(error);
        var out = exchange.getResponseHeaders();
        out.set("Content-Type", "application/json");
        out.set("x-request-id", "req_" + ids.incrementAndGet());
        reply.headers.forEach(out::set);
        exchange.sendResponseHeaders(reply.status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void stream(HttpExchange exchange, FakeReply reply, boolean includeUsage) throws IOException {
        List<String> events = events(reply, includeUsage);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/event-stream; charset=utf-8");
        headers.set("x-request-id", "req_" + ids.incrementAndGet());
        headers.set("openai-processing-ms", "42");
        reply.headers.forEach(headers::set);
        pause(reply.firstChunkDelay);
        // A dropped connection is a fixed-length response cut short: the client sees EOF mid-body.
        exchange.sendResponseHeaders(200, reply.dropAfterChunks >= 0 ? Integer.MAX_VALUE : 0);
        OutputStream out = exchange.getResponseBody();
        long first = System.nanoTime();
        try {
            for (int i = 0; i < events.size(); i++) {
                if (i == reply.dropAfterChunks) {
                    return; // closing the exchange with bytes missing aborts the connection
                }
                if (i > 0 && !reply.chunkDelay.isZero()) {
                    // on absolute deadlines, so a long stream keeps its rate exactly (no sleep drift)
                    pause(Duration.ofNanos(Math.max(0, first + i * reply.chunkDelay.toNanos() - System.nanoTime())));
                }
                out.write(("data: " + events.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException clientGone) {
            abortedStreams.incrementAndGet();
        }
    }

    private List<String> events(FakeReply reply, boolean includeUsage) throws IOException {
        String id = "chatcmpl-fake" + ids.incrementAndGet();
        long created = 1_732_550_000L;
        List<String> events = new ArrayList<>();
        ObjectNode role = chunk(id, created);
        ObjectNode roleDelta = choice(role).putObject("delta").put("role", "assistant");
        if (reply.text.isEmpty()) {
            roleDelta.putNull("content");
        } else {
            roleDelta.put("content", "");
        }
        roleDelta.putNull("refusal");
        role.put("system_fingerprint", "fp_fake");
        events.add(JSON.writeValueAsString(role));
        if (reply.refusal != null) {
            for (String token : FakeReply.tokens(reply.refusal)) {
                ObjectNode chunk = chunk(id, created);
                choice(chunk).putObject("delta").put("refusal", token);
                events.add(JSON.writeValueAsString(chunk));
            }
        }
        for (String token : FakeReply.tokens(reply.text)) {
            ObjectNode chunk = chunk(id, created);
            choice(chunk).putObject("delta").put("content", token);
            events.add(JSON.writeValueAsString(chunk));
        }
        for (int index = 0; index < reply.toolCalls.size(); index++) {
            FakeReply.Call call = reply.toolCalls.get(index);
            ObjectNode first = chunk(id, created);
            ArrayNode calls = choice(first).putObject("delta").putArray("tool_calls");
            calls.addObject().put("index", index).put("id", call.id()).put("type", "function")
                    .putObject("function").put("name", call.name()).put("arguments", "");
            events.add(JSON.writeValueAsString(first));
            for (String fragment : FakeReply.fragments(call.arguments())) {
                ObjectNode next = chunk(id, created);
                choice(next).putObject("delta").putArray("tool_calls").addObject().put("index", index)
                        .putObject("function").put("arguments", fragment);
                events.add(JSON.writeValueAsString(next));
            }
        }
        if (reply.midStreamError != null) {
            events.add(JSON.writeValueAsString(JSON.createObjectNode().set("error", JSON.createObjectNode()
                    .put("message", reply.midStreamError).put("type", "server_error").putNull("param")
                    .putNull("code"))));
            return events;
        }
        ObjectNode finish = chunk(id, created);
        choice(finish).putObject("delta");
        ((ObjectNode) finish.path("choices").get(0)).put("finish_reason", reply.finishReason());
        events.add(JSON.writeValueAsString(finish));
        if (includeUsage) {
            ObjectNode usage = chunk(id, created);
            usage.putArray("choices");
            usage.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", 12).put("total_tokens", 132);
            events.add(JSON.writeValueAsString(usage));
        }
        events.add("[DONE]");
        return events;
    }

    private static ObjectNode chunk(String id, long created) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", "gpt-4o-mini-2024-07-18").put("service_tier", "default");
        chunk.putNull("usage");
        return chunk;
    }

    private static ObjectNode choice(ObjectNode chunk) {
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0).putNull("logprobs").putNull("finish_reason");
        return choice;
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay); // simulated provider latency, not a test waiting for something
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
