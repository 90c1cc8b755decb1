package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vaani.VaaniApplication;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.ConversationStage;
import dev.vaani.conversation.ConversationState;
import dev.vaani.platform.EmbeddedServers;
import dev.vaani.platform.admin.AdminApiKey;
import dev.vaani.testing.StallingTcpProxy;
import dev.vaani.testing.TestProviders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * PostgreSQL stops answering (hung, stuck behind a lock, a broken network path) rather than refusing connections: the
 * server reaches it through a proxy that stops forwarding, or finds the call's row locked. A statement it never
 * answers must fail after {@code DATABASE_SOCKET_TIMEOUT}, so that a call's record write is kept in Redis and retried
 * instead of holding its thread and a pooled connection until PostgreSQL answers, if it ever does.
 */
class PostgresHangTest {

    @TempDir
    static Path dataDirectory;

    private static EmbeddedServers.Postgres postgres;
    private static StallingTcpProxy proxy;
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startAServerBehindAProxy() throws Exception {
        postgres = EmbeddedServers.postgres(Path.of("target/test-data/postgres"));
        EmbeddedServers.Redis redis = EmbeddedServers.redis(Path.of("target/test-data/redis"));
        proxy = new StallingTcpProxy(postgres.port());
        context = new SpringApplicationBuilder(VaaniApplication.class, TestProviders.class)
                .properties("DATABASE_URL=" + postgres.databaseUrl().replace(":" + postgres.port() + "/", ":" + proxy.port() + "/"),
                        "REDIS_URL=" + redis.url(), "VAANI_DATA_DIR=" + dataDirectory, "server.port=0",
                        "db-scheduler.enabled=false", "DATABASE_SOCKET_TIMEOUT=2", "vaani.durability.max-retry-delay=1s",
                        "vaani.durability.write-delay=100ms", "spring.datasource.hikari.connection-timeout=2000")
                .run();
    }

    @AfterAll
    static void stop() throws Exception {
        context.close();
        proxy.close();
    }

    @Test
    void aStatementPostgresNeverAnswersFailsAfterTheSocketTimeout() throws Exception {
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            proxy.stall();
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                        assertThatThrownBy(() -> connection.createStatement().execute("SELECT 1"))
                                .isInstanceOf(SQLException.class));
            } finally {
                proxy.resume();
            }
        }
    }

    @Test
    void theAdminApiAnswers503WhilePostgresDoesNotAnswer() throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpRequest calls = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/calls"))
                .header("X-API-Key", context.getBean(AdminApiKey.class).value()).timeout(Duration.ofSeconds(30)).build();
        proxy.stall();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(calls, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).contains("database is unavailable");
        } finally {
            proxy.resume();
        }
    }

    @Test
    void aCallsEndWrittenWhilePostgresDoesNotAnswerIsKeptInRedisAndLandsWhenItAnswers() throws Exception {
        String callSid = "pghang" + UUID.randomUUID().toString().replace("-", "");
        CallRecordStore records = context.getBean(CallRecordStore.class);
        CallRecordWriter writer = context.getBean(CallRecordWriter.class);
        StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
        records.started(callSid, "MZ" + callSid, null, null, "inbound", "+919812300002", "08012345678", 8000, Instant.now());
        writer.track(callSid, null);

        try (Connection holder = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", postgres.password());
             Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("SELECT 1 FROM call_sessions WHERE call_sid = '" + callSid + "' FOR UPDATE");
            writer.ended(callSid, new ConversationState(ConversationStage.CLOSING, Map.of("location", "Whitefield"),
                    false, CallOutcome.QUALIFIED, null, false),
                    null, new CallRecordStore.End("completed", "callended", Instant.now(), null, List.of()));

            await().atMost(Duration.ofSeconds(15)).until(() -> redis.hasKey(CallRecordWriter.outboxKey(callSid)));
            holder.rollback();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> !writer.held().contains(callSid));
        Map<String, Object> row = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("""
                SELECT status, final_outcome, collected_data ->> 'location' AS location FROM call_sessions
                 WHERE call_sid = ?""").param(callSid).query().singleRow();
        assertThat(row).containsEntry("status", "completed").containsEntry("final_outcome", "qualified")
                .containsEntry("location", "Whitefield");
        await().atMost(Duration.ofSeconds(10)).until(() -> !redis.hasKey(CallRecordWriter.outboxKey(callSid)));
    }

    /** A call whose row PostgreSQL holds behind a lock: every statement touching it waits until the socket timeout. */
    private String liveCallWhoseRowIs(Statement lock) throws SQLException {
        String callSid = "pghang" + UUID.randomUUID().toString().replace("-", "");
        context.getBean(CallRecordStore.class).started(callSid, "MZ" + callSid, null, null, "inbound", "+919812300003",
                "08012345678", 8000, Instant.now());
        lock.getConnection().setAutoCommit(false);
        lock.execute("SELECT 1 FROM call_sessions WHERE call_sid = '" + callSid + "' FOR UPDATE");
        context.getBean(CallRecordWriter.class).track(callSid, null);
        return callSid;
    }

    @Test
    void aHeartbeatIsNotStartedWhileTheLastOneIsStillWaiting() throws Exception {
        HikariDataSource pool = context.getBean(DataSource.class).unwrap(HikariDataSource.class);
        try (Connection holder = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", postgres.password());
             Statement lock = holder.createStatement()) {
            String callSid = liveCallWhoseRowIs(lock);
            try {
                // heartbeats every 500 ms (the tests' setting), each waiting 2 s: overlapping, four would hold a connection
                await().pollDelay(Duration.ZERO).during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> pool.getHikariPoolMXBean().getActiveConnections() <= 2);
            } finally {
                holder.rollback();
                context.getBean(CallRecordWriter.class).ended(callSid, new ConversationState(ConversationStage.CLOSING,
                        Map.of(), false, CallOutcome.INCOMPLETE, null, false), null,
                        new CallRecordStore.End("completed", "callended", Instant.now(), null, List.of()));
            }
        }
    }

    @Test
    void aStatusCallbackPostgresDoesNotAnswerIs503AndOneLogLineWithoutAStackTrace() throws Exception {
        ListAppender<ILoggingEvent> logged = logged();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        try (Connection holder = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", postgres.password());
             Statement lock = holder.createStatement();
             HttpClient client = HttpClient.newHttpClient()) {
            String callSid = liveCallWhoseRowIs(lock);
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/webhooks/exotel/call-status?secret="
                            + context.getEnvironment().getProperty("vaani.exotel.webhook-secret")))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"CallSid\":\"" + callSid + "\",\"Status\":\"completed\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as("Exotel retries it").isEqualTo(503);
            holder.rollback();
        } finally {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(event -> event.getThrowableProxy() != null)
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("overridden by rollback")).noneMatch(line -> line.contains("9812300003"));
    }

    /** Everything logged from now until the appender is detached from the root logger. */
    private static ListAppender<ILoggingEvent> logged() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
        return logged;
    }

    @Test
    void aWriteThatPostgresDoesNotAnswerIsOneLogLineWithoutAStackTrace() throws Exception {
        ListAppender<ILoggingEvent> logged = logged();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
        try (Connection holder = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", postgres.password());
             Statement lock = holder.createStatement()) {
            String callSid = liveCallWhoseRowIs(lock);
            context.getBean(CallRecordWriter.class).ended(callSid, new ConversationState(ConversationStage.CLOSING,
                    Map.of("location", "Whitefield"), false, CallOutcome.QUALIFIED, null, false), null,
                    new CallRecordStore.End("completed", "callended", Instant.now(), null, List.of()));
            await().atMost(Duration.ofSeconds(15)).until(() -> redis.hasKey(CallRecordWriter.outboxKey(callSid)));
            holder.rollback();
            await().atMost(Duration.ofSeconds(30)).until(() -> !context.getBean(CallRecordWriter.class).held().contains(callSid));
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(event -> event.getThrowableProxy() != null)
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("overridden by rollback")).noneMatch(line -> line.contains("9812300003"));
    }
}
