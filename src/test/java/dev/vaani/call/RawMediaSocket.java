package dev.vaani.call;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import dev.vaani.platform.secrets.LocalSecret;
import dev.vaani.platform.secrets.LocalSecretLookup;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A bare Exotel media socket for tests that need frames the simulator would never send (malformed ones, μ-law, an
 * abrupt drop): the JDK WebSocket client, every received message kept, the close code recorded.
 */
final class RawMediaSocket implements AutoCloseable {

    private static final JsonMapper JSON = new JsonMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();

    RawMediaSocket(URI uri) throws Exception {
        socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                received.add(JSON.readTree(partial.toString()));
                            } catch (Exception e) {
                                received.add(JSON.createObjectNode().put("event", "unparseable"));
                            }
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closeReason = reason;
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete(1006);
                    }
                }).get(15, TimeUnit.SECONDS);
    }

    /** Our /media with the media secret the test server uses (generated in the data folder, found as the simulator finds it). */
    static URI uri(int port, String query) {
        String token = "token=" + URLEncoder.encode(LocalSecretLookup.fromThisProcess().find(LocalSecret.MEDIA_SECRET)
                .orElseThrow(), StandardCharsets.UTF_8);
        return URI.create("ws://127.0.0.1:" + port + "/media?" + token + (query == null ? "" : "&" + query));
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(15, TimeUnit.SECONDS);
    }

    void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).get(15, TimeUnit.SECONDS);
    }

    void sendQuietly(String text) {
        try {
            send(text);
        } catch (Exception e) {
            // the server may have closed the socket already
        }
    }

    static String connected() {
        return "{\"event\":\"connected\"}";
    }

    static String start(String callSid, String streamSid, String from, Map<String, String> custom, String encoding) {
        ObjectNode root = JSON.createObjectNode().put("event", "start").put("sequence_number", "1")
                .put("stream_sid", streamSid);
        ObjectNode start = root.putObject("start").put("stream_sid", streamSid).put("call_sid", callSid)
                .put("account_sid", "ACtest").put("from", from).put("to", "+918047491899");
        ObjectNode parameters = start.putObject("custom_parameters");
        custom.forEach(parameters::put);
        start.putObject("media_format").put("encoding", encoding).put("sample_rate", "8000").put("bit_rate", "16");
        return root.toString();
    }

    static String media(String streamSid, byte[] payload) {
        ObjectNode root = JSON.createObjectNode().put("event", "media").put("stream_sid", streamSid);
        root.putObject("media").put("chunk", "1").put("timestamp", "0")
                .put("payload", Base64.getEncoder().encodeToString(payload));
        return root.toString();
    }

    static String mark(String streamSid, String name) {
        ObjectNode root = JSON.createObjectNode().put("event", "mark").put("stream_sid", streamSid);
        root.putObject("mark").put("name", name);
        return root.toString();
    }

    static String stop(String callSid, String reason) {
        ObjectNode root = JSON.createObjectNode().put("event", "stop");
        root.putObject("stop").put("call_sid", callSid).put("reason", reason);
        return root.toString();
    }

    List<JsonNode> received() {
        return received;
    }

    /** Waits for a message from the server that matches. */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout) {
        return Awaitility.await().atMost(timeout).until(
                () -> received.stream().filter(wanted).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    CompletableFuture<Integer> closeCode() {
        return closed;
    }

    /** The reason in the server's close frame, once {@link #closeCode()} completed. */
    String closeReason() {
        return closeReason;
    }

    /** Drops the connection without a close frame, as a network failure would. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.abort();
        client.close();
    }
}
