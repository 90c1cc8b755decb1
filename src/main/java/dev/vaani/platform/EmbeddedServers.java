package dev.vaani.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * The real PostgreSQL and Redis servers Vaani starts when no DATABASE_URL / REDIS_URL is given. One of each per data
 * folder per JVM: a test run shares them across all its Spring contexts. They stop at JVM exit.
 */
public final class EmbeddedServers {

    /** A running embedded PostgreSQL. */
    public record Postgres(EmbeddedPostgres server, Path dataDirectory) {
        public String jdbcUrl() {
            return server.getJdbcUrl("postgres", "postgres");
        }

        public int port() {
            return server.getPort();
        }
    }

    /** A running embedded Redis. */
    public record Redis(RedisServer server, int port, Path dataDirectory) {
        public String url() {
            return "redis://127.0.0.1:" + port;
        }
    }

    private static final Map<Path, Postgres> POSTGRES = new HashMap<>();
    private static final Map<Path, Redis> REDIS = new HashMap<>();

    private EmbeddedServers() {
    }

    public static synchronized Postgres postgres(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        return POSTGRES.computeIfAbsent(directory, dir -> {
            try {
                Files.createDirectories(dir);
                EmbeddedPostgres server = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        .setPort(freePort())
                        .setServerConfig("max_connections", "200")
                        .setRegisterShutdownHook(true)
                        .start();
                return new Postgres(server, dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
            }
        });
    }

    public static synchronized Redis redis(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        return REDIS.computeIfAbsent(directory, dir -> {
            try {
                Files.createDirectories(dir);
                int port = freePort();
                RedisServer server = startRedis(port, dir);
                Redis redis = new Redis(server, port, dir);
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> stopQuietly(server)));
                return redis;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded Redis in " + dir + ": " + e.getMessage(), e);
            }
        });
    }

    /** Starts a Redis server persisting to {@code directory} (append-only file, so data survives restarts). */
    public static RedisServer startRedis(int port, Path directory) throws IOException {
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + directory)
                .setting("appendonly yes")
                .setting("save 60 1")
                .setting("protected-mode yes")
                .onShutdownForceStop(true)
                .build();
        server.start();
        return server;
    }

    private static void stopQuietly(RedisServer server) {
        try {
            server.stop();
        } catch (IOException | RuntimeException ignored) {
            // the JVM is exiting; nothing useful to do
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
