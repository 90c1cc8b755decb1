package dev.vaani.simulator;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The two applets of the ExoPhlo in docs/exotel-setup.md that ask our server something, as {@link LocalExotel} runs
 * them for a call placed to a flow: the Voicebot applet asks where to stream, the Passthru applet after it asks
 * whether the bot handed the caller over. Both call the server that takes the status callbacks, at its origin and
 * with its secret, because that is how the setup guide configures them.
 */
final class ExotelFlow {

    private final JsonMapper json;
    private final HttpClient http;
    private final URI defaultMediaUrl;
    private final PrintWriter out;

    ExotelFlow(JsonMapper json, HttpClient http, URI defaultMediaUrl, PrintWriter out) {
        this.json = json;
        this.http = http;
        this.defaultMediaUrl = defaultMediaUrl;
        this.out = out;
    }

    /**
     * Where the flow's Voicebot applet streams: the fixed {@code --media-url} when it carries the media token, else the
     * dynamic URL the setup guide recommends (our voicebot-url endpoint, same origin and secret as the status callback),
     * which answers a stream URL signed for this call.
     */
    URI voicebotStreamUrl(Map<String, String> form, String sid) {
        String callback = form.get("StatusCallback");
        if (defaultMediaUrl.getRawQuery() != null && defaultMediaUrl.getRawQuery().contains("token=")
                || callback == null || callback.isBlank()) {
            return defaultMediaUrl;
        }
        URI status = URI.create(callback);
        String query = (status.getRawQuery() == null ? "" : status.getRawQuery() + "&") + "CallSid=" + sid
                + "&From=" + URLEncoder.encode(form.get("From"), StandardCharsets.UTF_8)
                + (form.get("CustomField") == null ? "" : "&CustomField="
                + URLEncoder.encode(form.get("CustomField"), StandardCharsets.UTF_8));
        URI dynamic = status.resolve("/exotel/voicebot-url?" + query);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(dynamic).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            out.printf("[exotel] %s: flow -> Voicebot applet: dynamic URL -> HTTP %d%n", sid, response.statusCode());
            String url = response.statusCode() == 200 ? json.readTree(response.body()).path("url").asString("") : "";
            return url.isBlank() ? defaultMediaUrl : onThisMachine(URI.create(url), status);
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            out.printf("[exotel] %s: Voicebot dynamic URL failed (%s); streaming to %s%n", sid, e.getMessage(),
                    defaultMediaUrl.getHost());
            return defaultMediaUrl;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return defaultMediaUrl;
        }
    }

    /**
     * The flow's Passthru applet after the Voicebot: GET our transfer check (same origin and secret as the status
     * callback) with the call's sid; 302 means the bot handed the caller over.
     */
    boolean passthruSaysTransfer(Map<String, String> form, String sid) {
        String callback = form.get("StatusCallback");
        if (callback == null || callback.isBlank()) {
            return false;
        }
        URI status = URI.create(callback);
        String query = (status.getRawQuery() == null ? "" : status.getRawQuery() + "&") + "CallSid=" + sid
                + "&Direction=outbound-api&From=" + URLEncoder.encode(form.get("From"), StandardCharsets.UTF_8);
        URI check = status.resolve("/webhooks/exotel/transfer-check?" + query);
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(check).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            out.printf("[exotel] %s: flow -> Passthru transfer check -> HTTP %d%n", sid, response.statusCode());
            return response.statusCode() == 302;
        } catch (IOException | InterruptedException e) {
            out.printf("[exotel] %s: Passthru failed (%s); flow goes to Hangup%n", sid, e.getMessage());
            return false;
        }
    }

    /**
     * The signed stream URL, sent to the server that takes the status callbacks: this stand-in runs beside the server, and
     * the server's public name (a tunnel, a domain) need not lead back to this machine.
     */
    private static URI onThisMachine(URI signed, URI statusCallback) {
        String scheme = "https".equals(statusCallback.getScheme()) ? "wss" : "ws";
        String userInfo = signed.getRawUserInfo() == null ? "" : signed.getRawUserInfo() + "@";
        String port = statusCallback.getPort() < 0 ? "" : ":" + statusCallback.getPort();
        return URI.create(scheme + "://" + userInfo + statusCallback.getHost() + port + signed.getRawPath()
                + (signed.getRawQuery() == null ? "" : "?" + signed.getRawQuery()));
    }
}
