package dev.vaani.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.testing.VaaniIntegrationTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * In flow mode without a fixed media URL, the simulated Exotel's Voicebot applet asks the server's dynamic Voicebot
 * URL (as the set-up guide recommends) and streams to the URL signed for that call, at the server that takes the
 * status callbacks (this test server; its public name, vaani.example.com, is never looked up).
 */
class LocalExotelFlowMediaTest extends VaaniIntegrationTest {

    @Test
    void withoutAFixedMediaUrlTheFlowStreamsToTheUrlTheServerSignsForTheCall() throws Exception {
        StringWriter log = new StringWriter();
        Scenario hangsUp = Scenario.builder("hangs up").waitForBotToFinish().hangUp()
                .timeout(Duration.ofSeconds(60)).build();
        URI noToken = URI.create("ws://127.0.0.1:" + port + "/media");
        try (LocalExotel exotel = new LocalExotel(0, hangsUp, 0, noToken, "+918012345678", new PrintWriter(log, true),
                Duration.ZERO)) {
            String sid = placeFlowCall(exotel);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(log.toString()).contains("call ended after"));

            assertThat(log.toString()).contains(sid + ": flow -> Voicebot applet: dynamic URL -> HTTP 200")
                    .contains("streaming to ws://127.0.0.1:" + port + "/media").contains("scenario passed");
        }
    }

    private String placeFlowCall(LocalExotel exotel) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("From", uniquePhone());
        form.put("CallerId", "08012345678");
        form.put("Url", "http://my.exotel.com/acme1/exoml/start_voice/777");
        form.put("StatusCallback", "http://127.0.0.1:" + port + "/webhooks/exotel/call-status?secret=" + WEBHOOK_SECRET);
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + exotel.port() + "/v1/Accounts/acme1/Calls/connect.json"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("k:t".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new JsonMapper().readTree(response.body()).path("Call").path("Sid").asString();
    }
}
