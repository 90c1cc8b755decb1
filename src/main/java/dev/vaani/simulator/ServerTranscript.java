package dev.vaani.simulator;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.platform.secrets.LocalSecret;
import dev.vaani.platform.secrets.LocalSecretLookup;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * After a simulated call, asks the server's admin API what it heard and stored: the transcript, the collected data
 * and the outcome. The simulator itself only has audio, so this is how it can print the conversation.
 */
final class ServerTranscript {

    private static final JsonMapper JSON = new JsonMapper();

    private ServerTranscript() {
    }

    /** The admin API key: given, or ADMIN_API_KEY (environment or .env), or the one the server saved in the data folder. */
    static Optional<String> apiKey(String given) {
        if (given != null && !given.isBlank()) {
            return Optional.of(given.trim());
        }
        return LocalSecretLookup.fromThisProcess().find(LocalSecret.ADMIN_API_KEY);
    }

    /** Prints the call as the server stored it; waits a few seconds for the server to finish writing it. */
    static void print(URI mediaUrl, String callSid, String apiKey, PrintWriter out) {
        String scheme = "wss".equalsIgnoreCase(mediaUrl.getScheme()) ? "https" : "http";
        URI call = URI.create(scheme + "://" + mediaUrl.getRawAuthority().replaceFirst("^[^@]*@", "") + "/api/calls/" + callSid);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        try {
            JsonNode body = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(call).header("X-API-Key", apiKey)
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    out.printf("(the server's record of the call is not available: HTTP %d)%n", response.statusCode());
                    return;
                }
                body = JSON.readTree(response.body());
                if (body.hasNonNull("endedAt")) {
                    break;
                }
                Thread.sleep(250); // the server stores the call just after the socket closes
            }
            out.println("Transcript (as the server heard it):");
            for (JsonNode line : body.path("transcript")) {
                out.printf("  %-4s %s%s%n", line.path("speaker").asString(""), line.path("text").asString(""),
                        line.path("interrupted").asBoolean(false) ? "  [interrupted]" : "");
            }
            out.println("Collected: " + body.path("collectedData"));
            out.println("Outcome: " + body.path("finalOutcome").asString("none")
                    + (body.hasNonNull("summary") ? " — " + body.path("summary").asString("") : ""));
        } catch (IOException | JacksonException e) {
            // a refused connection's message is null: the server went away (it exited after draining, say)
            out.println("(could not read the server's record of the call: " + (e.getMessage() != null ? e.getMessage()
                    : e instanceof java.net.ConnectException ? "the server is not answering at " + call.getAuthority()
                    : e.getClass().getSimpleName()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
    }
}
