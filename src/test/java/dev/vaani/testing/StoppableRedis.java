package dev.vaani.testing;

import static org.awaitility.Awaitility.await;

import dev.vaani.platform.EmbeddedServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

/**
 * A real Redis of one test's own, which the test stops and starts again on the same port and data (its append-only
 * file keeps what was written): an outage without touching the Redis every other test shares. Commands time out after
 * 500 ms, so code under test sees an outage quickly.
 */
public final class StoppableRedis implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final LettuceConnectionFactory connections;
    private final StringRedisTemplate template;
    private RedisServer server;

    public StoppableRedis(String name) throws Exception {
        directory = Files.createTempDirectory(name);
        port = EmbeddedServers.freePort();
        server = EmbeddedServers.startRedis(port, directory);
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
        connections.afterPropertiesSet();
        template = new StringRedisTemplate(connections);
    }

    public StringRedisTemplate template() {
        return template;
    }

    public void stop() throws Exception {
        server.stop();
    }

    /**
     * Starts it again and returns once this client has reconnected: until then a command waits out its 500 ms timeout
     * (Lettuce reconnects with a back-off), which a loaded machine made a test's first read after the restart.
     */
    public void startAgain() throws Exception {
        server = EmbeddedServers.startRedis(port, directory);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> "PONG".equals(template.execute((RedisCallback<String>) connection -> connection.ping())));
    }

    @Override
    public void close() throws Exception {
        connections.destroy();
        server.stop();
    }
}
