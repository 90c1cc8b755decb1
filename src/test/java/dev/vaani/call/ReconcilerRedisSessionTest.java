package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.call.session.ConversationSession;
import dev.vaani.call.session.SessionStore;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A server killed mid-call while Redis keeps the call's live session: the reconciler of the next server closes the
 * row with what Redis knew.
 */
class ReconcilerRedisSessionTest extends VaaniIntegrationTest {

    @Autowired
    CallReconciler reconciler;

    @Autowired
    SessionStore sessions;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;

    @Test
    void aCallThatStartedAndEndedWhilePostgresWasDownGetsItsRowFromTheOutboxOfADeadProcess() throws Exception {
        long leadId = insertLead("Farah Outbox", uniquePhone());
        String callSid = newCallSid("nopgrow");
        Instant started = Instant.now().minusSeconds(40);
        // what a process that started the call without PostgreSQL, then died, left in Redis: no row was ever written
        var snapshot = new CallRecordStore.Snapshot(callSid, leadId, 3, "CLOSING", Map.of("location", "Whitefield"),
                false, "qualified", null, false, java.util.List.of(TranscriptLine.ai("Hello Farah", started.toString()),
                TranscriptLine.user("Yes, Whitefield", started.toString())), java.util.List.of(),
                new CallRecordStore.End("completed", "callended", started.plusSeconds(30), null, java.util.List.of()),
                new CallRecordStore.RowStart(callSid, "MZ" + callSid, leadId, null, "outbound", "+919800000000",
                        "08012345678", 8000, started, null));
        redis.opsForValue().set(CallRecordWriter.outboxKey(callSid), json.writeValueAsString(snapshot));
        redis.opsForSet().add(CallRecordWriter.OUTBOX_SET, callSid);

        reconciler.reconcile();

        Map<String, Object> row = jdbc.sql("""
                SELECT lead_id, direction, status, final_outcome, media_ended_at IS NOT NULL AS closed,
                       jsonb_array_length(transcript) AS lines, collected_data ->> 'location' AS location
                  FROM call_sessions WHERE call_sid = ?""").param(callSid).query().singleRow();
        assertThat(row).containsEntry("lead_id", leadId).containsEntry("direction", "outbound")
                .containsEntry("status", "completed").containsEntry("final_outcome", "qualified")
                .containsEntry("closed", true).containsEntry("lines", 2).containsEntry("location", "Whitefield");
        assertThat(redis.hasKey(CallRecordWriter.outboxKey(callSid))).isFalse();
    }

    @Test
    void anOrphanWhoseSessionIsStillInRedisIsClosedWithWhatRedisKnew() throws Exception {
        long leadId = insertLead("Meera Iyer", uniquePhone());
        String callSid = newCallSid("orph");
        String now = Instant.now().toString();
        // the session as a live call leaves it: created, lines appended and fields patched by SessionStore's scripts
        sessions.create(ConversationSession.start(callSid, leadId, "Meera Iyer", "+919800000000", "campaign", now));
        sessions.appendTranscript(callSid, TranscriptLine.ai("Hello, is this a good time?", now));
        sessions.appendTranscript(callSid, TranscriptLine.user("Yes, a three BHK in Whitefield", now));
        sessions.update(callSid, Map.of("collected_data", Map.of("location", "Whitefield", "bedrooms", 3),
                "location", "Whitefield", "conversation_stage", "QUALIFYING"));
        sessions.flush().get(10, TimeUnit.SECONDS);
        orphanRow(callSid, leadId);

        reconciler.reconcile();

        Map<String, Object> row = jdbc.sql("""
                SELECT status, end_reason, media_ended_at IS NOT NULL AS closed, collected_data::text AS collected,
                       jsonb_array_length(transcript) AS lines, next_step_decided_at IS NOT NULL AS decided
                  FROM call_sessions WHERE call_sid = ?""").param(callSid).query().singleRow();
        assertThat(row).containsEntry("closed", true).containsEntry("status", "interrupted").containsEntry("lines", 2)
                .as("no carrier to wait for: its next step is taken as it is closed").containsEntry("decided", true);
        JsonNode collected = json.readTree((String) row.get("collected"));
        assertThat(collected.path("location").asString()).isEqualTo("Whitefield");
    }

    @Test
    void anOutboxSnapshotCarryingANulCharacterIsWrittenAndTheRowClosed() throws Exception {
        long leadId = insertLead("Kabir Shah", uniquePhone());
        String poisoned = newCallSid("orph");
        orphanRow(poisoned, leadId);
        // still heartbeating while its state gathers in Redis (this server's reconciler runs every second)
        jdbc.sql("UPDATE call_sessions SET heartbeat_at = now() + INTERVAL '1 hour' WHERE call_sid = ?").param(poisoned)
                .update();
        // a snapshot PostgreSQL refuses (jsonb cannot hold U+0000, which a recogniser may emit) waits in Redis' outbox
        var snapshot = new CallRecordStore.Snapshot(poisoned, leadId, 7, "QUALIFYING", Map.of("location", "Whitefield"),
                false, null, null, false, java.util.List.of(TranscriptLine.user("three BHK\u0000", Instant.now().toString())), null);
        redis.opsForValue().set(CallRecordWriter.outboxKey(poisoned), json.writeValueAsString(snapshot));
        redis.opsForSet().add(CallRecordWriter.OUTBOX_SET, poisoned);
        String now = Instant.now().toString();
        sessions.create(ConversationSession.start(poisoned, leadId, "Kabir Shah", "+919800000001", "campaign", now));
        sessions.update(poisoned, Map.of("collected_data", Map.of("location", "Whitefield")));
        sessions.flush().get(10, TimeUnit.SECONDS);
        jdbc.sql("UPDATE call_sessions SET heartbeat_at = now() - INTERVAL '9 minutes' WHERE call_sid = ?")
                .param(poisoned).update(); // then the server is killed

        try {
            reconciler.reconcile();
        } finally {
            redis.delete(CallRecordWriter.outboxKey(poisoned));
            redis.opsForSet().remove(CallRecordWriter.OUTBOX_SET, poisoned);
        }

        assertThat(closed(poisoned)).isTrue();
        assertThat(jdbc.sql("SELECT collected_data->>'location' FROM call_sessions WHERE call_sid = ?").param(poisoned)
                .query(String.class).single()).isEqualTo("Whitefield");
        assertThat(jdbc.sql("SELECT transcript->0->>'text' FROM call_sessions WHERE call_sid = ?").param(poisoned)
                .query(String.class).single()).isEqualTo("three BHK");
    }

    @Test
    void aLeadWhoAskedNotToBeCalledAgainJustBeforeTheServerDiedIsPutOnDoNotCall() throws Exception {
        long leadId = insertLead("Rajesh Kumar", uniquePhone());
        String callSid = newCallSid("orph");
        String now = Instant.now().toString();
        // the goodbye was decided and reached Redis, but the server died before PostgreSQL heard of it
        sessions.create(ConversationSession.start(callSid, leadId, "Rajesh Kumar", "+919800000003", "campaign", now));
        sessions.update(callSid, Map.of("final_outcome", "not_interested", "do_not_call_requested", true));
        sessions.flush().get(10, TimeUnit.SECONDS);
        orphanRow(callSid, leadId);

        reconciler.reconcile();

        assertThat(closed(callSid)).isTrue();
        assertThat(jdbc.sql("SELECT do_not_call_requested FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT do_not_call FROM leads WHERE id = ?").param(leadId).query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void aRowThatCannotBeClosedDoesNotKeepTheOthersOpen() {
        // the database refuses every change of one row, as it would a row some constraint rejects
        jdbc.sql("""
                CREATE FUNCTION refuse_test_row() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused for the test'; END $$""").update();
        jdbc.sql("""
                CREATE TRIGGER refuse_test_row BEFORE UPDATE ON call_sessions FOR EACH ROW
                WHEN (OLD.call_sid LIKE 'refuse%') EXECUTE FUNCTION refuse_test_row()""").update();
        try {
            String refused = orphanRow(newCallSid("refuse"), insertLead("Dev Anand", uniquePhone()));
            String healthy = orphanRow(insertLead("Tara Nair", uniquePhone())); // younger: after the refused one

            reconciler.reconcile();

            assertThat(closed(healthy)).isTrue();
            assertThat(closed(refused)).isFalse();
        } finally {
            jdbc.sql("DROP TRIGGER refuse_test_row ON call_sessions").update();
            jdbc.sql("DROP FUNCTION refuse_test_row()").update();
        }
    }

    @Test
    void collectedDataTheLeadCannotHoldDoesNotKeepTheRowOpen() throws Exception {
        long leadId = insertLead("Ravi Kumar", uniquePhone());
        String callSid = newCallSid("orph");
        String now = Instant.now().toString();
        sessions.create(ConversationSession.start(callSid, leadId, "Ravi Kumar", "+919800000002", "campaign", now));
        // a language model's tool call may say 25 bedrooms; the lead's column holds 0 to 20
        sessions.update(callSid, Map.of("collected_data", Map.of("location", "Indiranagar", "bedrooms", 25)));
        sessions.flush().get(10, TimeUnit.SECONDS);
        orphanRow(callSid, leadId);

        reconciler.reconcile();

        assertThat(closed(callSid)).isTrue();
        assertThat(jdbc.sql("SELECT location FROM leads WHERE id = ?").param(leadId).query(String.class).single())
                .isEqualTo("Indiranagar");
    }

    @Test
    void onlyTheEscapeOfUPlus0000IsDroppedFromTheJsonPostgresStores() {
        assertThat(CallRecordStore.withoutNul("{\"t\":\"a\\u0000b\",\"p\":\"C:\\\\u0000\",\"q\":\"\\u00e9\"}"))
                .isEqualTo("{\"t\":\"ab\",\"p\":\"C:\\\\u0000\",\"q\":\"\\u00e9\"}");
    }

    private int orphans;

    private boolean closed(String callSid) {
        return jdbc.sql("SELECT media_ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Boolean.class).single();
    }

    private static String newCallSid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** The row a killed server left (stale heartbeat); inserted last, as the reconcilers of this server run every 1 s. */
    private String orphanRow(long leadId) {
        return orphanRow(newCallSid("orph"), leadId);
    }

    private String orphanRow(String callSid, long leadId) {
        orphans++;
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, stream_sid, lead_id, direction, status, started_at, answered_at,
                                           owner_instance, heartbeat_at, updated_at)
                VALUES (?, ?, ?, 'outbound', 'in-progress', now() - INTERVAL '10 minutes',
                        now() - INTERVAL '10 minutes', 'dead-instance', now() - make_interval(mins => 30 - ?),
                        now() - INTERVAL '9 minutes')""").params(callSid, "stream-" + callSid, leadId, orphans).update();
        return callSid;
    }
}
