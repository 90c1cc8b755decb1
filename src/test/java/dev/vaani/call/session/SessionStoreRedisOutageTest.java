package dev.vaani.call.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.testing.StoppableRedis;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** A Redis of its own that the test stops and starts again, while a call keeps writing. */
class SessionStoreRedisOutageTest {

    private final JsonMapper json = new JsonMapper();
    private StoppableRedis redisServer;
    private StringRedisTemplate redis;
    private SessionStore store;

    @BeforeEach
    void startRedis() throws Exception {
        redisServer = new StoppableRedis("vaani-redis-outage");
        redis = redisServer.template();
        store = new SessionStore(redis, json, Duration.ofHours(1), Duration.ofMillis(100));
    }

    @AfterEach
    void stopRedis() throws Exception {
        store.close();
        redisServer.close();
    }

    @Test
    void writesDuringAnOutageAreReplayedInOrderWhenRedisIsBack() throws Exception {
        String callSid = SessionStoreTest.newCallSid();
        store.create(ConversationSession.start(callSid, 7L, "Ravi", "+919812345678", "outbound", SessionStoreTest.now()));
        store.appendTranscript(callSid, TranscriptLine.ai("Hello Ravi", SessionStoreTest.now()));
        store.flush().get(10, TimeUnit.SECONDS);

        redisServer.stop();
        store.appendTranscript(callSid, TranscriptLine.user("I want a 2 BHK", SessionStoreTest.now()));
        store.update(callSid, java.util.Map.of("conversation_stage", "QUALIFICATION"));
        store.appendTranscript(callSid, TranscriptLine.ai("In which area?", SessionStoreTest.now()));
        await().atMost(Duration.ofSeconds(10)).until(store::degraded);

        assertThat(store.find(callSid).orElseThrow().transcriptHistory())
                .extracting(TranscriptLine::text)
                .containsExactly("Hello Ravi", "I want a 2 BHK", "In which area?");

        redisServer.startAgain();
        store.flush().get(20, TimeUnit.SECONDS);

        JsonNode session = json.readTree(redis.opsForValue().get("session:" + callSid));
        assertThat(session.get("transcript_history").findValuesAsString("text"))
                .containsExactly("Hello Ravi", "I want a 2 BHK", "In which area?");
        assertThat(session.get("conversation_stage").asString()).isEqualTo("QUALIFICATION");
        assertThat(store.degraded()).isFalse();
    }
}
