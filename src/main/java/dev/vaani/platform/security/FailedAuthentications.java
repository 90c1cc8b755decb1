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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Failed authentications per client address: an admin key or webhook secret presented wrong or malformed, a failed
 * console sign-in, a wrong media secret. After {@code maxFailures} within {@code window}
 * the address is locked out for {@code lockout}: its attempts are answered 429 with Retry-After before any key is
 * compared, so guessing from one address is slow. A request that presents no credential (a health probe) is never
 * refused, and another address is not affected. The caller's address is the one Tomcat's RemoteIpValve gives (the
 * proxy's X-Forwarded-For); an IPv6 client counts by its /64, all of which one client usually holds. Failures and
 * lockouts are logged with the address, never with what was presented, at most once a minute for each kind of
 * failure and for lockouts.
 */
public final class FailedAuthentications {

    private static final Logger log = LoggerFactory.getLogger(FailedAuthentications.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

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

    FailedAuthentications(FailedAuthenticationLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.addresses = Caffeine.newBuilder()
                .maximumSize(limits.maxAddresses())
                .expireAfterWrite(limits.window().plus(limits.lockout()))
                .build();
        this.lockoutLog = new ThrottledLog(log, Level.WARN, LOG_INTERVAL, this::nanoTime);
    }

    /** How long the request's address must still wait, when it is locked out. */
    public Optional<Duration> lockedOut(HttpServletRequest request) {
        Failures failures = addresses.getIfPresent(key(request.getRemoteAddr()));
        Instant now = clock.instant();
        return failures == null || failures.lockedUntil() == null || !now.isBefore(failures.lockedUntil())
                ? Optional.empty() : Optional.of(Duration.between(now, failures.lockedUntil()));
    }

    /** Counts a failed authentication of the request's address; {@code what} says what failed, for the log. */
    public void failed(HttpServletRequest request, String what) {
        failed(request.getRemoteAddr(), what);
    }

    private void failed(String address, String what) {
        Instant now = clock.instant();
        Failures failures = addresses.asMap().compute(key(address), (key, earlier) -> {
            if (earlier == null || !now.isBefore(earlier.windowStart().plus(limits.window()))
                    && (earlier.lockedUntil() == null || !now.isBefore(earlier.lockedUntil()))) {
                return locked(new Failures(now, 1, null), now);
            }
            return locked(new Failures(earlier.windowStart(), earlier.count() + 1, earlier.lockedUntil()), now);
        });
        // what: a handful of fixed names from this code, never from the request
        failureLogs.computeIfAbsent(what, kind -> new ThrottledLog(log, Level.WARN, LOG_INTERVAL, this::nanoTime))
                .log("Failed {} from {} ({} from that address in the last {})", what, address, failures.count(),
                        readable(limits.window()));
        if (failures.count() == limits.maxFailures()) {
            lockoutLog.log("Locked out {} for {}: {} failed authentications within {}", address,
                    readable(limits.lockout()), failures.count(), readable(limits.window()));
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
