package dev.vaani.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Redis kept running: when its process dies (killed, crashed, stopped by someone else) it is started
 * again on the same port, with the same password and data folder, so it reloads its append-only file and the
 * application's clients reconnect to it as they were. A Redis that stayed up for {@link #STEADY} is restarted at once;
 * one that keeps dying sooner waits {@link #FIRST_DELAY}, then twice as long each time, up to {@link #MAX_DELAY}.
 * The system redis-server is watched through its process, the bundled Redis of the last resort through the process
 * its pid file names (the library keeps its own to itself); one whose process could not be found is not watched. A
 * Redis named by REDIS_URL is never started here, so never restarted either.
 */
public final class SupervisedRedis implements EmbeddedRedis.Server {

    /** A Redis that ran this long before it died is restarted at once. */
    static final Duration STEADY = Duration.ofMinutes(1);
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(SupervisedRedis.class);

    /** Starts the Redis to supervise, the same one every time. */
    @FunctionalInterface
    interface Starter {
        EmbeddedRedis.Server start() throws IOException;
    }

    private final Starter starter;
    private final String where;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("embedded-redis-supervisor").daemon().factory());
    private EmbeddedRedis.Server current;
    private long startedAt;
    private Duration delay = Duration.ZERO;
    private int restarted;
    private boolean stopped;

    private SupervisedRedis(Starter starter, int port, Path directory) {
        this.starter = starter;
        this.where = "127.0.0.1:" + port + " with its data in " + directory; // never the password
    }

    /** Starts Redis with {@code starter} and restarts it with the same whenever its process dies. */
    static SupervisedRedis start(Starter starter, int port, Path directory) throws IOException {
        SupervisedRedis supervised = new SupervisedRedis(starter, port, directory);
        supervised.watch(starter.start());
        return supervised;
    }

    /** The Redis running now (a new one after each restart). */
    public synchronized EmbeddedRedis.Server current() {
        return current;
    }

    /** How many times Redis was started again after its process died. */
    public synchronized int restarts() {
        return restarted;
    }

    @Override
    public synchronized String describe() {
        return current.describe();
    }

    @Override
    public void stop() {
        EmbeddedRedis.Server last;
        synchronized (this) {
            stopped = true;
            last = current;
        }
        restarts.shutdownNow();
        last.stop();
    }

    private synchronized void watch(EmbeddedRedis.Server server) {
        current = server;
        startedAt = System.nanoTime();
        switch (server) {
            case EmbeddedRedis.SystemRedis system -> system.process().onExit().thenAccept(process -> exited(server,
                    process.pid(), process.exitValue() > 128 ? "signal " + (process.exitValue() - 128)
                            : "code " + process.exitValue()));
            case EmbeddedRedis.BundledRedis bundled -> bundled.process().ifPresentOrElse(process -> process.onExit()
                            .thenAccept(gone -> exited(server, gone.pid(), "a status only the library sees")),
                    () -> log.warn("The bundled Redis's process was not found from its pid file: it is not restarted"
                            + " if it dies"));
            case SupervisedRedis nested -> { } // it watches its own
        }
    }

    private synchronized void exited(EmbeddedRedis.Server server, long pid, String how) {
        if (stopped || server != current) {
            return; // we stopped it
        }
        boolean steady = System.nanoTime() - startedAt >= STEADY.toNanos();
        delay = steady ? Duration.ZERO : next(delay);
        log.warn("Embedded Redis (pid {}) exited with {}; restarting it {} on {}", pid, how,
                delay.isZero() ? "now" : "in " + delay.toSeconds() + " s", where);
        schedule();
    }

    private void schedule() {
        restarts.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart() {
        EmbeddedRedis.Server server;
        try {
            server = starter.start();
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                delay = next(delay);
                log.warn("Restarting the embedded Redis on {} failed ({}); trying again in {} s", where, e.getMessage(),
                        delay.toSeconds());
                schedule();
            }
            return;
        }
        synchronized (this) {
            if (stopped) {
                server.stop();
                return;
            }
            restarted++;
            watch(server);
        }
        log.info("Embedded Redis is back on {} ({})", where, server.describe());
    }

    /** The wait before the next restart of a Redis that keeps dying: doubling from {@link #FIRST_DELAY}, capped. */
    static Duration next(Duration previous) {
        if (previous.isZero()) {
            return FIRST_DELAY;
        }
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : doubled;
    }
}
