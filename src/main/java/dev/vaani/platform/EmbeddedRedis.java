package dev.vaani.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisServer;

/**
 * The Redis server Vaani runs itself when REDIS_URL is not set: the machine's own {@code redis-server} (Debian's
 * Redis 7, kept up to date by the OS) when there is one, else the old Redis 6.2 binary bundled in the embedded-redis
 * jar as a last resort. Either way it listens on 127.0.0.1 only, needs a password generated once and kept next to
 * its data (mode 600), persists with an append-only file, and keeps its files in a folder only its owner may enter;
 * the system Redis also writes them readable by their owner only (umask 077).
 */
public final class EmbeddedRedis {

    /** Where the system Redis is looked for; {@code VAANI_REDIS_SERVER} overrides it. */
    public static final String DEFAULT_BINARY = "/usr/bin/redis-server";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(15);
    /** In the data folder: how a killed Vaani's Redis is found, and how the bundled one's process is. */
    static final String PID_FILE = "redis.pid";
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** A started Redis server. */
    public sealed interface Server permits SystemRedis, BundledRedis, SupervisedRedis {
        /** "redis-server 7.0.15 (/usr/bin/redis-server)" or "bundled Redis 6.2". */
        String describe();

        void stop();
    }

    record SystemRedis(Process process, String describe) implements Server {
        @Override
        public void stop() {
            process.destroy(); // SIGTERM: Redis flushes its append-only file and exits
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The bundled Redis, and its process when its pid file names a child of ours: the library keeps its Process to
     * itself, and a pid file left by an earlier Redis must not be taken for this one.
     */
    record BundledRedis(RedisServer server, Optional<ProcessHandle> process) implements Server {
        @Override
        public String describe() {
            return "bundled Redis 6.2 (install Debian's redis-server for a maintained Redis 7)";
        }

        @Override
        public void stop() {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private EmbeddedRedis() {
    }

    /**
     * Starts Redis on 127.0.0.1:{@code port} with its data in {@code directory}.
     *
     * @param binary the system redis-server to prefer; when it is not an executable file the bundled one runs
     */
    public static Server start(Path binary, int port, Path directory, String password) throws IOException {
        return start(binary, port, directory, password, EmbeddedRedis::startBundled);
    }

    /** Starts the Redis 6.2 binary bundled in the embedded-redis jar. */
    @FunctionalInterface
    interface BundledStarter {
        RedisServer start(int port, Path directory, String password) throws IOException;
    }

    static Server start(Path binary, int port, Path directory, String password, BundledStarter bundled)
            throws IOException {
        PrivateFolder.ensure(directory);
        Path appendOnly = directory.resolve("appendonlydir"); // Redis 7 makes it; an earlier Vaani's Redis made it 755
        if (Files.isDirectory(appendOnly)) {
            PrivateFolder.ensure(appendOnly);
        }
        if (Files.isRegularFile(binary) && Files.isExecutable(binary)) {
            return startSystem(binary, port, directory, password);
        }
        try {
            RedisServer server = bundled.start(port, directory, password);
            return new BundledRedis(server, childNamedIn(directory.resolve(PID_FILE)));
        } catch (IOException | RuntimeException e) {
            // e.g. a bare system without libssl3: say what to install instead of a stack trace
            throw new InvalidConfigurationException("REDIS_URL", "is not set and Vaani could not run a Redis of its own:"
                    + " there is no redis-server at " + binary + " and the bundled Redis 6.2 does not run here ("
                    + firstLine(e.getMessage()) + "). Install Debian's Redis once with `sudo bash scripts/install-redis.sh`"
                    + " (or `sudo apt-get install redis-server`), or set REDIS_URL to a Redis of yours");
        }
    }

    /** The Redis a pid file names, if it is a child of this JVM; the library starts its binary directly. */
    static Optional<ProcessHandle> childNamedIn(Path pidFile) {
        long ours = ProcessHandle.current().pid();
        return LeftoverServer.running(pidFile, "redis")
                .filter(process -> process.parent().map(parent -> parent.pid() == ours).orElse(false));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int libraries = message.indexOf("error while loading shared libraries");
        String relevant = libraries >= 0 ? message.substring(libraries) : message;
        int end = relevant.indexOf('\n');
        return (end < 0 ? relevant : relevant.substring(0, end)).strip();
    }

    private static SystemRedis startSystem(Path binary, int port, Path directory, String password) throws IOException {
        // The password goes in a private config file, not the command line, where any local user could read it.
        Path config = directory.resolve("redis.conf");
        Files.deleteIfExists(config);
        Files.createFile(config, OWNER_READ_WRITE);
        Files.writeString(config, String.join("\n", List.of(
                "port " + port,
                "bind 127.0.0.1",
                "protected-mode yes",
                "requirepass " + password,
                "dir " + directory.toAbsolutePath(),
                "appendonly yes",
                "save 60 1",
                "daemonize no",
                "pidfile " + directory.toAbsolutePath().resolve(PID_FILE), // a killed Vaani's Redis is found by it
                "logfile " + directory.toAbsolutePath().resolve("redis.log"),
                "")));
        Path stdout = directory.resolve("redis.stdout");
        Files.deleteIfExists(stdout);
        Files.createFile(stdout, OWNER_READ_WRITE);
        // Redis has no umask setting and creates its files with ours (644: its log, dump and append-only files), so
        // it starts through sh with 077; exec leaves Redis itself as the process, its pid the one we hold. setsid
        // gives it a session of its own: Ctrl-C in the terminal signals the server's whole process group, and Redis
        // in that group quit at once while the server was still draining its live calls, which then lost their
        // sessions. Outside the group Redis keeps serving until the drain is over and Vaani stops it itself.
        Process process = new ProcessBuilder("sh", "-c", "umask 077 && if command -v setsid >/dev/null;"
                + " then exec setsid \"$0\" \"$@\"; else exec \"$0\" \"$@\"; fi", binary.toString(),
                config.toString()).redirectErrorStream(true).redirectOutput(stdout.toFile()).start();
        awaitListening(process, port, directory);
        return new SystemRedis(process, "redis-server " + version(binary) + " (" + binary + ")");
    }

    private static RedisServer startBundled(int port, Path directory, String password) throws IOException {
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("requirepass " + password)
                .setting("dir " + directory)
                .setting("pidfile " + directory.toAbsolutePath().resolve(PID_FILE))
                .setting("appendonly yes")
                .setting("save 60 1")
                .setting("protected-mode yes")
                .onShutdownForceStop(false) // stop() sends SIGTERM and waits: Redis flushes its append-only file
                .build();
        server.start();
        return server;
    }

    private static void awaitListening(Process process, int port, Path directory) throws IOException {
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + "; see "
                        + directory.resolve("redis.log") + " and " + directory.resolve("redis.stdout"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(25); // a start-up probe, not a test: Redis is usually up within 50 ms
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting Redis", e);
                }
            }
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not listen on 127.0.0.1:" + port + " within " + STARTUP_WAIT.toSeconds()
                + " s; see " + directory.resolve("redis.log") + " and " + directory.resolve("redis.stdout")
                + " (a Redis that fails before it opens its log writes only the latter)");
    }

    private static String version(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor(5, TimeUnit.SECONDS);
            // "Redis server v=7.0.15 sha=... malloc=..."
            int start = output.indexOf("v=");
            return start < 0 ? "" : output.substring(start + 2, output.indexOf(' ', start) < 0 ? output.length()
                    : output.indexOf(' ', start));
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
