package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * On a machine without Debian's redis-server, where the server falls back to the Redis 6.2 bundled in its jar, that
 * Redis is kept running as the system one is: killed, it is started again on the same port with the same password,
 * and reloads what it held from its data folder.
 */
class BundledRedisSupervisionTest {

    private static final Path NO_SYSTEM_REDIS = Path.of("/nonexistent/redis-server");

    @TempDir
    Path dataDirectory;

    private EmbeddedServers.Redis redis;
    private LettuceConnectionFactory connections;
    private StringRedisTemplate client;

    @BeforeEach
    void startTheBundledRedis() {
        redis = EmbeddedServers.redis(dataDirectory.resolve("redis"), NO_SYSTEM_REDIS);
        var address = new RedisStandaloneConfiguration("127.0.0.1", redis.port());
        address.setPassword(redis.password());
        connections = new LettuceConnectionFactory(address);
        connections.afterPropertiesSet();
        client = new StringRedisTemplate(connections);
    }

    @AfterEach
    void stopRedis() {
        if (connections != null) {
            connections.destroy();
        }
        EmbeddedServers.stopRedis(dataDirectory.resolve("redis"));
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

    private SupervisedRedis supervised() {
        return (SupervisedRedis) redis.server();
    }

    private ProcessHandle bundledProcess() {
        return ((EmbeddedRedis.BundledRedis) supervised().current()).process().orElseThrow();
    }
}
