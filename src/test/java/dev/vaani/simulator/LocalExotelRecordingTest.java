package dev.vaani.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated Exotel records a call placed with {@code Record=true} and names the recording in its terminal status
 * callback, as Exotel does; the server keeps that URL on the call.
 */
class LocalExotelRecordingTest extends VaaniIntegrationTest {

    @Autowired
    ExotelCallUrls urls;

    @Autowired
    CallRecords callRecords;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRecordedCallEndsWithARecordingUrlThatServesBothSidesOfTheCall() throws Exception {
        Scenario listensThenHangsUp = Scenario.builder("listens, hangs up").waitForBotToFinish().hangUp()
                .timeout(Duration.ofSeconds(60)).build();
        try (LocalExotel exotel = new LocalExotel(0, listensThenHangsUp, 0, URI.create("ws://unused"), "+918012345678",
                new PrintWriter(new StringWriter(), true), Duration.ZERO)) {
            String sid = placeCall(exotel, Map.of("Record", "true", "RecordingChannels", "dual"));

            String recordingUrl = await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                    "SELECT recording_url FROM call_sessions WHERE call_sid = ?").param(sid).query(String.class)
                    .optional().orElse(null), url -> url != null);

            assertThat(recordingUrl).isEqualTo("http://127.0.0.1:" + exotel.port() + "/recordings/" + sid + ".wav");
            HttpResponse<byte[]> recording = http.send(HttpRequest.newBuilder(URI.create(recordingUrl)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(recording.statusCode()).isEqualTo(200);
            ByteBuffer header = ByteBuffer.wrap(recording.body()).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new String(recording.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            assertThat(header.getShort(22)).as("channels: caller and bot").isEqualTo((short) 2);
            assertThat(recording.body().length).as("seconds of audio, not an empty file").isGreaterThan(44 + 2 * 2 * 8000);
        }
    }

    @Test
    void aCallPlacedWithoutRecordHasNoRecording() throws Exception {
        Scenario listensThenHangsUp = Scenario.builder("listens, hangs up").waitForBotToFinish().hangUp()
                .timeout(Duration.ofSeconds(60)).build();
        try (LocalExotel exotel = new LocalExotel(0, listensThenHangsUp, 0, URI.create("ws://unused"), "+918012345678",
                new PrintWriter(new StringWriter(), true), Duration.ZERO)) {
            String sid = placeCall(exotel, Map.of());

            await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(jdbc.sql(
                    "SELECT status FROM call_sessions WHERE call_sid = ?").param(sid).query(String.class).single()));

            assertThat(jdbc.sql("SELECT recording_url FROM call_sessions WHERE call_sid = ?").param(sid)
                    .query(String.class).optional()).isEmpty();
            HttpResponse<Void> guessed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exotel.port()
                    + "/recordings/" + sid + ".wav")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(guessed.statusCode()).isEqualTo(404);
        }
    }

    /** Places a direct-mode call (StreamUrl) as the dialer does; returns the call sid. */
    private String placeCall(LocalExotel exotel, Map<String, String> extra) throws Exception {
        URI signed = URI.create(urls.mediaStreamUrl(Map.of()));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("From", uniquePhone());
        form.put("CallerId", "08012345678");
        form.put("StreamUrl", "ws://127.0.0.1:" + port + signed.getRawPath() + "?" + signed.getRawQuery());
        form.put("StatusCallback", "http://127.0.0.1:" + port + "/webhooks/exotel/call-status?secret=" + WEBHOOK_SECRET);
        form.putAll(extra);
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + exotel.port() + "/v1/Accounts/acme1/Calls/connect.json"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("k:t".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String sid = new JsonMapper().readTree(response.body()).path("Call").path("Sid").asString();
        callRecords.placed(sid, insertLead("Recorded Lead", form.get("From")), null, "08012345678", form.get("From"));
        return sid;
    }
}
