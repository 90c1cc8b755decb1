package dev.vaani.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.MutableClock;
import dev.vaani.testing.RedisBehindProxy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The lockout is kept in Redis: instances behind one load balancer count the same failures, a restarted instance
 * still refuses a locked-out address, and while Redis hangs each instance still locks out by itself (the default
 * limits: 10 failures within a minute lock an address out for 5 minutes).
 */
class SharedLockoutTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(300);

    private final RedisBehindProxy redis = RedisBehindProxy.open(COMMAND_TIMEOUT);
    private final FailedAuthenticationLimits limits = new FailedAuthenticationLimits(10, Duration.ofMinutes(1),
            Duration.ofMinutes(5), 100_000, "test:" + UUID.randomUUID() + ":");
    private final MutableClock clock = new MutableClock();

    SharedLockoutTest() throws IOException {
        clock.pin(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @AfterEach
    void close() throws IOException {
        redis.close();
    }

    private FailedAuthentications instance() {
        return new FailedAuthentications(limits, clock, redis.redis());
    }

    private static MockHttpServletRequest from(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/leads");
        request.setRemoteAddr(address);
        return request;
    }

    private static void fail(FailedAuthentications instance, String address, int times) {
        for (int i = 0; i < times; i++) {
            instance.failed(from(address), "admin API key");
        }
    }

    @Test
    void twoInstancesBehindOneLoadBalancerLockAnAddressOutAfterTenFailuresBetweenThem() {
        FailedAuthentications first = instance();
        FailedAuthentications second = instance();

        fail(first, "203.0.113.20", 5);
        fail(second, "203.0.113.20", 5);

        assertThat(first.lockedOut(from("203.0.113.20"))).contains(Duration.ofMinutes(5));
        assertThat(second.lockedOut(from("203.0.113.20"))).contains(Duration.ofMinutes(5));
    }

    @Test
    void aRestartedInstanceStillRefusesALockedOutAddress() {
        fail(instance(), "203.0.113.21", 10);
        clock.advance(Duration.ofMinutes(1));

        FailedAuthentications restarted = instance();

        assertThat(restarted.lockedOut(from("203.0.113.21"))).contains(Duration.ofMinutes(4));
        assertThat(restarted.lockedOut(from("203.0.113.22"))).isEmpty();
    }

    @Test
    void whileRedisHangsAnInstanceStillLocksOutByItsOwnCountAndAnswersWithoutWaitingEachTime() {
        FailedAuthentications instance = instance();
        fail(instance, "203.0.113.23", 3); // Redis has these
        redis.proxy().stall();

        long started = System.nanoTime();
        fail(instance, "203.0.113.23", 7);
        boolean locked = instance.lockedOut(from("203.0.113.23")).isPresent();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(locked).as("locked out by the instance's own count of 10").isTrue();
        assertThat(instance.lockedOut(from("203.0.113.24"))).isEmpty();
        // one command timeout, then Redis is left alone for a while: not 8 timeouts
        assertThat(took).isLessThan(COMMAND_TIMEOUT.multipliedBy(4));
    }

    @Test
    void whenRedisAnswersAgainTheSharedCountIsUsedAgain() {
        FailedAuthentications instance = instance();
        redis.proxy().stall();
        instance.failed(from("203.0.113.25"), "admin API key"); // fails over to the instance's own count
        redis.proxy().resume();
        clock.advance(FailedAuthentications.REDIS_RETRY);

        fail(instance(), "203.0.113.26", 10); // another instance locks out another address

        assertThat(instance.lockedOut(from("203.0.113.26"))).isPresent();
    }
}
