package dev.vaani.testing;

import static org.awaitility.Awaitility.await;

import dev.vaani.platform.EmbeddedServers;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Vaani server in a JVM of its own, on the test run's PostgreSQL and Redis, as an operator runs it (offline speech
 * recognition and synthesis, the scripted agent): a test can kill it like an operator's kill -9.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param systemProperties extra -D settings
     */
    public static ServerProcess start(Path dataDirectory, Map<String, String> systemProperties) throws IOException {
        EmbeddedServers.Postgres postgres = EmbeddedServers.postgres(Path.of("target/test-data/postgres"));
        EmbeddedServers.Redis redis = EmbeddedServers.redis(Path.of("target/test-data/redis"));
        int port = EmbeddedServers.freePort();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Xmx512m", "-cp", classpath,
                "-DVAANI_ENV_FILE=target/no-such.env", "-Dvaani.durability.heartbeat-interval=500ms",
                "-Ddb-scheduler.enabled=false"));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("dev.vaani.VaaniApplication");
        Path log = Files.createTempFile("vaani-server-process", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "DATABASE_URL", postgres.databaseUrl(),
                "REDIS_URL", redis.url(),
                "VAANI_DATA_DIR", dataDirectory.toString(),
                "SERVER_PORT", Integer.toString(port)));
        return new ServerProcess(builder.start(), port, log);
    }

    /** Waits until the server says it is ready (start-up takes a while on a busy machine). */
    public ServerProcess awaitReady(Duration limit) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(limit).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server process exited: " + tail());
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    public int port() {
        return port;
    }

    /** Like kill -9: no shutdown hook, no drain, nothing written on the way out. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(File.separator.equals("/") ? "\n" : "\r\n",
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
