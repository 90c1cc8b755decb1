package dev.vaani.call;

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
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * SIGTERM (the context closing) with a call live: readiness goes down at once, new media streams are refused with
 * a reason, the live call may go on for the drain time, then hears the wrap-up and is stored complete.
 */
// A real-time call against a server of its own, which the test stops.
@Execution(ExecutionMode.CONCURRENT)
class ShutdownDrainTest {

    /** Longer than a late sentence's gap within a reply, shorter than the silence before the bot prompts. */
    private static final long SENTENCE_GAP_LIMIT_MS = 1_500;

    @TempDir
    Path dataDirectory;

    @Test
    void aLiveCallHearsTheWrapUpAndIsStoredCompleteWhenTheServerStops() throws Exception {
        EmbeddedServers.Postgres postgres = EmbeddedServers.postgres(Path.of("target/test-data/postgres"));
        EmbeddedServers.Redis redis = EmbeddedServers.redis(Path.of("target/test-data/redis"));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(VaaniApplication.class, TestProviders.class)
                .properties("DATABASE_URL=" + postgres.databaseUrl(),
                        "REDIS_URL=" + redis.url(), "VAANI_DATA_DIR=" + dataDirectory, "server.port=0",
                        "db-scheduler.enabled=false", "vaani.durability.drain=3s")
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
        long leadId = jdbc.sql("INSERT INTO leads (name, phone) VALUES ('Deepa Menon', ?) RETURNING id")
                .param("+9197" + String.format("%08d", (int) (Math.random() * 1e8))).query(Long.class).single();
        String callSid = "drain" + UUID.randomUUID().toString().replace("-", "");
        Scenario scenario = Scenario.builder("listens, then stays on the line")
                .waitForBotToFinish(300).pause(90_000).hangUp()
                .timeout(Duration.ofSeconds(120))
                .expectGreeting()
                .expectServerHangsUp()
                .build();

        CallReport report;
        try (ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<CallReport> call = CompletableFuture.supplyAsync(() -> new SimulatedCall(
                    SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media").leadId(Long.toString(leadId))
                            .callSid(callSid).build(), scenario).run(), runner);
            await().atMost(Duration.ofSeconds(30)).until(() -> transcriptLines(jdbc, callSid) >= 1);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::close, runner);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
            try (RawMediaSocket late = new RawMediaSocket(RawMediaSocket.uri(port, "sample-rate=8000"))) {
                assertThat(late.closeCode().get(10, TimeUnit.SECONDS)).as("a new stream is refused").isEqualTo(1012);
            }
            report = call.get(60, TimeUnit.SECONDS);
            stopping.get(60, TimeUnit.SECONDS);
        }

        assertThat(report.failures()).withFailMessage(() -> describe(report)).isEmpty();
        assertThat(report.utterances()).hasSizeGreaterThanOrEqualTo(2); // the greeting, maybe a prompt, the goodbye
        assertThat(report.utterances().getLast().interrupted()).isFalse();
        Map<String, Object> row = sharedDatabase(postgres).sql("""
                SELECT status, final_outcome, end_reason, transcript::text AS transcript,
                       media_ended_at IS NOT NULL AS closed FROM call_sessions WHERE call_sid = ?""")
                .param(callSid).query().singleRow();
        assertThat(row).containsEntry("status", "completed").containsEntry("closed", true)
                .containsEntry("end_reason", "bot-hangup").containsEntry("final_outcome", "incomplete");
        JsonNode transcript = new JsonMapper().readTree((String) row.get("transcript"));
        assertThat(transcript.size()).as("one line for each reply heard").isEqualTo(repliesHeard(report));
        assertThat(transcript.get(transcript.size() - 1).path("text").asString()).contains("Goodbye");
    }

    /**
     * Bot replies the caller heard. The simulator cuts its playback into utterances at each sentence's mark, and on a
     * loaded machine a sentence synthesised after the one before it played out makes a separate utterance; in this
     * call the caller is silent, so the replies are seconds apart and a reply's sentences follow each other at once.
     */
    private static int repliesHeard(CallReport report) {
        int replies = 0;
        long previousEndMs = Long.MIN_VALUE / 2;
        boolean previousCut = false;
        for (CallReport.BotUtterance utterance : report.utterances()) {
            if (previousCut || utterance.startMs() - previousEndMs > SENTENCE_GAP_LIMIT_MS) {
                replies++;
            }
            previousEndMs = utterance.startMs() + utterance.durationMs();
            previousCut = utterance.interrupted();
        }
        return replies;
    }

    private static int transcriptLines(JdbcClient jdbc, String callSid) {
        return jdbc.sql("SELECT jsonb_array_length(transcript) FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Integer.class).optional().orElse(0);
    }

    private static JdbcClient sharedDatabase(EmbeddedServers.Postgres postgres) {
        return JdbcClient.create(postgres.server().getPostgresDatabase());
    }
}
