package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.StoppableRedis;
import dev.vaani.testing.VaaniIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasing a lead while Redis is down: the erasure goes through, and the call's copies in Redis (the live session with
 * the number and the words, the placement context, the record outbox entry) are purged once Redis is back, not left
 * for their hour. A Redis of its own (with its append-only file, so what it held is there again after the restart).
 */
class LeadErasureRedisOutageTest extends VaaniIntegrationTest {

    @Autowired Suppressions suppressions;
    @Autowired TransactionTemplate transactions;
    @Autowired org.springframework.context.ApplicationEventPublisher events;

    private StoppableRedis redisServer;
    private StringRedisTemplate redis;
    private ErasedCallPurge purge;
    private LeadErasure erasure;

    @BeforeEach
    void startRedis() throws Exception {
        redisServer = new StoppableRedis("vaani-erasure-redis");
        redis = redisServer.template();
        purge = new ErasedCallPurge(jdbc, redis);
        erasure = new LeadErasure(jdbc, suppressions, purge, events);
    }

    @AfterEach
    void stopRedis() throws Exception {
        redisServer.close();
    }

    private record Called(long leadId, String callSid, String phone) {
    }

    /** A lead after a finished, closed call whose copies are still in Redis. */
    private Called calledLead() {
        String phone = uniquePhone();
        long lead = insertLead("Meera " + UUID.randomUUID().toString().substring(0, 8), phone);
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, stream_sid, lead_id, direction, status, from_number, to_number,
                                           started_at, ended_at, media_ended_at, transcript, next_step_decided_at)
                VALUES (?, 'MZ1', ?, 'outbound', 'completed', '+918047491899', ?, now() - interval '2 minutes', now(),
                        now(), '[{"speaker":"user","text":"I want a villa"}]'::jsonb, now())""")
                .params(sid, lead, phone).update();
        redis.opsForValue().set("session:" + sid, "{\"lead_phone\":\"" + phone + "\",\"transcript_history\":"
                + "[{\"speaker\":\"user\",\"text\":\"I want a villa\"}]}");
        redis.opsForValue().set("placement:" + sid, "{\"leadPhone\":\"" + phone + "\"}");
        redis.opsForValue().set("record-outbox:" + sid, "{\"callSid\":\"" + sid + "\"}");
        redis.opsForSet().add("record-outbox", sid);
        return new Called(lead, sid, phone);
    }

    private java.util.Optional<LeadErasure.Erasure> erase(long leadId) {
        return transactions.execute(status -> erasure.erase(leadId, "test"));
    }

    private List<String> keysOf(String sid) {
        return List.of("session:" + sid, "placement:" + sid, "record-outbox:" + sid).stream()
                .filter(key -> Boolean.TRUE.equals(redis.hasKey(key))).toList();
    }

    private boolean purgeRecorded(String sid) {
        return jdbc.sql("SELECT count(*) FROM redis_purges WHERE call_sid = ?").param(sid).query(Integer.class)
                .single() == 1;
    }

    @Test
    void aCallsRedisCopiesLeftByARedisDownAtTheErasureArePurgedOnceRedisIsBack() throws Exception {
        Called called = calledLead();
        redisServer.stop();

        assertThat(erase(called.leadId())).isPresent();
        assertThat(purgeRecorded(called.callSid())).as("recorded in PostgreSQL with the erasure").isTrue();
        purge.purgePending(); // Redis still down: nothing lost, tried again later
        assertThat(purgeRecorded(called.callSid())).isTrue();

        redisServer.startAgain();
        assertThat(keysOf(called.callSid())).as("Redis kept them across its restart").hasSize(3);
        purge.purgePending();

        assertThat(keysOf(called.callSid())).isEmpty();
        assertThat(redis.opsForSet().isMember("record-outbox", called.callSid())).isFalse();
    }

    @Test
    void aSessionWriteReplayedJustAfterThePurgeIsPurgedAtTheNextPass() {
        Called called = calledLead();
        assertThat(erase(called.leadId())).isPresent();
        assertThat(keysOf(called.callSid())).as("purged at once: Redis answered").isEmpty();

        // an instance whose Redis was down replays the call's last session write when it is back
        redis.opsForValue().set("session:" + called.callSid(), "{\"lead_phone\":\"" + called.phone() + "\"}");
        purge.purgePending();
        assertThat(keysOf(called.callSid())).isEmpty();
        assertThat(purgeRecorded(called.callSid())).as("kept for the settle time").isTrue();

        jdbc.sql("UPDATE redis_purges SET first_purged_at = now() - interval '3 minutes' WHERE call_sid = ?")
                .param(called.callSid()).update();
        purge.purgePending();
        assertThat(purgeRecorded(called.callSid())).isFalse();
    }
}
