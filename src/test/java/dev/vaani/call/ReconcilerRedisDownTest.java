package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.session.SessionStore;
import dev.vaani.testing.RedisBehindProxy;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reconciler of a server whose Redis does not answer (hung, or dead until it is restarted): the steps that need
 * Redis fail, and the ones PostgreSQL alone can take still run. This reconciler reads Redis through a proxy that
 * stops answering, and counts a stream as ownerless after 2 s (the suite's own reconcilers wait 10 s, so they leave
 * this test's row alone).
 */
class ReconcilerRedisDownTest extends VaaniIntegrationTest {

    private static final Duration OWNER_TIMEOUT = Duration.ofSeconds(2);

    @Autowired
    CallRecordStore store;

    @Autowired
    OrphanedCallRecords orphans;

    @Autowired
    CallDecisions decisions;

    @Autowired
    CarrierCallStatus carrier;

    @Autowired
    DurabilityProperties suiteSettings;

    @Autowired
    JsonMapper json;

    private RedisBehindProxy redis;
    private CallRecordWriter writer;
    private SessionStore sessions;
    private CallReconciler reconciler;

    @BeforeEach
    void reconcilerWhoseRedisHangs() throws Exception {
        redis = RedisBehindProxy.open(Duration.ofMillis(300));
        DurabilityProperties settings = new DurabilityProperties(suiteSettings.writeDelay(),
                suiteSettings.maxRetryDelay(), suiteSettings.heartbeatInterval(), OWNER_TIMEOUT,
                suiteSettings.reconcileInterval(), suiteSettings.statusGrace(), suiteSettings.decisionTimeout(),
                suiteSettings.dialingTimeout(), suiteSettings.drain());
        writer = new CallRecordWriter(store, redis.redis(), json, settings);
        sessions = new SessionStore(redis.redis(), json, Duration.ofHours(1), Duration.ofMillis(100));
        reconciler = new CallReconciler(store, orphans, writer, decisions, sessions, carrier, settings, jdbc);
        redis.proxy().stall();
    }

    @AfterEach
    void close() throws Exception {
        redis.proxy().resume();
        reconciler.stop();
        sessions.close();
        writer.destroy();
        redis.close();
    }

    @Test
    void aStaleRowIsClosedWithWhatPostgresHoldsWhileRedisDoesNotAnswer() {
        long leadId = insertLead("Nisha Rao", uniquePhone());
        String callSid = "redisdown" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, stream_sid, lead_id, direction, status, started_at, answered_at,
                                           owner_instance, heartbeat_at, updated_at, collected_data)
                VALUES (?, ?, ?, 'outbound', 'in-progress', now() - INTERVAL '1 minute', now() - INTERVAL '1 minute',
                        'dead-instance', now() - INTERVAL '4 seconds', now() - INTERVAL '4 seconds',
                        '{"location": "Whitefield"}')""").params(callSid, "stream-" + callSid, leadId).update();

        reconciler.reconcile();

        Map<String, Object> row = jdbc.sql("""
                SELECT status, media_ended_at IS NOT NULL AS closed, collected_data ->> 'location' AS location
                  FROM call_sessions WHERE call_sid = ?""").param(callSid).query().singleRow();
        assertThat(row).containsEntry("closed", true).containsEntry("status", "interrupted")
                .containsEntry("location", "Whitefield");
    }
}
