package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Redis a killed Vaani left running on its data folder is stopped before a new one starts there; a live one is not. */
class LeftoverServerTest {

    private static final Path REDIS = Path.of(EmbeddedRedis.DEFAULT_BINARY);

    @TempDir
    Path directory;

    @Test
    void aRedisWhoseJvmIsGoneIsStoppedBeforeTheNewOneStarts() throws Exception {
        Path data = directory.resolve("redis");
        Files.createDirectories(data);
        // started through a shell that exits at once: its parent is no JVM any more, as after kill -9 of Vaani
        new ProcessBuilder("sh", "-c", REDIS + " --port " + EmbeddedServers.freePort() + " --bind 127.0.0.1 --dir " + data
                + " --pidfile " + data.resolve("redis.pid") + " --daemonize no >/dev/null 2>&1 &").start().waitFor();
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(data.resolve("redis.pid")));
        ProcessHandle leftover = ProcessHandle.of(Long.parseLong(Files.readString(data.resolve("redis.pid")).trim()))
                .orElseThrow();

        try {
            EmbeddedServers.Redis redis = EmbeddedServers.redis(data, REDIS);

            assertThat(LeftoverServer.gone(leftover)).isTrue();
            assertThat(LeftoverServer.running(data.resolve("redis.pid"), "redis").map(ProcessHandle::pid))
                    .isNotEqualTo(Optional.of(leftover.pid())).isPresent(); // the new one wrote its own pid
            assertThat(redis.port()).isPositive();
        } finally {
            leftover.destroyForcibly();
            EmbeddedServers.stopRedis(data);
        }
    }

    @Test
    void aRedisALiveJvmRunsIsLeftAlone() throws Exception {
        Path data = directory.resolve("live");
        Files.createDirectories(data);
        Process child = new ProcessBuilder(REDIS.toString(), "--port", Integer.toString(EmbeddedServers.freePort()),
                "--bind", "127.0.0.1", "--dir", data.toString(), "--pidfile", data.resolve("redis.pid").toString(),
                "--daemonize", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(data.resolve("redis.pid")));

            assertThat(LeftoverServer.stopRedis(data)).isFalse();
            assertThat(child.isAlive()).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }
}
