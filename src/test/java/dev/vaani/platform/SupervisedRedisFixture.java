package dev.vaani.platform;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** An embedded Redis of the test's own, in its own data folder, not the suite's, with a client to it. */
abstract class SupervisedRedisFixture {

    @TempDir
    Path dataDirectory;

    EmbeddedServers.Redis redis;
    StringRedisTemplate client;
    private LettuceConnectionFactory connections;

    /** The system redis-server to start; one that does not exist makes the server fall back to the bundled Redis. */
    abstract Path systemRedis();

    @BeforeEach
    void startRedis() {
        redis = EmbeddedServers.redis(dataDirectory.resolve("redis"), systemRedis());
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

    SupervisedRedis supervised() {
        return (SupervisedRedis) redis.server();
    }
}
