package dev.vaani.campaign;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dialer runs on db-scheduler: each scheduled call is one execution in PostgreSQL (table scheduled_tasks),
 * picked by exactly one instance of the cluster, and still there after a restart.
 */
@Configuration(proxyBeanMethods = false)
class DialerConfiguration {

    static final String PLACE_CALL = "place-call";
    static final String OFFER_FREE_LINES = "offer-free-lines";

    @Bean
    CustomTask<Long> placeCallTask(Dialer dialer) {
        return Tasks.custom(PLACE_CALL, Long.class)
                // An unexpected error (database down) retries the same execution a minute later.
                .onFailureReschedule(FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> switch (dialer.attempt(instance.getData())) {
                    case DialDecision.Done done -> new CompletionHandler.OnCompleteRemove<>();
                    case DialDecision.RunAt runAt -> (complete, operations) -> operations.reschedule(complete, runAt.when());
                });
    }

    /**
     * The safety net for calls waiting for a line ({@link FreeLines}): one instance of the cluster at a time offers
     * the lines that freed without a call ending.
     */
    @Bean
    RecurringTask<Void> offerFreeLinesTask(ObjectProvider<FreeLines> freeLines) {
        // looked up when it runs: FreeLines moves executions through the scheduler this task is part of
        return Tasks.recurring(OFFER_FREE_LINES, FixedDelay.of(FreeLines.SAFETY_NET))
                .execute((instance, context) -> freeLines.getObject().offer());
    }

    /** With the scheduler disabled (db-scheduler.enabled=false: tests, API-only nodes) we still enqueue calls. */
    @Bean
    @ConditionalOnProperty(name = "db-scheduler.enabled", havingValue = "false")
    SchedulerClient schedulerClient(DataSource dataSource, CustomTask<Long> placeCallTask) {
        return SchedulerClient.Builder.create(dataSource, placeCallTask).build();
    }
}
