package dev.vaani.crm;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Status callbacks kept for calls we did not know (unmatched_call_events) are purged once older than
 * UNMATCHED_CALLBACK_RETENTION (30 days unless set, in application.yml): a callback is matched within minutes of its
 * call being placed, so an older one never will be, and the carrier's fields it keeps are no business of ours after
 * that. Hourly, on db-scheduler, so one instance of a cluster purges each time.
 */
@Configuration(proxyBeanMethods = false)
public class UnmatchedCallbackRetention {

    private static final Logger log = LoggerFactory.getLogger(UnmatchedCallbackRetention.class);
    static final String TASK = "purge-unmatched-callbacks";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;

    UnmatchedCallbackRetention(JdbcClient jdbc, Clock clock,
                               @Value("${vaani.crm.unmatched-callback-retention}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    @Bean
    RecurringTask<Void> purgeUnmatchedCallbacksTask() {
        return Tasks.recurring(TASK, FixedDelay.of(Duration.ofHours(1))).execute((instance, context) -> purge());
    }

    /** Deletes the kept callbacks received longer than the retention period ago; returns how many. */
    public int purge() {
        int purged = jdbc.sql("DELETE FROM unmatched_call_events WHERE received_at < :cutoff")
                .param("cutoff", java.sql.Timestamp.from(clock.instant().minus(retention))).update();
        if (purged > 0) {
            log.info("Purged {} unmatched status callbacks older than {} days", purged, retention.toDays());
        }
        return purged;
    }
}
