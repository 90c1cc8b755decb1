package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vaani.VaaniApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Without REDIS_URL the server runs the machine's redis-server (Debian's Redis 7) when there is one, else the bundled
 * Redis; either way on loopback with a generated password kept in the data folder.
 */
class EmbeddedRedisStartupTest {

    private static final Path DEBIAN_REDIS = Path.of(EmbeddedRedis.DEFAULT_BINARY);

    @TempDir
    Path dataDirectory;

    @AfterEach
    void stopRedis() {
        EmbeddedServers.stopRedis(dataDirectory.resolve("redis"));
    }

    @Test
    void startsTheSystemRedisWhenItIsInstalled() throws Exception {
        assumeThat(Files.isExecutable(DEBIAN_REDIS)).as("Debian's redis-server (scripts/install-redis.sh)").isTrue();

        try (ConfigurableApplicationContext context = start(DEBIAN_REDIS.toString())) {
            Properties server = serverInfo(context);

            assertThat(server.getProperty("redis_version")).startsWith("7.");
            assertThat(server.getProperty("executable")).contains("redis-server");
        }
    }

    @Test
    void fallsBackToTheBundledRedisWhenTheSystemOneIsAbsent() throws Exception {
        try (ConfigurableApplicationContext context = start("/nonexistent/redis-server")) {
            assertThat(serverInfo(context).getProperty("redis_version")).startsWith("6.2");
        }
    }

    @Test
    void withNeitherRunnableItSaysWhatToInstallInsteadOfAStackTrace() {
        // a bare system: no Debian redis-server, and the bundled binary cannot load libssl
        EmbeddedRedis.BundledStarter cannotRun = (port, directory, password) -> {
            throw new java.io.IOException("Redis-server process appears not to have started. stdandard-err contains this:"
                    + " /tmp/redis/redis-server-6.2.6: error while loading shared libraries: libssl.so.3: cannot open"
                    + " shared object file\nmore detail");
        };

        assertThatThrownBy(() -> EmbeddedRedis.start(Path.of("/nonexistent/redis-server"), EmbeddedServers.freePort(),
                dataDirectory.resolve("redis"), "secret", cannotRun))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("sudo bash scripts/install-redis.sh").hasMessageContaining("set REDIS_URL")
                .hasMessageContaining("libssl.so.3").hasMessageNotContaining("more detail");
    }

    @Test
    void requiresTheGeneratedPasswordKeptPrivateInTheDataFolder() throws Exception {
        EmbeddedServers.Redis redis = EmbeddedServers.redis(dataDirectory.resolve("redis"), DEBIAN_REDIS);
        Path passwordFile = dataDirectory.resolve("redis.password");
        String password = Files.readString(passwordFile).strip();

        assertThat(password).hasSize(64).isEqualTo(redis.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        assertThatThrownBy(() -> ping(new RedisStandaloneConfiguration("127.0.0.1", redis.port())))
                .hasStackTraceContaining("NOAUTH");
        var withPassword = new RedisStandaloneConfiguration("127.0.0.1", redis.port());
        withPassword.setPassword(password);
        ping(withPassword);
    }

    /**
     * Ctrl-C in the terminal sends SIGINT to the server's whole process group: Redis must not be in it, or it quits at
     * once while the server drains its live calls (their sessions, outbox and placement contexts are in Redis).
     */
    @Test
    void theSystemRedisIsOutsideTheServersProcessGroupSoCtrlCLeavesItToTheDrain() throws Exception {
        assumeThat(Files.isExecutable(DEBIAN_REDIS)).as("Debian's redis-server (scripts/install-redis.sh)").isTrue();
        EmbeddedServers.Redis redis = EmbeddedServers.redis(dataDirectory.resolve("redis"), DEBIAN_REDIS);
        long pid = ((EmbeddedRedis.SystemRedis) ((SupervisedRedis) redis.server()).current()).process().pid();

        assertThat(processGroup(pid)).isNotEqualTo(processGroup(ProcessHandle.current().pid()));
        assertThat(sessionOf(pid)).isEqualTo(pid); // the leader of a session of its own: no terminal signals it
    }

    /** Fields 5 and 6 of /proc/<pid>/stat (pgrp, session): counted after the command, which may hold spaces. */
    private static long processGroup(long pid) throws java.io.IOException {
        return statField(pid, 3);
    }

    private static long sessionOf(long pid) throws java.io.IOException {
        return statField(pid, 4);
    }

    private static long statField(long pid, int afterCommand) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[afterCommand - 1]);
    }

    private ConfigurableApplicationContext start(String redisBinary) {
        // PostgreSQL is the shared test server, addressed by URL, so only Redis starts here.
        EmbeddedServers.Postgres postgres = EmbeddedServers.postgres(Path.of("target/test-data/postgres"));
        // Command-line arguments, because they win over the VAANI_DATA_DIR the test run sets in the environment.
        return new SpringApplicationBuilder(VaaniApplication.class).run(
                "--DATABASE_URL=postgresql://postgres:" + postgres.password() + "@127.0.0.1:" + postgres.port() + "/postgres",
                "--VAANI_REDIS_SERVER=" + redisBinary, "--VAANI_DATA_DIR=" + dataDirectory, "--server.port=0",
                "--db-scheduler.enabled=false");
    }

    private static Properties serverInfo(ConfigurableApplicationContext context) {
        try (var connection = context.getBean(RedisConnectionFactory.class).getConnection()) {
            return connection.serverCommands().info("server");
        }
    }

    private static void ping(RedisStandaloneConfiguration configuration) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
        factory.afterPropertiesSet();
        try (var connection = factory.getConnection()) {
            connection.ping();
        } finally {
            factory.destroy();
        }
    }
}
