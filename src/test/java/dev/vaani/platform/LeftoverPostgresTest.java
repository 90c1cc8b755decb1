package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a Vaani leaves its embedded PostgreSQL running; the next start on the folder stops it and starts anew. */
class LeftoverPostgresTest {

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aPostgresLeftByAKilledJvmIsStoppedAndTheNewOneStarts() throws Exception {
        Path data = directory.resolve("postgres");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), EmbeddedPostgresChild.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals("ready")) {
                // the child's start-up log
            }
        }
        child.destroyForcibly().waitFor(); // kill -9: no shutdown hook runs
        ProcessHandle leftover = LeftoverServer.running(data.resolve("postmaster.pid"), "postgres").orElseThrow();

        try {
            EmbeddedServers.Postgres postgres = EmbeddedServers.postgres(data);

            assertThat(LeftoverServer.gone(leftover)).isTrue();
            // for the start-up log, which holds back the warning logged while it was stopped
            assertThat(LeftoverServer.takeStopped()).anyMatch(warning -> warning.contains(
                    "PostgreSQL (pid " + leftover.pid() + ") is still running in " + data));
            try (var connection = java.sql.DriverManager.getConnection(postgres.jdbcUrl(), "postgres",
                    postgres.password()); var result = connection.createStatement().executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
            postgres.stop(); // before the temporary folder goes, or it could not be stopped at exit
        } finally {
            if (!LeftoverServer.gone(leftover)) {
                new ProcessBuilder("kill", "-INT", Long.toString(leftover.pid())).start().waitFor();
                await().atMost(Duration.ofSeconds(30)).until(() -> LeftoverServer.gone(leftover));
            }
        }
    }
}
