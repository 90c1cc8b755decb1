package dev.vaani.telephony.exotel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.json.JsonMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vaani.call.CallProperties;
import dev.vaani.telephony.exotel.ExotelApiException.Reason;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import dev.vaani.call.identity.CallIdentitySigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExotelClientTest {

    @RegisterExtension
    static WireMockExtension exotel = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String CONNECT = "/v1/Accounts/acme1/Calls/connect.json";
    private static final CallIdentitySigner SIGNER = new CallIdentitySigner(new byte[32],
            Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));

    private ExotelClient client(String exophloId) {
        return client(exophloId, Duration.ofSeconds(5));
    }

    private ExotelClient client(String exophloId, Duration requestTimeout) {
        return client(new ExotelProperties("acme1", "key123", "token456", "08012345678", exophloId,
                exotel.baseUrl(), "hook-secret"), requestTimeout);
    }

    /** EXOTEL_RECORD_CALLS=true */
    private ExotelClient recordingClient() {
        return client(new ExotelProperties("acme1", "key123", "token456", "08012345678", "", exotel.baseUrl(),
                "hook-secret", true, 10), Duration.ofSeconds(5));
    }

    private ExotelClient client(ExotelProperties properties, Duration requestTimeout) {
        CallProperties call = new CallProperties("/media", 10, "media-secret", 500, 600, 500, 200, 300, 1500, 262144,
                200, 400, 5000, 8000, "en");
        ExotelCallUrls urls = new ExotelCallUrls("https://vaani.example.com", call, properties);
        ExotelClientSettings settings = new ExotelClientSettings(200, 3, Duration.ofMillis(10), Duration.ofSeconds(2),
                requestTimeout);
        return new ExotelClient(properties, settings, urls, call, new JsonMapper(), SIGNER);
    }

    private static OutboundCallRequest request() {
        return new OutboundCallRequest("+919876543210", 12, 3L, 2, true, 40L);
    }

    private static Map<String, String> sentForm() {
        String body = exotel.getAllServeEvents().getFirst().getRequest().getBodyAsString();
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void placesAConnectVoiceAiCallStreamingToOurMediaEndpoint() {
        exotel.stubFor(post(CONNECT).willReturn(okJson("{\"Call\":{\"Sid\":\"b6cfaf5f5cef3ca0fc937749ef96d245\",\"Status\":\"in-progress\"}}")));

        CallPlacement placement = client("").makeCall(request());

        assertThat(placement).isEqualTo(new CallPlacement("b6cfaf5f5cef3ca0fc937749ef96d245", "in-progress"));
        assertThat(sentForm()).containsExactly(
                Map.entry("From", "+919876543210"),
                Map.entry("CallerId", "08012345678"),
                Map.entry("StreamUrl", "wss://vaani.example.com/media?vaani_call="
                        + SIGNER.sign(12L, 3L, 40L, null) + "&token=media-secret"),
                Map.entry("StreamType", "bidirectional"),
                Map.entry("CustomField", "lead=12;campaign=3;attempt=2;scheduled=40"),
                Map.entry("StatusCallback", "https://vaani.example.com/webhooks/exotel/call-status?secret=hook-secret"),
                Map.entry("StatusCallbackEvents[0]", "terminal"),
                Map.entry("StatusCallbackEvents[1]", "answered"),
                Map.entry("StatusCallbackContentType", "application/json"),
                Map.entry("TimeLimit", "660"),
                Map.entry("Record", "true"),
                Map.entry("RecordingChannels", "dual"));
    }

    @Test
    void exotelsTimeLimitLeavesTheWrapUpAMinuteWithinItsFourHourCap() {
        CallProperties tenMinutes = new CallProperties("/media", 10, "media-secret", 500, 600, 500, 200, 300, 1500,
                262144, 200, 400, 5000, 8000, "en");
        CallProperties fourHours = new CallProperties("/media", 240, "media-secret", 500, 600, 500, 200, 300, 1500,
                262144, 200, 400, 5000, 8000, "en");

        // the polite wrap-up starts 600 s after the stream does, and says goodbye in at most 20 s
        assertThat(ExotelClient.timeLimitSeconds(tenMinutes)).isEqualTo(660);
        assertThat(ExotelClient.timeLimitSeconds(fourHours)).isEqualTo(14_400);
    }

    @Test
    void anUnrecordedCampaignCallIsNotRecordedUnlessRecordingIsOnForTheAccount() {
        exotel.stubFor(post(CONNECT).willReturn(okJson("{\"Call\":{\"Sid\":\"abc\"}}")));
        OutboundCallRequest unrecorded = new OutboundCallRequest("+919876543210", 12, 3L, 1, false, 41L);

        client("").makeCall(unrecorded);
        assertThat(sentForm()).containsEntry("Record", "false").doesNotContainKey("RecordingChannels");

        exotel.resetRequests();
        recordingClient().makeCall(unrecorded);
        assertThat(sentForm()).containsEntry("Record", "true").containsEntry("RecordingChannels", "dual");
    }

    @Test
    void sendsBasicAuthAndFormEncoding() {
        exotel.stubFor(post(CONNECT).willReturn(okJson("{\"Call\":{\"Sid\":\"abc\"}}")));

        client("").makeCall(request());

        exotel.verify(postRequestedFor(urlEqualTo(CONNECT))
                .withHeader("Authorization", equalTo("Basic a2V5MTIzOnRva2VuNDU2"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded")));
    }

    @Test
    void flowModeSendsTheFlowUrlInsteadOfAStream() {
        exotel.stubFor(post(CONNECT).willReturn(okJson("{\"call\":{\"sid\":\"lowercase-sid\",\"status\":\"queued\"}}")));

        CallPlacement placement = client("app777").makeCall(request());

        assertThat(placement.callSid()).isEqualTo("lowercase-sid");
        assertThat(sentForm()).containsEntry("Url", "http://my.exotel.com/acme1/exoml/start_voice/app777")
                .doesNotContainKeys("StreamUrl", "StreamType");
    }

    @Test
    void mapsClientErrorsToTypedReasonsWithExotelsMessage() {
        exotel.stubFor(post(CONNECT).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"RestException\":{\"Status\":400,\"Message\":\"From is not a valid phone number\"}}")));

        assertThatThrownBy(() -> client("").makeCall(request())).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("From is not a valid phone number");
        });
        assertThat(exotel.getAllServeEvents()).hasSize(1);
    }

    @Test
    void exotelsMessageIsTakenOnOneLineWithPhoneNumbersMasked() {
        assertThat(ExotelClient.clientError(400, "+919876543210 is not valid\nFAKE ERROR admin key leaked").getMessage())
                .isEqualTo("Invalid request or phone number: +91XXXXXX3210 is not valid\\nFAKE ERROR admin key leaked");
    }

    @Test
    void recognisesBadCredentialsPaymentFeatureAndDnd() {
        assertThat(ExotelClient.clientError(401, null).reason()).isEqualTo(Reason.BAD_CREDENTIALS);
        assertThat(ExotelClient.clientError(402, "Insufficient balance").reason()).isEqualTo(Reason.PAYMENT_REQUIRED);
        assertThat(ExotelClient.clientError(403, "Feature not enabled").reason()).isEqualTo(Reason.FEATURE_NOT_ENABLED);
        assertThat(ExotelClient.clientError(403, "Number is in DND").reason()).isEqualTo(Reason.NUMBER_BLOCKED);
    }

    @Test
    void anAccountThatIsBlockedIsTheAccountsRefusalNotTheNumbers() {
        assertThat(ExotelClient.clientError(403, "Your account is blocked").accountRefused()).isTrue();
        assertThat(ExotelClient.clientError(403, "Number is blocked").accountRefused()).isFalse();
    }

    @Test
    void retriesARateLimitAfterRetryAfterThenSucceeds() {
        exotel.stubFor(post(CONNECT).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"RestException\":{\"Status\":429,\"Message\":\"Rate limit exceeded\"}}"))
                .willSetStateTo("open"));
        exotel.stubFor(post(CONNECT).inScenario("429").whenScenarioStateIs("open")
                .willReturn(okJson("{\"Call\":{\"Sid\":\"after-429\"}}")));

        assertThat(client("").makeCall(request()).callSid()).isEqualTo("after-429");
        assertThat(exotel.getAllServeEvents()).hasSize(2);
    }

    @Test
    void retriesServerErrorsOnReadsThenGivesUpWithARetryableError() {
        exotel.stubFor(get("/v1/Accounts/acme1/Calls/b6cf.json").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client("").getCallDetails("b6cf")).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
            assertThat(e.retryable()).isTrue();
        });
        assertThat(exotel.getAllServeEvents()).hasSize(3);
    }

    @Test
    void aServerErrorPlacingACallIsNeverRepeatedItsOutcomeIsUnknown() {
        exotel.stubFor(post(CONNECT).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client("").makeCall(request())).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.OUTCOME_UNKNOWN);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(exotel.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aTimeoutPlacingACallIsNeverRepeatedItsOutcomeIsUnknown() {
        exotel.stubFor(post(CONNECT).willReturn(okJson("{\"Call\":{\"Sid\":\"late\"}}").withFixedDelay(1500)));

        assertThatThrownBy(() -> client("", Duration.ofMillis(300)).makeCall(request()))
                .isInstanceOfSatisfying(ExotelApiException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OUTCOME_UNKNOWN));
        assertThat(exotel.getAllServeEvents()).hasSize(1);
    }

    @Test
    void anAcceptedPlacementWithoutACallSidIsNeverRepeatedItsOutcomeIsUnknown() {
        exotel.stubFor(post(CONNECT).willReturn(okJson("{\"Call\":{\"Status\":\"queued\"}}")));

        assertThatThrownBy(() -> client("").makeCall(request())).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.OUTCOME_UNKNOWN);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(exotel.getAllServeEvents()).hasSize(1);
    }

    @Test
    void anAcceptedPlacementWhoseBodyIsNotJsonIsNeverRepeatedItsOutcomeIsUnknown() {
        exotel.stubFor(post(CONNECT).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html>Service temporarily busy</html>")));

        assertThatThrownBy(() -> client("").makeCall(request())).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.OUTCOME_UNKNOWN);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(exotel.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aRedirectPlacingACallSaysToCheckTheBaseUrl() {
        exotel.stubFor(post(CONNECT).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "https://api.exotel.com" + CONNECT)));

        assertThatThrownBy(() -> client("").makeCall(request())).isInstanceOfSatisfying(ExotelApiException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
            assertThat(e.getMessage()).contains("301", "EXOTEL_BASE_URL");
        });
        assertThat(exotel.getAllServeEvents()).hasSize(1);
    }

    @Test
    void findsTheCallsMadeFromANumberInATimeWindow() {
        exotel.stubFor(get(urlPathEqualTo("/v1/Accounts/acme1/Calls.json")).willReturn(okJson("""
                { "Metadata": { "Total": 1 }, "Calls": [ { "Sid": "f00d", "Status": "in-progress",
                  "From": "+919876543210", "DateCreated": "2025-06-02 11:30:05", "CustomField": "lead=12;campaign=3;attempt=2" } ] }""")));

        var calls = client("").findCalls("+919876543210", Instant.parse("2025-06-02T06:00:00Z"),
                Instant.parse("2025-06-02T06:02:00Z"));

        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.callSid()).isEqualTo("f00d");
            assertThat(c.customField()).isEqualTo("lead=12;campaign=3;attempt=2");
            assertThat(c.dateCreated()).isEqualTo(Instant.parse("2025-06-02T06:00:05Z"));
        });
        exotel.verify(getRequestedFor(urlPathEqualTo("/v1/Accounts/acme1/Calls.json"))
                .withQueryParam("From", equalTo("+919876543210"))
                .withQueryParam("DateCreated", equalTo("gte:2025-06-02 11:30:00;lte:2025-06-02 11:32:00")));
    }

    @Test
    void readsCallDetails() {
        exotel.stubFor(get("/v1/Accounts/acme1/Calls/b6cf.json").willReturn(okJson("""
                { "Call": { "Sid": "b6cf", "Status": "completed", "To": "0XXXXX38847", "From": "09876543210",
                  "StartTime": "2017-03-03 10:48:33", "EndTime": "2017-03-03 10:49:50", "Duration": "17",
                  "Price": "1.500", "Direction": "outbound-api", "RecordingUrl": "https://rec.example/r.mp3" } }""")));

        CallDetails details = client("").getCallDetails("b6cf");

        assertThat(details).isEqualTo(new CallDetails("b6cf", "completed", "09876543210", "0XXXXX38847", "outbound-api",
                Instant.parse("2017-03-03T05:18:33Z"), Instant.parse("2017-03-03T05:19:50Z"), 17, "1.500",
                "https://rec.example/r.mp3", null, null));
    }
}
