package dev.vaani.simulator;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Exotel's Voice API, so a campaign can be run end to end on one machine: it accepts
 * {@code POST /v1/Accounts/{sid}/Calls/connect.json} as Exotel does, "dials" the lead, and when the lead
 * "answers" connects a {@link SimulatedCall} to the StreamUrl from the request, then posts the answered and
 * terminal status callbacks. Some calls can go unanswered, to exercise retries. Its calls can be read back through
 * the call-details API ({@code GET Calls/{sid}.json}, and the bulk {@code GET Calls.json?From=...}); a connect delay
 * answers Calls/connect late (the call is made at once), to exercise placements whose answer never came.
 *
 * <p>A call placed to a flow ({@code Url} instead of {@code StreamUrl}) runs the ExoPhlo that docs/exotel-setup.md
 * describes: Voicebot → Passthru (our /webhooks/exotel/transfer-check, with the status callback's secret) → on 302 a
 * Connect applet that rings the sales number and hands the caller over, on 200 Hangup.
 */
public final class LocalExotel implements AutoCloseable {

    private static final DateTimeFormatter EXOTEL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private final JsonMapper json = new JsonMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;
    private final Scenario scenario;
    private final double noAnswerRate;
    private final double busyRate;
    private final ExotelFlow flow;
    private final PrintWriter out;
    private final AtomicInteger placed = new AtomicInteger();
    private final CallDetails details = new CallDetails();
    private final java.time.Duration connectDelay;
    private final AtomicInteger handedOver = new AtomicInteger();
    private final String salesNumber;
    /** Recordings of the calls placed with {@code Record=true}: two tracks, as with {@code RecordingChannels=dual}. */
    private final Path recordings;

    public LocalExotel(int port, Scenario scenario, double noAnswerRate, URI defaultMediaUrl, PrintWriter out)
            throws IOException {
        this(port, scenario, noAnswerRate, defaultMediaUrl, "+918000000000", out, java.time.Duration.ZERO);
    }

    /**
     * @param salesNumber  the number the flow's Connect applet rings when the bot hands a caller over
     * @param connectDelay how late Calls/connect is answered (the call is made at once)
     */
    public LocalExotel(int port, Scenario scenario, double noAnswerRate, URI defaultMediaUrl, String salesNumber,
                       PrintWriter out, java.time.Duration connectDelay) throws IOException {
        this(port, scenario, noAnswerRate, 0, defaultMediaUrl, salesNumber, out, connectDelay);
    }

    /** @param busyRate the share of calls the lead's line is busy for (Exotel's terminal status "busy") */
    public LocalExotel(int port, Scenario scenario, double noAnswerRate, double busyRate, URI defaultMediaUrl,
                       String salesNumber, PrintWriter out, java.time.Duration connectDelay) throws IOException {
        this.busyRate = busyRate;
        this.salesNumber = salesNumber;
        this.connectDelay = connectDelay;
        this.scenario = scenario;
        this.noAnswerRate = noAnswerRate;
        this.flow = new ExotelFlow(json, http, defaultMediaUrl, out);
        this.out = out;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(calls);
        this.recordings = Files.createTempDirectory("vaani-local-exotel-recordings");
        server.createContext("/v1/Accounts/", this::handle);
        server.createContext("/recordings/", this::serveRecording);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int callsPlaced() {
        return placed.get();
    }

    /** Calls the flow connected to the sales number after the bot handed them over. */
    public int callsHandedOver() {
        return handedOver.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Basic ")) {
            reply(exchange, 401, Map.of("RestException", Map.of("Status", 401, "Message", "Authentication required")));
            return;
        }
        if ("GET".equals(exchange.getRequestMethod()) && path.matches("/v1/Accounts/[^/]+/Calls/[^/]+\\.json")) {
            Map<String, Object> record = details.find(path.substring(path.lastIndexOf('/') + 1, path.length() - 5));
            if (record == null) {
                reply(exchange, 404, Map.of("RestException", Map.of("Status", 404, "Message", "Call not found")));
            } else {
                reply(exchange, 200, Map.of("Call", record));
            }
            return;
        }
        if ("GET".equals(exchange.getRequestMethod()) && path.matches("/v1/Accounts/[^/]+/Calls(\\.json)?")) {
            String query = exchange.getRequestURI().getRawQuery();
            String from = form(query == null ? "" : query).get("From");
            var found = details.from(from);
            reply(exchange, 200, Map.of("Metadata", Map.of("Total", found.size()), "Calls", found));
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod()) || !path.matches("/v1/Accounts/[^/]+/Calls/connect(\\.json)?")) {
            reply(exchange, 404, Map.of("RestException", Map.of("Status", 404, "Message", "Not found: " + path)));
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String from = form.get("From");
        if (from == null || from.isBlank() || form.get("CallerId") == null) {
            reply(exchange, 400, Map.of("RestException", Map.of("Status", 400, "Message", "From and CallerId are mandatory")));
            return;
        }
        String sid = UUID.randomUUID().toString().replace("-", "");
        placed.incrementAndGet();
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("Sid", sid);
        call.put("Status", "in-progress");
        call.put("From", from);
        call.put("Direction", "outbound-api");
        call.put("DateCreated", now());
        details.placed(call, form);
        calls.submit(() -> dial(sid, form));
        if (!connectDelay.isZero()) {
            out.printf("[exotel] %s: call made; answering Calls/connect only after %d ms%n", sid, connectDelay.toMillis());
            out.flush();
            try {
                Thread.sleep(connectDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply(exchange, 200, Map.of("Call", call));
    }

    private void dial(String sid, Map<String, String> form) {
        String from = form.get("From");
        String created = now();
        double draw = ThreadLocalRandom.current().nextDouble();
        if (draw < noAnswerRate + busyRate) {
            String status = draw < noAnswerRate ? "no-answer" : "busy";
            out.printf("[exotel] %s: %s %s%n", sid, masked(from), status.equals("busy") ? "was busy" : "did not answer");
            out.flush();
            callback(form, sid, Map.of("Status", status, "EventType", "terminal", "DateCreated", created,
                    "ConversationDuration", 0));
            return;
        }
        callback(form, sid, Map.of("Status", "in-progress", "EventType", "answered", "DateCreated", created,
                "StartTime", created, "DateUpdated", now())); // as Exotel: StartTime is the call's creation
        URI media = form.containsKey("StreamUrl") ? localised(URI.create(form.get("StreamUrl")))
                : flow.voicebotStreamUrl(form, sid);
        Map<String, String> query = form(media.getRawQuery() == null ? "" : media.getRawQuery());
        out.printf("[exotel] %s: %s answered; streaming to %s%n", sid, masked(from), media.getScheme() + "://"
                + media.getHost() + (media.getPort() < 0 ? "" : ":" + media.getPort()) + media.getPath());
        out.flush();
        long started = System.currentTimeMillis();
        String status = "completed";
        try {
            SimulatorOptions.Builder options = SimulatorOptions.builder().url(media).callSid(sid).from(from)
                    .to(form.get("CallerId")).leadId(query.get("lead_id")).campaignId(query.get("campaign_id"));
            if (query.containsKey("token")) {
                options.token(query.get("token"));
            }
            if (media.getUserInfo() != null) {
                options.basicAuth(media.getUserInfo());
            }
            if (recorded(form)) {
                options.recording(recordingFile(sid));
            }
            CallReport report = new SimulatedCall(options.build(), scenario).run();
            out.printf("[exotel] %s: call ended after %d s (%s)%n", sid, report.durationMs() / 1000,
                    report.passed() ? "scenario passed" : "scenario failed: " + report.failures());
        } catch (RuntimeException e) {
            status = "failed";
            out.printf("[exotel] %s: could not connect the stream: %s%n", sid, e.getMessage());
        }
        out.flush();
        Map<String, Object> terminal = new LinkedHashMap<>(Map.of("Status", status, "EventType", "terminal",
                "DateCreated", created, "StartTime", created));
        if (status.equals("completed") && form.containsKey("Url") && flow.passthruSaysTransfer(form, sid)) {
            handedOver.incrementAndGet();
            out.printf("[exotel] %s: flow -> Connect applet: ringing sales %s ... answered; caller handed over to a person%n",
                    sid, masked(salesNumber));
            out.flush();
            terminal.put("Legs", List.of(Map.of("OnCallDuration", (System.currentTimeMillis() - started) / 1000,
                    "Status", "completed", "AnsweredBy", "HUMAN"), Map.of("OnCallDuration", 0, "Status", "completed",
                    "AnsweredBy", "HUMAN")));
        }
        long seconds = (System.currentTimeMillis() - started) / 1000;
        if (recorded(form) && status.equals("completed") && Files.isRegularFile(recordingFile(sid))) {
            // Exotel hosts the recording and names it in the terminal status callback and the call's details
            terminal.put("RecordingUrl", "http://127.0.0.1:" + port() + "/recordings/" + sid + ".wav");
            out.printf("[exotel] %s: recorded (%s channels)%n", sid,
                    "dual".equals(form.get("RecordingChannels")) ? "dual" : "single");
        }
        terminal.put("EndTime", now());
        terminal.put("ConversationDuration", seconds);
        callback(form, sid, terminal);
    }

    private void callback(Map<String, String> form, String sid, Map<String, Object> fields) {
        details.update(sid, fields);
        String url = form.get("StatusCallback");
        if (url == null || url.isBlank()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("CallSid", sid);
        body.put("DateUpdated", now());
        body.put("From", form.get("From"));
        body.put("To", form.get("CallerId"));
        body.put("Direction", "outbound-api");
        body.put("CustomField", form.get("CustomField"));
        body.putIfAbsent("RecordingUrl", null);
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            out.printf("[exotel] %s: status callback %s -> HTTP %d%n", sid, fields.get("Status"), response.statusCode());
        } catch (IOException | JacksonException | InterruptedException e) {
            out.printf("[exotel] %s: status callback failed: %s%n", sid, e.getMessage());
        }
        out.flush();
    }

    private static boolean recorded(Map<String, String> form) {
        return "true".equalsIgnoreCase(form.get("Record"));
    }

    private Path recordingFile(String sid) {
        return recordings.resolve(sid + ".wav");
    }

    /** GET /recordings/{sid}.wav: the recording a status callback named (the sid is checked, never used as a path). */
    private void serveRecording(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/recordings/".length());
        Path file = name.matches("[0-9a-f]{32}\\.wav") ? recordings.resolve(name) : null;
        if (!"GET".equals(exchange.getRequestMethod()) || file == null || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "audio/wav");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (var body = exchange.getResponseBody()) {
            Files.copy(file, body);
        }
    }

    /** A wss:// URL for a server on this machine is served as plain ws:// (no certificate locally). */
    private static URI localised(URI media) {
        String host = media.getHost();
        boolean local = host != null && (host.equals("localhost") || host.startsWith("127."));
        return local && "wss".equals(media.getScheme()) ? URI.create("ws" + media.toString().substring(3)) : media;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String now() {
        return LocalDateTime.now(IST).format(EXOTEL_TIME);
    }

    private static String masked(String phone) {
        return phone == null || phone.length() < 5 ? "unknown" : phone.substring(0, Math.min(3, phone.length() - 4))
                + "X".repeat(Math.max(0, phone.length() - 7)) + phone.substring(phone.length() - 4);
    }

    @Override
    public void close() {
        server.stop(0);
        calls.close();
    }
}
