package dev.vaani.platform;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether PostgreSQL answers now, for the readiness probe: an instance whose PostgreSQL does not answer starts calls
 * without it (from a placement's context, or with the trouble goodbye) and dials nobody, so the load balancer had
 * better send new calls to another. Answers within {@code vaani.call.database-wait}: a hung PostgreSQL (whose
 * statements fail only after DATABASE_SOCKET_TIMEOUT) is DOWN once it has not answered for that long, and while its
 * last check still waits no other is started, so probes never pile up pooled connections behind it.
 */
@Component("postgres")
class PostgresReadiness implements HealthIndicator, DisposableBean {

    private final JdbcTemplate jdbc;
    private final Duration wait;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();
    private Future<?> lastCheck; // guarded by this

    PostgresReadiness(JdbcTemplate jdbc, @Value("${vaani.call.database-wait:1500ms}") Duration wait) {
        this.jdbc = jdbc;
        this.wait = wait;
    }

    @Override
    public Health health() {
        Future<?> check = check();
        try {
            check.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("reason", "PostgreSQL has not answered for " + wait.toMillis() + " ms")
                    .build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("reason",
                    String.valueOf(NestedExceptionUtils.getMostSpecificCause(e).getMessage())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    /** The check still waiting for PostgreSQL, or a new one. */
    private synchronized Future<?> check() {
        if (lastCheck == null || lastCheck.isDone()) {
            lastCheck = checks.submit(() -> jdbc.queryForObject("SELECT 1", Integer.class));
        }
        return lastCheck;
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
