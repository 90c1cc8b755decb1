package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vaani.VaaniApplication;
import dev.vaani.platform.EmbeddedServers;
import dev.vaani.platform.admin.AdminApiKey;
import dev.vaani.testing.TestProviders;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An open console tab does not hold up shutdown: its live-update stream ends when shutdown begins (the browser's
 * EventSource reconnects by itself), so the web server's graceful shutdown has no request left to wait for.
 */
// A server of its own, which the test stops.
@Execution(ExecutionMode.CONCURRENT)
class ConsoleShutdownTest {

    /** Far above the bound below: a stream left open would hold close() for the whole phase. */
    private static final String SHUTDOWN_PHASE_TIMEOUT = "30s";
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(10);
    /** Where Spring reports a bean whose destroy method threw (package-private class, so by name). */
    private static final String DESTROY_FAILURES = "org.springframework.beans.factory.support.DisposableBeanAdapter";

    @TempDir
    Path dataDirectory;

    @Test
    void anOpenEventStreamEndsWhenTheServerStops() throws Exception {
        ConfigurableApplicationContext context = start();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpClient http = ConsoleSignIn.signedIn(base(port), context.getBean(AdminApiKey.class).value());
        ListAppender<ILoggingEvent> destroyWarnings = listen(DESTROY_FAILURES);

        try (ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base(port) + "/console/events"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            assertThat(events.readLine()).as("the stream is open").isEqualTo("event:hello");

            CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close, runner);

            assertThat(closing).succeedsWithin(CLOSE_BOUND);
        } finally {
            context.close();
            ((Logger) LoggerFactory.getLogger(DESTROY_FAILURES)).detachAppender(destroyWarnings);
        }
        assertThat(destroyWarnings.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains("callWatchers"));
    }

    private ConfigurableApplicationContext start() {
        EmbeddedServers.Postgres postgres = EmbeddedServers.postgres(Path.of("target/test-data/postgres"));
        EmbeddedServers.Redis redis = EmbeddedServers.redis(Path.of("target/test-data/redis"));
        return new SpringApplicationBuilder(VaaniApplication.class, TestProviders.class)
                .properties("DATABASE_URL=" + postgres.databaseUrl(), "REDIS_URL=" + redis.url(),
                        "VAANI_DATA_DIR=" + dataDirectory, "server.port=0", "db-scheduler.enabled=false")
                .run("--spring.lifecycle.timeout-per-shutdown-phase=" + SHUTDOWN_PHASE_TIMEOUT); // above application.yml
    }

    private static ListAppender<ILoggingEvent> listen(String source) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(source)).addAppender(appender);
        return appender;
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }
}
