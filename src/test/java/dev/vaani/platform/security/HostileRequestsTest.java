package dev.vaani.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallProperties;
import dev.vaani.crm.CallRecords;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.VaaniIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server as an attacker sees it: each request goes out byte for byte on a socket (no client normalises the
 * path), and each must get exactly the status in the table, with no lead's name or phone number in the answer.
 * Placeholders: {KEY} the admin key, {HOOK} the webhook secret, {MEDIA} the media secret, {SID} a stored call,
 * {CAMPAIGN} a campaign with that call.
 */
class HostileRequestsTest extends VaaniIntegrationTest {

    private static final String NAME = "Zenobia Leakcheck";
    private static final String UPGRADE = "Upgrade: websocket|Connection: Upgrade|Sec-WebSocket-Version: 13"
            + "|Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";

    private static final String CAMPAIGN_NAME = "Leakcheck campaign " + UUID.randomUUID();
    private static String phone;
    private static String sid;
    private static long campaign;

    @Autowired
    CallRecords callRecords;

    @Autowired
    CallProperties call;

    record Hostile(String what, String method, String target, String headers, byte[] body, int status) {
        @Override
        public String toString() {
            return what + ": " + method + " " + target + " -> " + status;
        }
    }

    private static void addSpellings(List<Hostile> table, String method, String route) {
        String first = route.substring(1, route.indexOf('/', 1));
        String rest = route.substring(route.indexOf('/', 1));
        byte[] body = method.equals("GET") ? null : new byte[0];
        table.add(new Hostile(method + " no key", method, route, "", body, 401));
        table.add(new Hostile(method + " wrong key", method, route, "X-API-Key: vaani_wrong", body, 401));
        table.add(new Hostile(method + " percent-encoded letter", method,
                "/%" + Integer.toHexString(first.charAt(0)) + first.substring(1) + rest, "", body, 401));
        table.add(new Hostile(method + " matrix parameter", method, "/" + first + ";x=1" + rest, "", body, 400));
        table.add(new Hostile(method + " double slash", method, "/" + first + "/" + rest, "", body, 400));
        table.add(new Hostile(method + " dot segment", method, "/" + first + "/." + rest, "", body, 400));
        table.add(new Hostile(method + " dot-dot segment", method, "/x/.." + route, "", body, 400));
        table.add(new Hostile(method + " upper case", method, "/" + first.toUpperCase() + rest, "", body, 401));
        table.add(new Hostile(method + " trailing slash", method, route + "/", "", body, 401));
    }

    private static Hostile get(String what, String target, int status) {
        return new Hostile(what, "GET", target, "", null, status);
    }

    private static Hostile get(String what, String target, String headers, int status) {
        return new Hostile(what, "GET", target, headers, null, status);
    }

    private static Hostile post(String what, String target, String headers, String body, int status) {
        return new Hostile(what, "POST", target, headers, body.getBytes(StandardCharsets.UTF_8), status);
    }

    private static final List<String> PROTECTED = List.of("/api/calls", "/api/leads", "/api/campaigns",
            "/api/calls/{SID}", "/api/campaigns/{CAMPAIGN}/results.csv", "/api/leads/1/queued-calls",
            "/api/leads/1/calls-from-number",
            "/actuator/prometheus", "/actuator/metrics", "/actuator/health/db", "/v3/api-docs", "/swagger-ui/index.html");

    /** Routes that change something: refused the same way, without the key, under every spelling. */
    private static final List<String> PROTECTED_POSTS = List.of("/api/leads/1/erase");
    private static final List<String> PROTECTED_PUTS = List.of("/api/leads/1/do-not-call");

    static Stream<Hostile> hostileRequests() {
        List<Hostile> table = new ArrayList<>();
        for (String route : PROTECTED) {
            addSpellings(table, "GET", route);
        }
        for (String route : PROTECTED_POSTS) {
            addSpellings(table, "POST", route);
        }
        for (String route : PROTECTED_PUTS) {
            addSpellings(table, "PUT", route);
        }
        table.addAll(List.of(
                get("encoded slash", "/api%2Fleads", 400),
                get("encoded dot segment", "/api/%2e/leads", 400),
                get("encoded percent", "/%2561pi/leads", 400),
                get("backslash", "/api\\leads".replace("\\", "%5C"), 400),
                get("absolute-form target", "http://127.0.0.1:{PORT}/api/leads", 401),
                get("Bearer with a wrong key", "/api/leads", "Authorization: Bearer vaani_wrong", 401),
                get("Basic instead of the key", "/api/leads", "Authorization: Basic " + basic("admin:{KEY}"), 401),
                get("empty key", "/api/leads", "X-API-Key: ", 401),
                get("key in the query instead of a header", "/api/leads?api_key={KEY}", 401),
                // the console's pages send a visitor without a session to its sign-in page, and show nothing
                get("rewrite header", "/", "X-Original-URL: /api/leads|X-Rewrite-URL: /api/leads", 302),
                new Hostile("HEAD without a key", "HEAD", "/api/leads", "", null, 401),
                new Hostile("OPTIONS without a key", "OPTIONS", "/api/leads", "", null, 401),
                post("create a lead without a key", "/api/leads", "Content-Type: application/json",
                        "{\"name\":\"Mallory\",\"phone\":\"+919811111111\"}", 401),
                get("actuator index", "/actuator", 401),
                get("health with trailing slash", "/actuator/health/", 401),
                get("health component", "/actuator/health/redis", 401),
                get("unknown path", "/internal/leads", 401),
                get("console home without signing in", "/", 302),
                get("console calls without signing in", "/calls/{SID}", 302),
                get("console leads without signing in", "/leads", 302),
                get("console results without signing in", "/campaigns/{CAMPAIGN}/results.csv", 302),
                get("console import check without signing in", "/campaigns/{CAMPAIGN}/import/check", 302),
                get("console campaign page refusing a file, without signing in",
                        "/campaigns/{CAMPAIGN}?importTooLarge", 302),
                get("console with a forged session", "/leads", "Cookie: JSESSIONID=forged", 302),
                get("console with the API key instead of a session", "/leads", "X-API-Key: {KEY}", 302),
                get("error page directly", "/error", 401),
                // the status webhook
                post("webhook without secret", "/webhooks/exotel/call-status", "Content-Type: application/json",
                        callback(), 401),
                post("webhook with wrong secret", "/webhooks/exotel/call-status?secret=wrong",
                        "Content-Type: application/json", callback(), 401),
                // a query that is not valid percent-encoding is refused before anything reads it
                post("webhook with malformed secret", "/webhooks/exotel/call-status?secret=%zz",
                        "Content-Type: application/json", callback(), 400),
                post("webhook with malformed query", "/webhooks/exotel/call-status?%zz=1&secret={HOOK}",
                        "Content-Type: application/json", callback(), 400),
                post("webhook with the secret and a malformed CallSid", "/webhooks/exotel/call-status?secret={HOOK}"
                        + "&CallSid=%zz", "Content-Type: application/json", callback(), 400),
                post("webhook form body that is not valid percent-encoding",
                        "/webhooks/exotel/call-status?secret={HOOK}", "Content-Type: application/x-www-form-urlencoded",
                        "CallSid=%zz&Status=completed", 400),
                post("webhook with wrong header secret", "/webhooks/exotel/call-status",
                        "X-Vaani-Secret: wrong|Content-Type: application/json", callback(), 401),
                post("webhook with the header twice", "/webhooks/exotel/call-status",
                        "X-Vaani-Secret: {HOOK}|X-Vaani-Secret: wrong|Content-Type: application/json", callback(), 401),
                post("webhook with two different secrets", "/webhooks/exotel/call-status?secret={HOOK}",
                        "X-Vaani-Secret: wrong|Content-Type: application/json", callback(), 401),
                post("webhook with Basic not base64", "/webhooks/exotel/call-status",
                        "Authorization: Basic !!!|Content-Type: application/json", callback(), 401),
                post("webhook with Basic without a colon", "/webhooks/exotel/call-status",
                        "Authorization: Basic " + basic("{HOOK}") + "|Content-Type: application/json", callback(), 401),
                post("webhook with the admin key instead", "/webhooks/exotel/call-status",
                        "X-API-Key: {KEY}|Content-Type: application/json", callback(), 401),
                post("webhook secret in a matrix parameter", "/webhooks/exotel/call-status;secret={HOOK}",
                        "Content-Type: application/json", callback(), 400),
                post("webhook oversized", "/webhooks/exotel/call-status?secret={HOOK}",
                        "Content-Type: application/json", "{\"CallSid\":\"" + "a".repeat(70_000) + "\"}", 413),
                post("webhook oversized and chunked", "/webhooks/exotel/call-status?secret={HOOK}",
                        "Content-Type: application/json|Transfer-Encoding: chunked",
                        chunked("{\"CallSid\":\"" + "a".repeat(70_000) + "\"}"), 413),
                post("webhook oversized without secret", "/webhooks/exotel/call-status",
                        "Content-Type: application/json", "{\"CallSid\":\"" + "a".repeat(70_000) + "\"}", 401),
                post("webhook as text/plain", "/webhooks/exotel/call-status?secret={HOOK}", "Content-Type: text/plain",
                        "CallSid={SID}&Status=completed", 415),
                post("webhook as XML", "/webhooks/exotel/call-status?secret={HOOK}", "Content-Type: application/xml",
                        "<CallSid>{SID}</CallSid>", 415),
                get("webhook by GET with the secret", "/webhooks/exotel/call-status?secret={HOOK}", 403),
                get("other webhook path", "/webhooks/exotel/other", 401),
                // the flow's transfer check (Passthru): a 302 there rings the sales desk
                get("transfer check without secret", "/webhooks/exotel/transfer-check?CallSid={SID}", 401),
                get("transfer check with wrong secret", "/webhooks/exotel/transfer-check?secret=wrong&CallSid={SID}", 401),
                get("transfer check with the media secret", "/webhooks/exotel/transfer-check?secret={MEDIA}&CallSid={SID}", 401),
                get("transfer check with the admin key instead", "/webhooks/exotel/transfer-check?CallSid={SID}",
                        "X-API-Key: {KEY}", 401),
                // the customer-webhook log, replay and configuration (they carry secrets and transcripts)
                get("webhook deliveries without key", "/api/calls/{SID}/webhook-deliveries", 401),
                post("webhook replay without key", "/api/webhook-deliveries/1/replay", "", "", 401),
                get("campaign webhook without key", "/api/campaigns/{CAMPAIGN}/webhook", 401),
                new Hostile("campaign webhook set without key", "PUT", "/api/campaigns/{CAMPAIGN}/webhook",
                        "Content-Type: application/json", "{\"url\":\"http://169.254.169.254/\"}"
                        .getBytes(StandardCharsets.UTF_8), 401),
                // the voicebot URL (its answer carries the media secret)
                get("voicebot URL without secret", "/exotel/voicebot-url?CallSid={SID}", 401),
                get("voicebot URL with wrong secret", "/exotel/voicebot-url?secret=wrong&CallSid={SID}", 401),
                get("voicebot URL with malformed secret", "/exotel/voicebot-url?secret=%zz", 400),
                get("voicebot URL with the secret and a malformed CustomField",
                        "/exotel/voicebot-url?secret={HOOK}&CustomField=%zz", 400),
                get("voicebot URL with an escape cut short", "/exotel/voicebot-url?secret={HOOK}&CallSid=%4", 400),
                get("voicebot URL with escapes that are not UTF-8",
                        "/exotel/voicebot-url?secret={HOOK}&CallSid=%ff", 400),
                get("voicebot URL with a raw control byte", "/exotel/voicebot-url?secret={HOOK}&CallSid=\u0085", 400),
                get("voicebot URL with a parameter without a name", "/exotel/voicebot-url?secret={HOOK}&=x", 400),
                get("transfer check with the secret and a malformed CallSid",
                        "/webhooks/exotel/transfer-check?secret={HOOK}&CallSid=%zz", 400),
                get("sign-in page with a malformed parameter", "/login?error=%zz", 400),
                post("sign-in form that is not valid percent-encoding", "/login",
                        "Content-Type: application/x-www-form-urlencoded", "key=%zz", 400),
                get("voicebot URL with the media secret", "/exotel/voicebot-url?secret={MEDIA}", 401),
                get("voicebot URL with Basic not base64", "/exotel/voicebot-url", "Authorization: Basic %%%", 401),
                get("voicebot URL upper case", "/EXOTEL/voicebot-url?secret={HOOK}", 401),
                // the media stream
                get("media without secret", "/media", UPGRADE, 401),
                get("media with wrong token", "/media?token=wrong", UPGRADE, 401),
                get("media with malformed token", "/media?token=%zz", UPGRADE, 400),
                get("media with the token and a malformed parameter", "/media?token={MEDIA}&x=%zz", UPGRADE, 400),
                get("media with the webhook secret", "/media?token={HOOK}", UPGRADE, 401),
                get("media with wrong Basic password", "/media", UPGRADE + "|Authorization: Basic " + basic("vaani:wrong"), 401),
                // the lead import
                post("import without key", "/api/leads/import", "Content-Type: text/csv", "name,phone\nX,+919812345678\n", 401),
                post("import oversized", "/api/leads/import", "X-API-Key: {KEY}|Content-Type: text/csv",
                        "name,phone\n" + "a".repeat(10 * 1024 * 1024), 413),
                post("import as XML", "/api/leads/import", "X-API-Key: {KEY}|Content-Type: application/xml", "<a/>", 415),
                post("lead as text/plain", "/api/leads", "X-API-Key: {KEY}|Content-Type: text/plain", "x", 415),
                post("API body oversized", "/api/leads", "X-API-Key: {KEY}|Content-Type: application/json",
                        "{\"name\":\"" + "a".repeat(1_100_000) + "\"}", 413)));
        return table.stream();
    }

    @BeforeEach
    void seedALeadWithACall() {
        if (sid != null) {
            return;
        }
        phone = uniquePhone();
        long lead = insertLead(NAME, phone);
        campaign = jdbc.sql("INSERT INTO campaigns (name) VALUES (?) RETURNING id").param(CAMPAIGN_NAME)
                .query(Long.class).single();
        jdbc.sql("INSERT INTO campaign_leads (campaign_id, lead_id) VALUES (?, ?)").params(campaign, lead).update();
        String callSid = "leak" + UUID.randomUUID().toString().replace("-", "");
        callRecords.placed(callSid, lead, campaign, "08012345678", phone);
        sid = callSid;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void isRefusedWithoutLeakingData(Hostile hostile) throws Exception {
        RawHttp.Response response = RawHttp.send(port, hostile.method(), fill(hostile.target()),
                hostile.headers().isEmpty() ? List.of() : List.of(fill(hostile.headers()).split("\\|")),
                hostile.body() == null ? null : fill(new String(hostile.body(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(hostile + " answered\n" + response.body()).isEqualTo(hostile.status());
        assertNothingLeaked(response);
    }

    @Test
    void withTheKeyTheSameRoutesAnswerWithTheData() throws Exception {
        // So the leak check above can fail: these routes do carry the seeded lead when asked properly.
        for (String route : List.of("/api/leads", "/api/calls/{SID}", "/api/campaigns/{CAMPAIGN}/results.csv")) {
            RawHttp.Response response = RawHttp.get(port, fill(route), fill("X-API-Key: {KEY}"));
            assertThat(response.status()).as(route).isEqualTo(200);
            assertThat(response.body()).as(route).containsAnyOf(NAME, phone.substring(3));
        }
        // (/actuator/prometheus itself is off in tests: Spring Boot disables metric exporters there)
        assertThat(RawHttp.get(port, "/actuator/metrics", fill("Authorization: Bearer {KEY}")).status()).isEqualTo(200);
        assertThat(RawHttp.get(port, "/v3/api-docs", fill("X-API-Key: {KEY}")).body()).contains("/api/leads/import");
    }

    @Test
    void springMvcRoutesExactlyThePathsTheSecurityChainSaw() throws Exception {
        String key = fill("X-API-Key: {KEY}");
        // decoded alike: with the key, the encoded path is the same route
        assertThat(RawHttp.get(port, "/%61pi/leads", key).status()).isEqualTo(200);
        // neither matches other case or a trailing slash: no handler behind a path the chain did not guard
        assertThat(RawHttp.get(port, "/API/leads", key).status()).isEqualTo(401);
        assertThat(RawHttp.get(port, "/api/leads/", key).status()).isEqualTo(404);
    }

    @Test
    void healthIsABareStatusWithoutTheKeyAndDetailedWithIt() throws Exception {
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            RawHttp.Response open = RawHttp.get(port, probe);
            assertThat(open.status()).as(probe).isEqualTo(200);
            assertThat(open.body()).as(probe).contains("\"status\":\"UP\"").doesNotContain("components", "details");
        }
        assertThat(RawHttp.get(port, "/actuator/health", fill("X-API-Key: {KEY}")).body())
                .contains("\"components\"", "\"db\"", "\"redis\"");
    }

    @Test
    void theRightSecretsAreAccepted() throws Exception {
        RawHttp.Response webhook = RawHttp.send(port, "POST", fill("/webhooks/exotel/call-status?secret={HOOK}"),
                List.of("Content-Type: application/json"), fill(callback()).getBytes(StandardCharsets.UTF_8));
        RawHttp.Response basic = RawHttp.send(port, "POST", "/webhooks/exotel/call-status",
                List.of("Content-Type: application/json", "Authorization: Basic " + basic("exotel:" + WEBHOOK_SECRET)),
                fill(callback()).getBytes(StandardCharsets.UTF_8));
        RawHttp.Response voicebot = RawHttp.get(port, fill("/exotel/voicebot-url?secret={HOOK}&CallSid=abc"));
        RawHttp.Response media = RawHttp.get(port, fill("/media?token={MEDIA}"), fill(UPGRADE).split("\\|"));
        List<String> basicMedia = new ArrayList<>(List.of(UPGRADE.split("\\|")));
        basicMedia.add("Authorization: Basic " + basic("vaani:" + call.mediaSecret())); // as Exotel sends wss://user:pass@
        RawHttp.Response mediaBasic = RawHttp.send(port, "GET", "/media", basicMedia, null);

        assertThat(webhook.status()).as(webhook.body()).isEqualTo(200);
        assertThat(basic.status()).as(basic.body()).isEqualTo(200);
        assertThat(voicebot.status()).isEqualTo(200);
        assertThat(media.status()).isEqualTo(101);
        assertThat(mediaBasic.status()).isEqualTo(101);
    }

    @Test
    void theSimulatorFindsTheMediaSecretTheServerGenerated() {
        // What lets ./vaani simulate (and every live-call test) connect without being told the secret.
        assertThat(SimulatorOptions.builder().build().token()).isEqualTo(call.mediaSecret());
        assertThat(SimulatorOptions.builder().withoutCredentials().build().token()).isNull();
    }

    private void assertNothingLeaked(RawHttp.Response response) {
        assertThat(response.body()).doesNotContain(NAME, phone, phone.substring(3), CAMPAIGN_NAME,
                "at dev.vaani", "Exception");
        assertThat(String.join("\n", response.headers())).doesNotContain(NAME, phone.substring(3));
    }

    private String fill(String text) {
        return text.replace("{KEY}", adminApiKey.value()).replace("{HOOK}", WEBHOOK_SECRET)
                .replace("{MEDIA}", call.mediaSecret()).replace("{SID}", sid)
                .replace("{CAMPAIGN}", Long.toString(campaign)).replace("{PORT}", Integer.toString(port));
    }

    private static String callback() {
        return "{\"CallSid\":\"{SID}\",\"Status\":\"ringing\"}";
    }

    private static String basic(String userPassword) {
        return Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static String chunked(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i += 8192) {
            String part = body.substring(i, Math.min(body.length(), i + 8192));
            out.append(Integer.toHexString(part.length())).append("\r\n").append(part).append("\r\n");
        }
        return out.append("0\r\n\r\n").toString();
    }
}
