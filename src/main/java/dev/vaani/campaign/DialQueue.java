package dev.vaani.campaign;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Creates scheduled_calls rows and their db-scheduler executions (instance id "sc-{id}", so never twice). */
@Component
class DialQueue {

    private final JdbcClient jdbc;
    private final SchedulerClient scheduler;
    private final CustomTask<Long> placeCall;

    DialQueue(JdbcClient jdbc, SchedulerClient scheduler, CustomTask<Long> placeCallTask) {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.placeCall = placeCallTask;
    }

    /** Adds the lead's next attempt (retry or callback) and schedules it. */
    long enqueue(long campaignId, long leadId, String kind, Instant dueAt) {
        long id = jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, due_at, attempt, kind)
                VALUES (:lead, :campaign, :due, (SELECT COALESCE(max(attempt), 0) + 1 FROM scheduled_calls
                                                 WHERE campaign_id = :campaign AND lead_id = :lead), :kind)
                RETURNING id""").param("lead", leadId).param("campaign", campaignId)
                .param("due", java.sql.Timestamp.from(dueAt)).param("kind", kind).query(Long.class).single();
        schedule(id, dueAt);
        return id;
    }

    void schedule(long scheduledCallId, Instant dueAt) {
        scheduler.scheduleIfNotExists(placeCall.instance("sc-" + scheduledCallId, scheduledCallId), dueAt);
    }
}
