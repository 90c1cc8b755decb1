package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vaani.call.session.ConversationSession;
import dev.vaani.call.session.SessionStore;
import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.HandOver;
import dev.vaani.conversation.LeadProfile;
import dev.vaani.testing.RedisBehindProxy;
import dev.vaani.testing.StallingTcpProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent saves what the caller said (a location, a budget) while Redis is slow or hangs: the reply that follows
 * must not wait for Redis. Redis here answers nothing at all (a proxy that stops forwarding), the worst of a slow one.
 */
class CollectedFieldsRedisHangTest {

    private RedisBehindProxy redis;
    private StallingTcpProxy proxy;
    private SessionStore sessions;

    @BeforeEach
    void connectThroughAProxy() throws Exception {
        redis = RedisBehindProxy.open(Duration.ofSeconds(2));
        proxy = redis.proxy();
        sessions = new SessionStore(redis.redis(), new JsonMapper(), Duration.ofHours(1), Duration.ofMillis(100));
    }

    @AfterEach
    void stop() throws Exception {
        sessions.close();
        redis.close();
    }

    @Test
    void savingCollectedFieldsDoesNotWaitForAHungRedis() throws Exception {
        String callSid = "hungcollect" + UUID.randomUUID().toString().replace("-", "");
        CallContext context = new CallContext(callSid, "MZ" + callSid, 8000, null, null,
                new LeadProfile(null, "Asha Rao", "+919876500001", null), CampaignScript.defaultRealEstate(), Map.of(),
                "+919876500001", "08012345678", "inbound", HandOver.CONNECT_NOW, null);
        CallServices services = new CallServices(null, sessions, null, null, null, null, null, event -> { });
        sessions.create(ConversationSession.start(callSid, null, "Asha Rao", "+919876500001", "inbound",
                Instant.now().toString()));
        sessions.flush().get(10, TimeUnit.SECONDS);

        proxy.stall();
        assertTimeoutPreemptively(Duration.ofMillis(1500), () -> {
            services.onAgentAction(context, new AgentAction.SaveLeadDetails(Map.of("location", "Whitefield")));
            services.onAgentAction(context, new AgentAction.SaveLeadDetails(Map.of("budget", "50 lakhs")));
        });
        proxy.resume();

        sessions.flush().get(20, TimeUnit.SECONDS);
        assertThat(sessions.find(callSid).orElseThrow().collectedData())
                .containsEntry("location", "Whitefield").containsEntry("budget", "50 lakhs");
    }
}
