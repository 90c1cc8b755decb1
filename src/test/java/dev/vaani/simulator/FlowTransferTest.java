package dev.vaani.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.json.JsonMapper;
import dev.vaani.crm.CallRecords;
import dev.vaani.telephony.exotel.ExotelCallUrls;
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
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Transfer in flow mode, end to end through the simulated Exotel: the caller asks for a person (presses 1), the bot
 * says the hand-over line and closes the stream, the flow's Passthru asks our transfer check (302), and the Connect
 * applet rings the sales number. A caller who just finishes is hung up instead (200). Without a fixed media URL the
 * flow's Voicebot applet asks the server's dynamic URL for a stream URL signed for the call.
 */
class FlowTransferTest extends VaaniIntegrationTest {

    @Autowired
    ExotelCallUrls urls;

    @Autowired
    CallRecords callRecords;

    private final StringWriter log = new StringWriter();

    private LocalExotel localExotel(Scenario scenario) throws Exception {
        URI signed = URI.create(urls.mediaStreamUrl(Map.of()));
        URI media = URI.create("ws://127.0.0.1:" + port + signed.getRawPath() + "?" + signed.getRawQuery());
        return new LocalExotel(0, scenario, 0, media, "+918012345678", new PrintWriter(log, true), java.time.Duration.ZERO);
    }

    /** Places a call to the flow as the dialer does in flow mode (Url instead of StreamUrl); returns the call sid. */
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
        String sid = new JsonMapper().readTree(response.body()).path("Call").path("Sid").asString();
        callRecords.placed(sid, insertLead("Transfer Lead", form.get("From")), null, "08012345678", form.get("From"));
        return sid;
    }

    @Test
    void aCallerWhoAsksForAPersonIsConnectedToTheSalesNumberByTheFlow() throws Exception {
        Scenario asksForAPerson = Scenario.builder("asks for a person").waitForBotToFinish().dtmf("1")
                .expectServerHangsUp().timeout(Duration.ofSeconds(60)).build();
        try (LocalExotel exotel = localExotel(asksForAPerson)) {
            String sid = placeFlowCall(exotel);

            await().atMost(Duration.ofSeconds(60)).until(() -> exotel.callsHandedOver() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> "completed".equals(jdbc.sql(
                    "SELECT status FROM call_sessions WHERE call_sid = ?").param(sid).query(String.class).single()));

            assertThat(log.toString()).contains("Passthru transfer check -> HTTP 302")
                    .contains("ringing sales +91XXXXXX5678").contains("caller handed over to a person");
        }
    }

    @Test
    void withoutAFixedMediaUrlTheFlowStreamsToTheUrlTheServerSignsForTheCall() throws Exception {
        // the Voicebot applet asks our dynamic URL (the set-up guide's recommended configuration); the server's public
        // name, vaani.example.com, is never looked up: the local Exotel streams to the server that takes its callbacks
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

    @Test
    void aCallThatEndsWithoutATransferIsHungUpByTheFlow() throws Exception {
        Scenario hangsUp = Scenario.builder("hangs up").waitForBotToFinish().hangUp()
                .timeout(Duration.ofSeconds(60)).build();
        try (LocalExotel exotel = localExotel(hangsUp)) {
            String sid = placeFlowCall(exotel);

            await().atMost(Duration.ofSeconds(60)).until(() -> log.toString().contains("Passthru transfer check"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "completed".equals(jdbc.sql(
                    "SELECT status FROM call_sessions WHERE call_sid = ?").param(sid).query(String.class).single()));

            assertThat(log.toString()).contains("Passthru transfer check -> HTTP 200").doesNotContain("handed over");
            assertThat(exotel.callsHandedOver()).isZero();
        }
    }
}
