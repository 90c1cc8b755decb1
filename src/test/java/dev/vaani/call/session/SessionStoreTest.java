package dev.vaani.call.session;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import dev.vaani.testing.VaaniIntegrationTest;
import org.springframework.data.redis.core.StringRedisTemplate;


class SessionStoreTest extends VaaniIntegrationTest {

    @Autowired
    SessionStore store;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper objectMapper;

    @Test
    void storesTheSessionWithTheSketchFieldNamesAndAOneHourTtl() throws Exception {
        String callSid = newCallSid();
        store.create(ConversationSession.start(callSid, 123L, "John Doe", "+919876543210", "outbound", now()));
        store.appendTranscript(callSid, TranscriptLine.ai("Hi John, this is Riya.", now()));
        store.flush().get(10, TimeUnit.SECONDS);

        JsonNode session = objectMapper.readTree(redis.opsForValue().get("session:" + callSid));

        // the sketch's fields, and one of ours: a "don't call me again" heard just before a crash must survive it
        assertThat(session.propertyNames()).containsExactlyInAnyOrder(
                "call_sid", "lead_id", "lead_name", "lead_phone", "property_type", "location", "budget", "source",
                "conversation_stage", "is_bot_speaking", "waiting_for_response", "should_stop_speaking",
                "transcript_history", "collected_data", "escalation_requested", "final_outcome", "created_at",
                "last_interaction_time", "do_not_call_requested");
        assertThat(session.get("transcript_history").get(0).get("speaker").asString()).isEqualTo("ai");
        assertThat(redis.getExpire("session:" + callSid)).isBetween(3590L, 3600L);
    }

    @Test
    void neverStoresAudio() throws Exception {
        String callSid = newCallSid();
        store.create(ConversationSession.start(callSid, null, null, "+919876543210", "inbound", now()));
        store.flush().get(10, TimeUnit.SECONDS);

        assertThat(redis.opsForValue().get("session:" + callSid)).doesNotContain("audio_buffer");
    }

    @Test
    void updatesFieldsAndRefreshesTheTtl() throws Exception {
        String callSid = newCallSid();
        store.create(ConversationSession.start(callSid, 1L, "Asha", "+919876543210", "outbound", now()));
        store.flush().get(10, TimeUnit.SECONDS);
        redis.expire("session:" + callSid, java.time.Duration.ofSeconds(100));

        store.update(callSid, Map.of("conversation_stage", "QUALIFICATION",
                "collected_data", Map.of("property_type", "apartment")));
        store.flush().get(10, TimeUnit.SECONDS);

        ConversationSession session = store.find(callSid).orElseThrow();
        assertThat(session.conversationStage()).isEqualTo("QUALIFICATION");
        assertThat(session.collectedData()).containsEntry("property_type", "apartment");
        assertThat(session.transcriptHistory()).isEmpty();
        assertThat(redis.getExpire("session:" + callSid)).isGreaterThan(3500L);
    }

    @Test
    void concurrentAppendsFromTwoWritersLoseNothing() throws Exception {
        String callSid = newCallSid();
        store.create(ConversationSession.start(callSid, 1L, "Asha", "+919876543210", "outbound", now()));
        SessionStore secondWriter = new SessionStore(redis, objectMapper, java.time.Duration.ofHours(1),
                java.time.Duration.ofMillis(100));
        int linesPerWriter = 100;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (SessionStore writer : List.of(store, secondWriter)) {
                threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < linesPerWriter; i++) {
                        writer.appendTranscript(callSid, TranscriptLine.user("line " + i + " from " + writer.hashCode(), now()));
                    }
                    return null;
                });
            }
            start.countDown();
        }
        store.flush().get(10, TimeUnit.SECONDS);
        secondWriter.flush().get(10, TimeUnit.SECONDS);
        secondWriter.close();

        JsonNode session = objectMapper.readTree(redis.opsForValue().get("session:" + callSid));
        assertThat(session.get("transcript_history")).hasSize(2 * linesPerWriter);
    }

    static String newCallSid() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String now() {
        return Instant.now().toString();
    }
}
