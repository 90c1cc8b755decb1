package dev.vaani.campaign;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import java.sql.Timestamp;
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

    /** Adds the lead's next attempt (retry or callback), due by policy at notBefore, and schedules it at dueAt. */
    long enqueue(long campaignId, long leadId, String kind, Instant notBefore, Instant dueAt) {
        long id = jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, not_before, due_at, attempt, kind)
                VALUES (:lead, :campaign, :notBefore, :due, (SELECT COALESCE(max(attempt), 0) + 1 FROM scheduled_calls
                                                 WHERE campaign_id = :campaign AND lead_id = :lead), :kind)
                RETURNING id""").param("lead", leadId).param("campaign", campaignId)
                .param("notBefore", Timestamp.from(notBefore)).param("due", Timestamp.from(dueAt)).param("kind", kind)
                .query(Long.class).single();
        schedule(id, dueAt);
        return id;
    }

    void schedule(long scheduledCallId, Instant dueAt) {
        scheduler.scheduleIfNotExists(placeCall.instance(instanceId(scheduledCallId), scheduledCallId), dueAt);
    }

    /**
     * Moves the call's one execution to dueAt, creating it if it is gone (a paused campaign's executions end). One
     * running now is left alone: it reads the campaign afresh and decides for itself. Either way there is still
     * only the one execution "sc-{id}", and the dialer's claim (pending to dialing) lets it place the call once.
     */
    void move(long scheduledCallId, Instant dueAt) {
        try {
            scheduler.reschedule(TaskInstanceId.of(DialerConfiguration.PLACE_CALL, instanceId(scheduledCallId)), dueAt);
        } catch (TaskInstanceNotFoundException e) {
            schedule(scheduledCallId, dueAt);
        } catch (TaskInstanceCurrentlyExecutingException e) {
            // deciding right now
        }
    }

    private static String instanceId(long scheduledCallId) {
        return "sc-" + scheduledCallId;
    }
}
