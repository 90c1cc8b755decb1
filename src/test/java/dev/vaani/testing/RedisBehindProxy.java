package dev.vaani.testing;

import dev.vaani.platform.EmbeddedServers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The tests' embedded Redis reached through a {@link StallingTcpProxy}, so that a test can make it hang (take
 * commands and answer none, as a Redis stopped with {@code kill -STOP}) and answer again.
 */
public final class RedisBehindProxy implements AutoCloseable {

    private final StallingTcpProxy proxy;
    private final LettuceConnectionFactory connections;
    private final StringRedisTemplate redis;

    private RedisBehindProxy(StallingTcpProxy proxy, LettuceConnectionFactory connections) {
        this.proxy = proxy;
        this.connections = connections;
        this.redis = new StringRedisTemplate(connections);
    }

    /** Connects with the given command timeout: how long a command waits for a hung Redis before it fails. */
    public static RedisBehindProxy open(Duration commandTimeout) throws IOException {
        EmbeddedServers.Redis server = EmbeddedServers.redis(Path.of("target/test-data/redis"));
        StallingTcpProxy proxy = new StallingTcpProxy(server.port());
        RedisStandaloneConfiguration address = new RedisStandaloneConfiguration("127.0.0.1", proxy.port());
        address.setPassword(server.password());
        LettuceConnectionFactory connections = new LettuceConnectionFactory(address,
                LettuceClientConfiguration.builder().commandTimeout(commandTimeout).build());
        connections.afterPropertiesSet();
        return new RedisBehindProxy(proxy, connections);
    }

    public StallingTcpProxy proxy() {
        return proxy;
    }

    public StringRedisTemplate redis() {
        return redis;
    }

    @Override
    public void close() throws IOException {
        connections.destroy();
        proxy.close();
    }
}
