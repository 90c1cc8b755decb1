package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.RedisBehindProxy;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Placements kept in a Redis that stops answering: once it has failed twice, a call's start no longer waits out
 * Redis' command timeout to look its placement up (the lead would hear silence), nor the dialer to keep one.
 */
class PlacementContextsRedisDownTest extends VaaniIntegrationTest {

    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(1);

    @Autowired JsonMapper json;
    @Autowired CallProperties calls;

    private RedisBehindProxy redis;
    private PlacementContexts placements;

    @BeforeEach
    void placementsInARedisThatStopsAnswering() throws Exception {
        redis = RedisBehindProxy.open(REDIS_TIMEOUT);
        placements = new PlacementContexts(redis.redis(), json, calls);
        redis.proxy().stall();
    }

    @AfterEach
    void close() throws Exception {
        redis.proxy().resume();
        redis.close();
    }

    @Test
    void aLookupAfterRedisFailedTwiceAnswersNothingAtOnceInsteadOfWaitingOutItsTimeout() {
        placements.find("CAfirst");
        placements.find("CAsecond");

        long started = System.nanoTime();
        var found = placements.find("CAthird");

        assertThat(found).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(REDIS_TIMEOUT.dividedBy(2));
    }

    @Test
    void keepingAfterRedisFailedTwiceReturnsAtOnce() {
        placements.find("CAfirst");
        placements.find("CAsecond");

        long started = System.nanoTime();
        placements.keep("CAthird", new PlacementContexts.PlacementContext(1L, null, 2L, "Asha", "+919812345678",
                "Asia/Kolkata", null, java.util.Map.of(), null, java.util.Map.of()));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(REDIS_TIMEOUT.dividedBy(2));
    }
}
