package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL's postmaster dies under a running server (kill -9, a crash, an operator's pg_ctl or kill
 * -INT): the server starts it again as it was, on the same port with the same password and data, so the pool
 * reconnects and nothing committed is lost. It runs a PostgreSQL of its own, in its own data folder, not the suite's.
 */
class EmbeddedPostgresSupervisionTest {

    @TempDir
    Path dataDirectory;

    private EmbeddedServers.Postgres postgres;

    @BeforeEach
    void startPostgres() throws Exception {
        postgres = EmbeddedServers.postgres(dataDirectory.resolve("postgres"));
        execute("CREATE TABLE kept (note TEXT); INSERT INTO kept VALUES ('committed before the kill')");
    }

    @AfterEach
    void stopPostgres() throws Exception {
        EmbeddedServers.stopPostgres(dataDirectory.resolve("postgres"));
    }

    private ProcessHandle postmaster() {
        return LeftoverServer.running(dataDirectory.resolve("postgres").resolve("postmaster.pid"), "postgres")
                .orElseThrow();
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", postgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String kept() throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", postgres.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT note FROM kept")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Test
    void aPostmasterKilledWithSigkillIsStartedAgainOnTheSamePortWithItsData() throws Exception {
        ProcessHandle first = postmaster();
        int port = postgres.port();

        first.destroyForcibly(); // kill -9: crash recovery on the next start
        await().atMost(Duration.ofSeconds(10)).until(() -> LeftoverServer.gone(first));

        // the new server answers a moment before the supervisor takes it for the current one
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> postgres.supervised().restarts() == 1 && "committed before the kill".equals(kept()));
        assertThat(postgres.port()).isEqualTo(port);
        assertThat(postmaster().pid()).isNotEqualTo(first.pid());
    }

    @Test
    void aPostmasterStoppedFromOutsideIsStartedAgain() throws Exception {
        ProcessHandle first = postmaster();

        new ProcessBuilder("kill", "-INT", Long.toString(first.pid())).start().waitFor(); // a fast shutdown
        await().atMost(Duration.ofSeconds(30)).until(() -> LeftoverServer.gone(first));

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> postgres.supervised().restarts() == 1 && "committed before the kill".equals(kept()));
    }

    @Test
    void aPostgresStoppedOnPurposeIsNotStartedAgain() throws Exception {
        ProcessHandle first = postmaster();

        EmbeddedServers.stopPostgres(dataDirectory.resolve("postgres"));

        assertThat(LeftoverServer.gone(first)).isTrue();
        assertThat(SupervisedPostgres.postmasterRuns(dataDirectory.resolve("postgres"))).isFalse();
        assertThat(postgres.supervised().restarts()).isZero();
    }
}
