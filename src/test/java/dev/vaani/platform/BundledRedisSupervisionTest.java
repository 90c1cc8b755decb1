package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * On a machine without Debian's redis-server, where the server falls back to the Redis 6.2 bundled in its jar, that
 * Redis is kept running as the system one is: killed, it is started again on the same port with the same password,
 * and reloads what it held from its data folder.
 */
class BundledRedisSupervisionTest extends SupervisedRedisFixture {

    @Override
    Path systemRedis() {
        return Path.of("/nonexistent/redis-server");
    }

    @Test
    void aKilledBundledRedisIsStartedAgainWithWhatItHeld() {
        assertThat(supervised().describe()).startsWith("bundled Redis 6.2");
        client.opsForValue().set("session:kept", "across the restart");
        ProcessHandle first = bundledProcess();

        first.destroyForcibly(); // kill -9
        first.onExit().join();

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> supervised().restarts() == 1
                && bundledProcess().pid() != first.pid()
                && "across the restart".equals(client.opsForValue().get("session:kept")));
    }

    private ProcessHandle bundledProcess() {
        return ((EmbeddedRedis.BundledRedis) supervised().current()).process().orElseThrow();
    }
}
