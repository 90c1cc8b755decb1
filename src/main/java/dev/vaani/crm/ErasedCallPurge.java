package dev.vaani.crm;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.vaani.call.CallRecordWriter;
import dev.vaani.call.PlacementContexts;
import dev.vaani.call.session.ConversationSession;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Removes an erased call's copies in Redis (its live session with the number and transcript, its placement context,
 * its record outbox entry), durably: {@link LeadErasure} records the calls in {@code redis_purges} in the erasing
 * transaction, the purge runs after the commit, and a recurring task on db-scheduler (one instance of a cluster at a
 * time) repeats it until Redis has answered. A Redis that is down when the lead is erased no longer leaves the person's
 * words there for the session's hour.
 *
 * <p>A call's row stays until a purge succeeds {@link #SETTLE} after the first one did: an instance whose Redis was
 * down may still hold session writes of the call that it replays when Redis is back, and would write the session again
 * just after the first purge. The later purge removes that copy too.
 */
@Configuration(proxyBeanMethods = false)
public class ErasedCallPurge {

    private static final Logger log = LoggerFactory.getLogger(ErasedCallPurge.class);
    static final String TASK = "purge-erased-calls-from-redis";
    /** How often pending purges are tried again. */
    static final Duration RETRY = Duration.ofSeconds(30);
    /** Time for writes replayed when Redis comes back to land, before the last purge. */
    static final Duration SETTLE = Duration.ofMinutes(2);
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;

    ErasedCallPurge(JdbcClient jdbc, StringRedisTemplate redis) {
        this.jdbc = jdbc;
        this.redis = redis;
    }

    @Bean
    RecurringTask<Void> purgeErasedCallsTask() {
        return Tasks.recurring(TASK, FixedDelay.of(RETRY)).execute((instance, context) -> purgePending());
    }

    /** Records that these calls' Redis copies must go; in the erasing transaction, so it commits with the erasure. */
    void record(List<String> callSids) {
        if (!callSids.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO redis_purges (call_sid) SELECT unnest(CAST(:sids AS text[]))
                    ON CONFLICT (call_sid) DO UPDATE SET first_purged_at = NULL""")
                    .param("sids", callSids.toArray(String[]::new)).update();
        }
    }

    /**
     * Purges every recorded call; public so an operator action or a test can run it now.
     *
     * @return how many calls are still waiting for a purge (Redis did not answer, or the settle time has not passed)
     */
    public int purgePending() {
        List<String> pending = jdbc.sql("SELECT call_sid FROM redis_purges ORDER BY queued_at LIMIT " + BATCH)
                .query(String.class).list();
        if (pending.isEmpty()) {
            return 0;
        }
        if (!purge(pending)) {
            return pending.size();
        }
        jdbc.sql("DELETE FROM redis_purges WHERE call_sid IN (:sids) AND first_purged_at < now() - make_interval(secs => :settle)")
                .param("sids", pending).param("settle", SETTLE.toSeconds()).update();
        purged(pending);
        return jdbc.sql("SELECT count(*) FROM redis_purges").query(Integer.class).single();
    }

    /** Purges these calls now; recorded, they are tried again later should Redis not answer. */
    void purgeNow(List<String> callSids) {
        if (purge(callSids)) {
            purged(callSids);
        }
    }

    /** A purge of these calls succeeded: the settle time starts (the row goes at a later pass). */
    private void purged(List<String> callSids) {
        try {
            jdbc.sql("UPDATE redis_purges SET first_purged_at = now() WHERE call_sid IN (:sids) AND first_purged_at IS NULL")
                    .param("sids", callSids).update();
        } catch (RuntimeException e) {
            // PostgreSQL just committed the erasure; if it does not answer now, the next pass purges again
            log.debug("Erased calls' purge not noted: {}", e.toString());
        }
    }

    /** Deletes the calls' keys; false when Redis did not answer (the calls stay recorded and are tried again). */
    private boolean purge(List<String> callSids) {
        List<String> keys = callSids.stream()
                .flatMap(sid -> Stream.of(ConversationSession.key(sid), PlacementContexts.key(sid),
                        CallRecordWriter.outboxKey(sid)))
                .toList();
        try {
            redis.delete(keys);
            redis.opsForSet().remove(CallRecordWriter.OUTBOX_SET, callSids.toArray());
            return true;
        } catch (RuntimeException e) {
            log.warn("{} erased call(s)' Redis copies could not be removed now ({}); trying again every {} s",
                    callSids.size(), e.getClass().getSimpleName(), RETRY.toSeconds());
            return false;
        }
    }
}
