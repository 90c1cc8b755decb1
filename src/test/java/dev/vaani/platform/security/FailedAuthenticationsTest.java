package dev.vaani.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.MutableClock;
import dev.vaani.testing.RedisBehindProxy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The lockout's arithmetic on a clock the test moves, with the default limits: 10 failures a minute, 5 minutes; the
 * counts in the tests' Redis, under a key prefix of this test's own.
 */
// Spring Boot drops every log line while an application beside it sets up logging; these tests count lines
@Isolated("reads the process's output for lines it must find")
@ExtendWith(OutputCaptureExtension.class)
class FailedAuthenticationsTest {

    private static RedisBehindProxy redis;

    private final FailedAuthenticationLimits defaults = new FailedAuthenticationLimits(10, Duration.ofMinutes(1),
            Duration.ofMinutes(5), 100_000, "test:" + UUID.randomUUID() + ":");
    private final MutableClock clock = new MutableClock();
    private final FailedAuthentications failures = new FailedAuthentications(defaults, clock, redis.redis());

    @BeforeAll
    static void connect() throws IOException {
        redis = RedisBehindProxy.open(Duration.ofSeconds(2));
    }

    @AfterAll
    static void disconnect() throws IOException {
        redis.close();
    }

    {
        clock.pin(Instant.parse("2026-03-01T10:00:00Z"));
    }

    private static MockHttpServletRequest from(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setRemoteAddr(address);
        return request;
    }

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            failures.failed(from(address), "admin API key");
        }
    }

    @Test
    void nineFailuresWithinAMinuteDoNotLockAnAddressOut() {
        fail("203.0.113.1", 9);

        assertThat(failures.lockedOut(from("203.0.113.1"))).isEmpty();
    }

    @Test
    void theTenthFailureWithinAMinuteLocksTheAddressOutForFiveMinutes() {
        fail("203.0.113.2", 9);
        clock.advance(Duration.ofSeconds(59));
        fail("203.0.113.2", 1);

        assertThat(failures.lockedOut(from("203.0.113.2"))).contains(Duration.ofMinutes(5));
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotAddUp() {
        fail("203.0.113.3", 9);
        clock.advance(Duration.ofMinutes(1));
        fail("203.0.113.3", 9);

        assertThat(failures.lockedOut(from("203.0.113.3"))).isEmpty();
    }

    @Test
    void theLockoutEndsAfterFiveMinutes() {
        fail("203.0.113.4", 10);

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(failures.lockedOut(from("203.0.113.4"))).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(failures.lockedOut(from("203.0.113.4"))).isEmpty();
    }

    @Test
    void anotherAddressIsNotLockedOut() {
        fail("203.0.113.5", 10);

        assertThat(failures.lockedOut(from("203.0.113.6"))).isEmpty();
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        for (int i = 1; i <= 10; i++) {
            fail("2001:db8:1:2::" + Integer.toHexString(i), 1);
        }

        assertThat(failures.lockedOut(from("2001:db8:1:2:ffff:ffff:ffff:ffff"))).isPresent();
        assertThat(failures.lockedOut(from("2001:db8:1:3::1"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"203.0.113.7, 203.0.113.7", "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64", "::1, 0:0:0:0::/64",
            "fe80::1, fe80:0:0:0::/64", "zz:not-an-address, zz:not-an-address", "'', ''"})
    void theCountIsKeptByAddressOrIpv6Network(String address, String key) {
        assertThat(FailedAuthentications.key(address)).isEqualTo(key);
    }

    @Test
    void theAddressesRememberedAreBoundedWhateverTheirNumber() {
        FailedAuthentications bounded = new FailedAuthentications(new FailedAuthenticationLimits(10,
                Duration.ofMinutes(1), Duration.ofMinutes(5), 1_000, defaults.redisKeyPrefix()), clock, redis.redis());

        for (int i = 0; i < 5_000; i++) {
            bounded.failed(from("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)), "admin API key");
        }

        assertThat(bounded.addressesRemembered()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void aFailureIsLoggedWithTheAddressAndWhatFailed(CapturedOutput output) {
        failures.failed(from("192.0.2.8"), "console sign-in");

        assertThat(lines(output, "192.0.2.8")).singleElement().asString()
                .endsWith("Failed console sign-in from 192.0.2.8 (1 from that address in the last 1 min)");
    }

    @Test
    void aFloodOfFailuresLogsOneLineAMinuteAndItsLockoutOnce(CapturedOutput output) {
        fail("192.0.2.9", 10);

        assertThat(lines(output, "192.0.2.9")).hasSize(2).satisfiesExactly(
                first -> assertThat(first)
                        .endsWith("Failed admin API key from 192.0.2.9 (1 from that address in the last 1 min)"),
                second -> assertThat(second)
                        .endsWith("Locked out 192.0.2.9 for 5 min: 10 failed authentications within 1 min"));
    }

    @Test
    void aFloodOfOneKindOfFailureDoesNotHideAFailedSignIn(CapturedOutput output) {
        for (int i = 0; i < 50; i++) {
            failures.failed(from("192.0.2.10"), "media secret");
        }

        failures.failed(from("192.0.2.11"), "console sign-in");

        assertThat(lines(output, "192.0.2.11")).singleElement().asString()
                .endsWith("Failed console sign-in from 192.0.2.11 (1 from that address in the last 1 min)");
    }

    /** The log lines naming the address (the output of the whole JVM: tests running beside this one use others). */
    private static List<String> lines(CapturedOutput output, String address) {
        return output.getAll().lines().filter(line -> line.contains(address + " ")).toList();
    }
}
