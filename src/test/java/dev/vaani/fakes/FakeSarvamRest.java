package dev.vaani.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sarvam's REST recogniser ({@code POST /speech-to-text}, multipart with a WAV {@code file}, {@code model},
 * {@code language_code}, optional {@code mode}) answering {@code {"request_id","transcript","language_code"}}, or
 * Sarvam's error body: 403 {@code invalid_api_key_error} for a bad key, and a settable status/code.
 */
public final class FakeSarvamRest implements AutoCloseable {

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile String transcript = "";
    private volatile int failStatus;
    private volatile String failCode;

    public FakeSarvamRest() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/speech-to-text", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeSarvamRest transcript(String text) {
        transcript = text;
        return this;
    }

    public FakeSarvamRest fail(int status, String code) {
        failStatus = status;
        failCode = code;
        return this;
    }

    /** Request bodies received, decoded as ISO-8859-1 (multipart text parts readable, audio bytes kept 1:1). */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String body = new String(raw, StandardCharsets.ISO_8859_1);
        bodies.add(body);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!FakeSarvam.API_KEY.equals(exchange.getRequestHeaders().getFirst("api-subscription-key"))) {
            reply(exchange, 403, error("invalid_api_key_error", "Invalid or missing authentication credentials"));
        } else if (!"POST".equals(exchange.getRequestMethod()) || contentType == null
                || !contentType.startsWith("multipart/form-data; boundary=")) {
            reply(exchange, 400, error("invalid_request_error", "Expected multipart/form-data"));
        } else if (!body.contains("name=\"file\"") || !body.contains("RIFF") || !body.contains("WAVE")
                || !body.contains("name=\"model\"")) {
            reply(exchange, 400, error("invalid_request_error", "body.file : Field required"));
        } else if (failStatus != 0) {
            reply(exchange, failStatus, error(failCode, "Injected failure"));
        } else {
            String json = "{\"request_id\":\"" + FakeSarvam.requestId() + "\",\"transcript\":\""
                    + transcript.replace("\"", "\\\"") + "\",\"timestamps\":null,\"language_code\":\"hi-IN\"}";
            reply(exchange, 200, json);
        }
    }

    private static String error(String code, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"code\":\"" + code + "\",\"request_id\":\""
                + FakeSarvam.requestId() + "\"}}";
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
