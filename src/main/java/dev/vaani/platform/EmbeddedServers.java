package dev.vaani.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ConfigurableApplicationContext;
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
    private static final List<ConfigurableApplicationContext> CONTEXTS = new CopyOnWriteArrayList<>();
    private static boolean hookRegistered;

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
                        .setRegisterShutdownHook(false)
                        .start();
                registerShutdownHook();
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
                registerShutdownHook();
                return new Redis(server, port, dir);
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

    /** The application using the servers; at exit it is closed first, so pools close before their servers stop. */
    static void closeBeforeStopping(ConfigurableApplicationContext context) {
        CONTEXTS.add(context);
    }

    private static void registerShutdownHook() {
        if (hookRegistered) {
            return;
        }
        hookRegistered = true;
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("embedded-servers-stop").unstarted(() -> {
            CONTEXTS.forEach(ConfigurableApplicationContext::close); // waits if Spring's own hook is closing it
            synchronized (EmbeddedServers.class) {
                REDIS.values().forEach(redis -> stopQuietly(redis.server()::stop));
                POSTGRES.values().forEach(postgres -> stopQuietly(postgres.server()::close));
            }
        }));
    }

    private interface Stopper {
        void stop() throws IOException;
    }

    private static void stopQuietly(Stopper stopper) {
        try {
            stopper.stop();
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
