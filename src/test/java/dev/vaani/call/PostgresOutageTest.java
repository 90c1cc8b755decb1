package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.clip;
import static dev.vaani.call.CallTestSupport.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.VaaniApplication;
import dev.vaani.platform.EmbeddedServers;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.TestProviders;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * PostgreSQL is down when the caller hangs up: the end-of-call write is kept (in memory, and in Redis as the durable
 * copy) and retried until the database is back, then the row holds the outcome. A PostgreSQL of its own, which the
 * test stops and starts, under a server of its own.
 */
// A real-time call against a server and a PostgreSQL of its own.
@Execution(ExecutionMode.CONCURRENT)
class PostgresOutageTest {

    @TempDir
    Path dataDirectory;

    @Test
    void theEndOfCallWriteLandsWhenPostgresComesBack() throws Exception {
        Path postgresDirectory = dataDirectory.resolve("postgres");
        int postgresPort = EmbeddedServers.freePort();
        EmbeddedPostgres postgres = startPostgres(postgresDirectory, postgresPort);
        // A Redis of its own too: the record outbox is shared by every instance on a Redis, and the other tests'
        // servers (on the shared PostgreSQL, where this call has no row) would drain this call's entry into theirs.
        Path redisDirectory = dataDirectory.resolve("redis");
        EmbeddedServers.Redis redis = EmbeddedServers.redis(redisDirectory);
        String callSid = "pgdown" + UUID.randomUUID().toString().replace("-", "");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(VaaniApplication.class, TestProviders.class)
                .properties("DATABASE_URL=postgresql://postgres:@127.0.0.1:" + postgresPort + "/postgres",
                        "REDIS_URL=" + redis.url(), "VAANI_DATA_DIR=" + dataDirectory, "server.port=0",
                        "db-scheduler.enabled=false", "vaani.durability.max-retry-delay=1s",
                        "vaani.durability.write-delay=200ms", "spring.datasource.hikari.connection-timeout=1000")
                .run();
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            JdbcClient jdbc = JdbcClient.create(postgres.getPostgresDatabase());
            StringRedisTemplate redisTemplate = context.getBean(StringRedisTemplate.class);
            long leadId = jdbc.sql("INSERT INTO leads (name, phone) VALUES ('Imran Khan', '+919812300001') RETURNING id")
                    .query(Long.class).single();
            context.getBean(dev.vaani.testing.ScriptedSpeechToText.class)
                    .hears("Yes, this is a good time.", "I am looking for a two BHK apartment.");
            Scenario scenario = Scenario.builder("answers, then hangs up when told to")
                    .waitForBotToFinish(500).say(clip("yes-good-time.wav"))
                    .waitForBotToFinish(500).say(clip("two-bhk.wav"))
                    .waitForBotToFinish(500).pause(8_000).hangUp()
                    .timeout(Duration.ofSeconds(90))
                    .build();

            CallReport report;
            try (ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor()) {
                CompletableFuture<CallReport> call = CompletableFuture.supplyAsync(() -> new SimulatedCall(
                        SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media").leadId(Long.toString(leadId))
                                .callSid(callSid).build(), scenario).run(), runner);
                await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                        "SELECT collected_data ->> 'property_type' FROM call_sessions WHERE call_sid = ?")
                        .param(callSid).query(String.class).optional().isPresent());

                postgres.close(); // down before the caller hangs up
                report = call.get(60, TimeUnit.SECONDS);
            }
            assertThat(report.failures()).withFailMessage(() -> describe(report)).isEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> redisTemplate.hasKey("record-outbox:" + callSid));

            postgres = startPostgres(postgresDirectory, postgresPort);
            JdbcClient back = JdbcClient.create(postgres.getPostgresDatabase());
            // The end-of-call write and the next-step decision are two transactions: wait for the second.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(back.sql("""
                    SELECT status FROM call_sessions
                     WHERE call_sid = ? AND media_ended_at IS NOT NULL AND next_step_decided_at IS NOT NULL""")
                    .param(callSid).query(String.class).optional()).contains("completed"));
            Map<String, Object> row = back.sql("""
                    SELECT final_outcome, end_reason, collected_data::text AS collected, transcript::text AS transcript
                      FROM call_sessions WHERE call_sid = ?""")
                    .param(callSid).query().singleRow();
            assertThat(row).containsEntry("final_outcome", "incomplete").containsEntry("end_reason", "callended");
            JsonNode collected = new JsonMapper().readTree((String) row.get("collected"));
            assertThat(collected.path("property_type").asString()).containsIgnoringCase("apartment");
            assertThat(new JsonMapper().readTree((String) row.get("transcript")).findValuesAsString("text"))
                    .contains("I am looking for a two BHK apartment.");
            await().atMost(Duration.ofSeconds(10)).until(() -> !redisTemplate.hasKey("record-outbox:" + callSid));
        } finally {
            context.close();
            postgres.close();
            EmbeddedServers.stopRedis(redisDirectory);
        }
    }

    private static EmbeddedPostgres startPostgres(Path directory, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false).setPort(port)
                .setRegisterShutdownHook(true).start();
    }
}
