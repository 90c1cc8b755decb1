package dev.vaani.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vaani.logging.ThrottledLog;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Failed authentications per client address: an admin key or webhook secret presented wrong or malformed, a failed
 * console sign-in, a wrong media secret. After {@code maxFailures} within {@code window}
 * the address is locked out for {@code lockout}: its attempts are answered 429 with Retry-After before any key is
 * compared, so guessing from one address is slow. A request that presents no credential (a health probe) is never
 * refused, and another address is not affected. The caller's address is the one Tomcat's RemoteIpValve gives (the
 * X-Forwarded-For of a proxy named in TRUSTED_PROXIES, never of anyone else); an IPv6 client counts by its /64, all of
 * which one client usually holds. Failures and lockouts are logged with the address, never with what was presented,
 * at most once a minute for each kind of failure and for lockouts.
 *
 * <p>The count is kept by address only (there are no user names: the console and the API have one key), so the only
 * address a guesser can lock out is the one it sends from, and only for {@code lockout} at a time.
 *
 * <p>The counts live in Redis ({@link SharedFailureCounts}): every instance behind a load balancer counts the same
 * failures and a restart forgets none. Each instance also counts what it sees itself, and while Redis does not answer
 * it decides on that alone: guessing stays slowed down, to the limits per instance, and the webhooks, the media stream
 * and the console keep working (refusing every authentication would stop calls; counting none would let a guesser try
 * as fast as Redis is down). After a Redis failure it is not asked again for {@link #REDIS_RETRY}, so a hung Redis
 * costs one command timeout, not one per request.
 */
public final class FailedAuthentications {

    private static final Logger log = LoggerFactory.getLogger(FailedAuthentications.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    /** How long after a Redis failure the counts are kept by this instance alone before Redis is asked again. */
    static final Duration REDIS_RETRY = Duration.ofSeconds(30);

    /** One address's failures in its current window, and until when it is locked out (null: it is not). */
    private record Failures(Instant windowStart, int count, Instant lockedUntil) {
    }

    private final FailedAuthenticationLimits limits;
    private final Clock clock;
    /**
     * Bounds memory only: an entry outlives its window and lockout by the time it is kept. What is counted and
     * when a lockout ends is decided on the clock, which tests move.
     */
    private final Cache<String, Failures> addresses;
    /** One throttled log per kind of failure, so a flood of guessed media tokens does not hide a failed sign-in. */
    private final Map<String, ThrottledLog> failureLogs = new ConcurrentHashMap<>();
    private final ThrottledLog lockoutLog;
    private final ThrottledLog redisLog;
    private final SharedFailureCounts shared;
    /** Until when Redis is not asked, after it failed (epoch ms on the clock). */
    private volatile long redisSkippedUntil = Long.MIN_VALUE;

    FailedAuthentications(FailedAuthenticationLimits limits, Clock clock, StringRedisTemplate redis) {
        this.limits = limits;
        this.clock = clock;
        this.shared = new SharedFailureCounts(redis, limits);
        this.addresses = Caffeine.newBuilder()
                .maximumSize(limits.maxAddresses())
                .expireAfterWrite(limits.window().plus(limits.lockout()))
                .build();
        this.lockoutLog = new ThrottledLog(log, Level.WARN, LOG_INTERVAL, this::nanoTime);
        this.redisLog = new ThrottledLog(log, Level.WARN, LOG_INTERVAL, this::nanoTime);
    }

    /** How long the request's address must still wait, when it is locked out. */
    public Optional<Duration> lockedOut(HttpServletRequest request) {
        String key = key(request.getRemoteAddr());
        Failures failures = addresses.getIfPresent(key);
        Instant until = failures == null ? null : failures.lockedUntil();
        Optional<Instant> sharedUntil = fromRedis(() -> shared.lockedUntil(key)).flatMap(found -> found);
        if (sharedUntil.isPresent() && (until == null || sharedUntil.get().isAfter(until))) {
            until = sharedUntil.get();
        }
        Instant now = clock.instant();
        return until == null || !now.isBefore(until) ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /** Counts a failed authentication of the request's address; {@code what} says what failed, for the log. */
    public void failed(HttpServletRequest request, String what) {
        failed(request.getRemoteAddr(), what);
    }

    private void failed(String address, String what) {
        Instant now = clock.instant();
        String key = key(address);
        Failures failures = addresses.asMap().compute(key, (k, earlier) -> {
            if (earlier == null || !now.isBefore(earlier.windowStart().plus(limits.window()))
                    && (earlier.lockedUntil() == null || !now.isBefore(earlier.lockedUntil()))) {
                return locked(new Failures(now, 1, null), now);
            }
            return locked(new Failures(earlier.windowStart(), earlier.count() + 1, earlier.lockedUntil()), now);
        });
        // every instance's failures from this address, when Redis answers; this instance's alone when it does not
        int count = fromRedis(() -> shared.count(key, now)).map(SharedFailureCounts.Counted::count)
                .orElse(failures.count());
        // what: a handful of fixed names from this code, never from the request
        failureLogs.computeIfAbsent(what, kind -> new ThrottledLog(log, Level.WARN, LOG_INTERVAL, this::nanoTime))
                .log("Failed {} from {} ({} from that address in the last {})", what, address, count,
                        readable(limits.window()));
        if (count == limits.maxFailures()) {
            lockoutLog.log("Locked out {} for {}: {} failed authentications within {}", address,
                    readable(limits.lockout()), count, readable(limits.window()));
        }
    }

    /** What Redis answers, or empty when it failed or failed less than {@link #REDIS_RETRY} ago. */
    private <T> Optional<T> fromRedis(Supplier<T> read) {
        long now = clock.millis();
        if (now < redisSkippedUntil) {
            return Optional.empty();
        }
        try {
            return Optional.of(read.get());
        } catch (RuntimeException e) {
            redisSkippedUntil = now + REDIS_RETRY.toMillis();
            redisLog.log("Redis did not answer ({}): failed authentications are counted by this instance alone, "
                    + "to the same limits, until it does", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private Failures locked(Failures failures, Instant now) {
        return failures.count() >= limits.maxFailures()
                ? new Failures(failures.windowStart(), failures.count(), now.plus(limits.lockout())) : failures;
    }

    /** Counts each failure, then lets {@code then} answer it. */
    public AuthenticationFailureHandler counting(String what, AuthenticationFailureHandler then) {
        return (request, response, exception) -> {
            failed(request, what);
            then.onAuthenticationFailure(request, response, exception);
        };
    }

    /** How a chain answers an attempt from a locked-out address; Retry-After is already set. */
    @FunctionalInterface
    public interface Refusal {
        void refuse(HttpServletRequest request, HttpServletResponse response, Duration retryAfter) throws IOException;
    }

    /**
     * A filter, for a chain before its authentication, that answers 429 with Retry-After to the {@code attempts}
     * (requests presenting a credential) of a locked-out address; everything else goes on.
     */
    public Filter refusingLockedOut(RequestMatcher attempts, Refusal refusal) {
        // Not a OncePerRequestFilter: two of them in one chain (the webhooks' and the media stream's) would share
        // its "already filtered" mark, and the second would be skipped.
        return (servletRequest, servletResponse, chain) -> {
            HttpServletRequest request = (HttpServletRequest) servletRequest;
            Optional<Duration> wait = attempts.matches(request) ? lockedOut(request) : Optional.empty();
            if (wait.isEmpty()) {
                chain.doFilter(servletRequest, servletResponse);
                return;
            }
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            HttpServletResponse response = (HttpServletResponse) servletResponse;
            response.setHeader("Retry-After", Long.toString(seconds));
            refusal.refuse(request, response, Duration.ofSeconds(seconds));
        };
    }

    /** For tests: how many addresses are remembered, after the cache has done its pending evictions. */
    long addressesRemembered() {
        addresses.cleanUp();
        return addresses.estimatedSize();
    }

    private static String readable(Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    private long nanoTime() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }

    /** The address, or for IPv6 its /64 network. */
    static String key(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            // In brackets it can only be an IPv6 literal: never a name to look up, whatever a proxy forwarded
            byte[] bytes = InetAddress.getByName("[" + address + "]").getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff)).append(':');
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
