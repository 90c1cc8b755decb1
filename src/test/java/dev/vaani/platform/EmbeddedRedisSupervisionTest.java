package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The embedded Redis dies under a running server (kill -9, a crash, a SIGTERM from outside): the server starts it
 * again as it was, so Redis, and with it the health check, comes back without a restart of the server. Each test runs
 * a Redis of its own, in its own data folder, not the suite's.
 */
class EmbeddedRedisSupervisionTest extends SupervisedRedisFixture {

    private static final Path DEBIAN_REDIS = Path.of(EmbeddedRedis.DEFAULT_BINARY);

    @Override
    Path systemRedis() {
        assumeThat(Files.isExecutable(DEBIAN_REDIS)).as("Debian's redis-server (scripts/install-redis.sh)").isTrue();
        return DEBIAN_REDIS;
    }

    @Test
    void aRedisKilledWithSigkillIsStartedAgainOnTheSamePortWithTheSamePassword() {
        ProcessHandle first = redisProcess();

        first.destroyForcibly(); // kill -9
        first.onExit().join();

        // the new process answers a moment before the supervisor takes it for the current one
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> redisProcess().pid() != first.pid()
                && "PONG".equals(client.execute(connection -> connection.ping(), true)));
    }

    @Test
    void aRedisStoppedWithSigtermFromOutsideIsStartedAgain() {
        ProcessHandle first = redisProcess();

        first.destroy(); // SIGTERM, as from an operator's kill or a service manager
        first.onExit().join();

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> supervised().restarts() == 1
                && "PONG".equals(client.execute(connection -> connection.ping(), true)));
    }

    @Test
    void theRestartedRedisReloadsWhatItHeldFromItsDataFolder() {
        client.opsForValue().set("session:kept", "across the restart");
        ProcessHandle first = redisProcess();

        first.destroyForcibly();
        first.onExit().join();

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> "across the restart".equals(client.opsForValue().get("session:kept")));
    }

    @Test
    void aRedisThatKeepsDyingWaitsTwiceAsLongBeforeEachRestartUpToAMinute() {
        assertThat(SupervisedRedis.next(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SupervisedRedis.next(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(SupervisedRedis.next(Duration.ofSeconds(32))).isEqualTo(Duration.ofMinutes(1));
        assertThat(SupervisedRedis.next(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    }

    private ProcessHandle redisProcess() {
        return ((EmbeddedRedis.SystemRedis) supervised().current()).process().toHandle();
    }
}
