package dev.vaani.call.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.testing.RedisBehindProxy;
import dev.vaani.testing.StallingTcpProxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis hangs (it takes commands but does not answer, as one stopped with {@code kill -STOP}) while a call keeps
 * writing, then answers again. Unlike a Redis that is down, a hung one still receives every attempt the store makes,
 * timed out or not, and runs them all once it resumes.
 */
class SessionStoreRedisHangTest {

    private final JsonMapper json = new JsonMapper();
    private RedisBehindProxy redis;
    private StallingTcpProxy proxy;
    private SessionStore store;

    @BeforeEach
    void connectThroughAProxy() throws Exception {
        redis = RedisBehindProxy.open(Duration.ofMillis(300));
        proxy = redis.proxy();
        store = new SessionStore(redis.redis(), json, Duration.ofHours(1), Duration.ofMillis(50));
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        redis.close();
    }

    @Test
    void aLineWrittenWhileRedisHangsIsStoredOnceWhenItAnswersAgain() throws Exception {
        String callSid = SessionStoreTest.newCallSid();
        store.create(ConversationSession.start(callSid, 7L, "Ravi", "+919812345678", "outbound", SessionStoreTest.now()));
        store.appendTranscript(callSid, TranscriptLine.ai("Hello Ravi", SessionStoreTest.now()));
        store.flush().get(10, TimeUnit.SECONDS);

        proxy.stall();
        store.appendTranscript(callSid, TranscriptLine.user("I want a 2 BHK", SessionStoreTest.now()));
        await().atMost(Duration.ofSeconds(10)).until(store::degraded);
        long oneAttempt = proxy.heldBytes();
        // the store tries again and again; Redis will receive every one of those attempts
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.heldBytes() >= 3 * oneAttempt);
        store.appendTranscript(callSid, TranscriptLine.ai("In which area?", SessionStoreTest.now()));

        proxy.resume();
        store.flush().get(20, TimeUnit.SECONDS);

        assertThat(json.readTree(redis.redis().opsForValue().get("session:" + callSid))
                .get("transcript_history").findValuesAsString("text"))
                .containsExactly("Hello Ravi", "I want a 2 BHK", "In which area?");
    }
}
