package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.VaaniApplication;
import dev.vaani.call.identity.CallIdentitySigner;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.platform.EmbeddedServers;
import dev.vaani.testing.SignedStreams;
import dev.vaani.testing.StallingTcpProxy;
import dev.vaani.testing.TestProviders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL does not answer (hung: every statement waits for DATABASE_SOCKET_TIMEOUT, 30 s) when a lead picks up. The
 * lead never hears more than about two seconds of silence: a call our dialer placed starts from the context the
 * placement kept in Redis, any other hears that we will call back and ends. Both reach PostgreSQL, row included, once
 * it answers again. The server reaches PostgreSQL through a proxy the test stalls.
 */
class CallStartWithoutPostgresTest {

    @TempDir
    static Path dataDirectory;

    private static StallingTcpProxy proxy;
    private static ConfigurableApplicationContext context;
    private static JdbcClient direct;
    private static int port;
    private static String postgresJdbcUrl;
    private static String postgresPassword;
    private final JsonMapper json = new JsonMapper();
    private final Set<RawMediaSocket> sockets = new HashSet<>();

    @BeforeAll
    static void startAServerBehindAProxy() throws Exception {
        EmbeddedServers.Postgres postgres = EmbeddedServers.postgres(Path.of("target/test-data/postgres"));
        EmbeddedServers.Redis redis = EmbeddedServers.redis(Path.of("target/test-data/redis"));
        proxy = new StallingTcpProxy(postgres.port());
        context = new SpringApplicationBuilder(VaaniApplication.class, TestProviders.class)
                .properties("DATABASE_URL=" + postgres.databaseUrl().replace(":" + postgres.port() + "/", ":" + proxy.port() + "/"),
                        "REDIS_URL=" + redis.url(), "VAANI_DATA_DIR=" + dataDirectory, "server.port=0",
                        "db-scheduler.enabled=false", "vaani.durability.max-retry-delay=1s")
                // as in production (the tests' properties wait longer), and a hung PostgreSQL's statements wait 30 s
                .run("--vaani.call.database-wait=1500ms", "--DATABASE_SOCKET_TIMEOUT=30");
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
        postgresJdbcUrl = postgres.jdbcUrl();
        postgresPassword = postgres.password();
        direct = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(postgres.jdbcUrl(),
                "postgres", postgres.password()));
    }

    @AfterEach
    void answerAgain() {
        proxy.resume();
        sockets.forEach(RawMediaSocket::close);
        sockets.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        context.close();
        proxy.close();
    }

    @Test
    void aCallOurDialerPlacedIsGreetedByNameFromItsPlacementWhilePostgresHangs() throws Exception {
        String phone = uniquePhone();
        long lead = insertLead("Meera Placed", phone);
        long campaign = direct.sql("INSERT INTO campaigns (name) VALUES (?) RETURNING id").param("Placed " + UUID.randomUUID())
                .query(Long.class).single();
        // the dialer claimed the attempt and Exotel placed the call, but the dialer's record of it never landed
        long attempt = direct.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, due_at, state, dialing_at)
                VALUES (?, ?, now(), 'dialing', now()) RETURNING id""").params(lead, campaign).query(Long.class).single();
        String callSid = newCallSid();
        context.getBean(PlacementContexts.class).keep(callSid, new PlacementContexts.PlacementContext(lead, campaign,
                attempt, "Meera Placed", phone, "Asia/Kolkata", CampaignScript.defaultRealEstate(), Map.of(), null, Map.of()));
        proxy.stall();

        RawMediaSocket socket = startStream(callSid, context.getBean(CallIdentitySigner.class)
                .sign(lead, campaign, attempt, null), phone);

        socket.await(message -> message.path("event").asString().equals("media"), Duration.ofMillis(2_500));
        String greeting = greetingHeard(socket, callSid);
        assertThat(greeting).contains("Meera");
        socket.send(RawMediaSocket.stop(callSid, "callended"));

        proxy.resume();
        Map<String, Object> row = storedOnceEnded(callSid);
        assertThat(row).containsEntry("lead_id", lead).containsEntry("direction", "outbound")
                .containsEntry("final_outcome", "incomplete").containsEntry("exotel_leg", true);
        assertThat(json.readTree((String) row.get("transcript")).get(0).path("text").asString()).contains("Meera");
        assertThat(direct.sql("SELECT state, call_sid FROM scheduled_calls WHERE id = ?").param(attempt).query().singleRow())
                .as("the attempt is the call's, so its next step finds it and no one redials it")
                .containsEntry("state", "placed").containsEntry("call_sid", callSid);
    }

    @Test
    void anUnknownCallerHearsThatWeWillCallBackWithinTwoSecondsAndTheCallEndsClosed() throws Exception {
        String callSid = newCallSid();
        proxy.stall();

        RawMediaSocket socket = startStream(callSid, "", "+919812399999");

        socket.await(message -> message.path("event").asString().equals("media"), Duration.ofMillis(2_500));
        assertThat(greetingHeard(socket, callSid)).contains("call you back");
        assertThat(socket.closeCode().get(15, TimeUnit.SECONDS)).isEqualTo(1000);

        proxy.resume();
        Map<String, Object> row = storedOnceEnded(callSid);
        assertThat(row).containsEntry("final_outcome", "callback").containsEntry("status", "completed")
                .containsEntry("lead_id", null).containsEntry("direction", "inbound");
    }

    @Test
    void aPlacementKeptForAnotherLeadIsNotTakenByAStreamThatNamesItsCallSid() throws Exception {
        String placedPhone = uniquePhone();
        String otherPhone = uniquePhone();
        long placedLead = insertLead("Kavya Placed", placedPhone);
        long otherLead = insertLead("Other Signed", otherPhone);
        long attempt = attemptBeingDialled(placedLead);
        String callSid = newCallSid();
        context.getBean(PlacementContexts.class).keep(callSid, new PlacementContexts.PlacementContext(placedLead, null,
                attempt, "Kavya Placed", placedPhone, "Asia/Kolkata", CampaignScript.defaultRealEstate(), Map.of(), null, Map.of()));
        proxy.stall();

        RawMediaSocket socket = startStream(callSid, identityFor(otherLead, attempt), otherPhone);

        String heard = greetingHeard(socket, callSid);
        assertThat(heard).contains("call you back").doesNotContain("Kavya");
    }

    @Test
    void aCallWhoseRowPostgresHoldsBehindALockGoesOnAndItsRowLandsOnceTheLockIsGone() throws Exception {
        String phone = uniquePhone();
        long lead = insertLead("Ritu Locked", phone);
        long attempt = attemptBeingDialled(lead);
        String callSid = newCallSid();
        try (java.sql.Connection holder = java.sql.DriverManager.getConnection(postgresJdbcUrl, "postgres", postgresPassword);
             java.sql.Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("LOCK TABLE call_sessions IN SHARE MODE"); // reads go on, every insert and update waits

            RawMediaSocket socket = startStream(callSid, identityFor(lead, attempt), phone);

            socket.await(message -> message.path("event").asString().equals("media"), Duration.ofMillis(2_500));
            assertThat(greetingHeard(socket, callSid)).contains("Ritu");
            socket.send(RawMediaSocket.stop(callSid, "callended"));
            holder.rollback();
        }
        Map<String, Object> row = storedOnceEnded(callSid);
        assertThat(row).containsEntry("lead_id", lead).containsEntry("direction", "outbound");
        assertThat(json.readTree((String) row.get("transcript")).get(0).path("text").asString()).contains("Ritu");
    }

    @Test
    void readinessIsDownWhilePostgresDoesNotAnswer() throws Exception {
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertThat(client.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            proxy.stall();
            assertThat(client.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
            proxy.resume();
            await().atMost(Duration.ofSeconds(40)).until(() ->
                    client.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        }
    }

    // --- helpers ---

    /** The tests' database outlives runs: every lead gets a number of its own. */
    private static String uniquePhone() {
        return "+9198" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    private static long insertLead(String name, String phone) {
        return direct.sql("INSERT INTO leads (name, phone) VALUES (?, ?) RETURNING id").params(name, phone)
                .query(Long.class).single();
    }

    /** An attempt of this run's own (the tests' database outlives runs: a fixed id may be another call's by now). */
    private static long attemptBeingDialled(long lead) {
        long campaign = direct.sql("INSERT INTO campaigns (name) VALUES (?) RETURNING id")
                .param("Dialling " + UUID.randomUUID()).query(Long.class).single();
        return direct.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, due_at, state, dialing_at)
                VALUES (?, ?, now(), 'dialing', now()) RETURNING id""").params(lead, campaign).query(Long.class).single();
    }

    private static String identityFor(long lead, long attempt) {
        return context.getBean(CallIdentitySigner.class).sign(lead, null, attempt, null);
    }

    private RawMediaSocket startStream(String callSid, String identity, String from) throws Exception {
        RawMediaSocket socket = new RawMediaSocket(RawMediaSocket.uri(port,
                SignedStreams.query(identity, context.getBean(CallProperties.class))));
        sockets.add(socket);
        socket.send(RawMediaSocket.connected());
        socket.send(RawMediaSocket.start(callSid, "MZ" + callSid, from, Map.of(), "audio/x-raw"));
        return socket;
    }

    /** Echoes the bot's marks as Exotel would until its first line is in the call's Redis session; that line. */
    private String greetingHeard(RawMediaSocket socket, String callSid) {
        Set<String> echoed = new HashSet<>();
        var redis = context.getBean(org.springframework.data.redis.core.StringRedisTemplate.class);
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode message : socket.received()) {
                String name = message.path("mark").path("name").asString();
                if (message.path("event").asString().equals("mark") && echoed.add(name)) {
                    socket.sendQuietly(RawMediaSocket.mark("MZ" + callSid, name));
                }
            }
            String session = redis.opsForValue().get("session:" + callSid);
            JsonNode first = session == null ? null : json.readTree(session).path("transcript_history").get(0);
            return first == null ? null : first.path("text").asString();
        }, text -> text != null);
    }

    private Map<String, Object> storedOnceEnded(String callSid) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> direct.sql("""
                SELECT lead_id, direction, status, final_outcome, exotel_leg, transcript::text AS transcript FROM call_sessions
                 WHERE call_sid = ? AND media_ended_at IS NOT NULL AND ended_at IS NOT NULL""")
                .param(callSid).query().listOfRows().stream().findFirst().orElse(null), row -> row != null);
    }

    private static String newCallSid() {
        return "nopg" + UUID.randomUUID().toString().replace("-", "");
    }
}
