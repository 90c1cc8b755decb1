package dev.vaani.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fake Exotel's unanswered calls: nobody picks up, or the line is busy, each ending with Exotel's status. */
class LocalExotelOutcomesTest {

    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("k:t".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newHttpClient();
    private final StringWriter log = new StringWriter();

    private JsonNode call(LocalExotel exotel, String path, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exotel.port() + path))
                .header("Authorization", AUTH);
        request = form == null ? request.GET() : request.header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        return new JsonMapper().readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private String finalStatus(double noAnswerRate, double busyRate) throws Exception {
        Scenario never = Scenario.builder("never reached").hangUp().build();
        try (LocalExotel exotel = new LocalExotel(0, never, noAnswerRate, busyRate, URI.create("ws://unused"),
                "+918012345678", new PrintWriter(log, true), Duration.ZERO)) {
            String sid = call(exotel, "/v1/Accounts/acme1/Calls/connect.json", "From=%2B919800000001&CallerId=08012345678")
                    .path("Call").path("Sid").asString();
            return await().atMost(Duration.ofSeconds(10)).until(() -> call(exotel,
                    "/v1/Accounts/acme1/Calls/" + sid + ".json", null).path("Call").path("Status").asString(),
                    status -> !status.equals("in-progress"));
        }
    }

    @Test
    void aBusyLineEndsTheCallBusy() throws Exception {
        assertThat(finalStatus(0, 1)).isEqualTo("busy");
        assertThat(log.toString()).contains("was busy");
    }

    @Test
    void aCallNobodyAnswersEndsNoAnswer() throws Exception {
        assertThat(finalStatus(1, 0)).isEqualTo("no-answer");
    }
}
