package dev.vaani.platform.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

/**
 * Failed authentications per address kept in Redis, so every instance behind a load balancer counts the same
 * failures and a restart forgets none of them: one hash per address ({@code start}, {@code count}, {@code until}),
 * changed by one Lua script so two instances counting at once never lose a failure. The times are the application's
 * clock (the one tests move), passed in; a key's expiry only bounds Redis's memory: it is gone once its window and
 * lockout are over. Any Redis failure is thrown to {@link FailedAuthentications}, which then counts by itself.
 */
final class SharedFailureCounts {

    /**
     * Counts one failure at ARGV[1] (epoch ms): a window that ended (and no lockout running) starts again; the
     * ARGV[3]th failure in a window locks out until ARGV[1] + ARGV[4]. Returns {count, locked until or -1}.
     */
    private static final DefaultRedisScript<List> COUNT = new DefaultRedisScript<>("""
            local now, window, max, lockout = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            local stored = redis.call('HMGET', KEYS[1], 'start', 'count', 'until')
            local start, count, locked = tonumber(stored[1]), tonumber(stored[2]) or 0, tonumber(stored[3])
            if start == nil or (now >= start + window and (locked == nil or now >= locked)) then
                start, count, locked = now, 0, nil
            end
            count = count + 1
            if count >= max then locked = now + lockout end
            redis.call('HSET', KEYS[1], 'start', start, 'count', count)
            if locked then redis.call('HSET', KEYS[1], 'until', locked) else redis.call('HDEL', KEYS[1], 'until') end
            redis.call('PEXPIRE', KEYS[1], math.max(1, math.max(start + window, locked or 0) - now))
            return {count, locked or -1}
            """, List.class);

    /** What counting a failure left: the address's failures in its window, and until when it is locked out. */
    record Counted(int count, Optional<Instant> lockedUntil) {
    }

    private final StringRedisTemplate redis;
    private final FailedAuthenticationLimits limits;

    SharedFailureCounts(StringRedisTemplate redis, FailedAuthenticationLimits limits) {
        this.redis = redis;
        this.limits = limits;
    }

    Counted count(String addressKey, Instant now) {
        List<?> result = redis.execute(COUNT, List.of(limits.redisKeyPrefix() + addressKey),
                Long.toString(now.toEpochMilli()), Long.toString(limits.window().toMillis()),
                Integer.toString(limits.maxFailures()), Long.toString(limits.lockout().toMillis()));
        long lockedUntil = ((Number) result.get(1)).longValue();
        return new Counted(((Number) result.get(0)).intValue(),
                lockedUntil < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lockedUntil)));
    }

    /** Until when the address is locked out, if it ever was and no later window started since. */
    Optional<Instant> lockedUntil(String addressKey) {
        Object until = redis.opsForHash().get(limits.redisKeyPrefix() + addressKey, "until");
        return until == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(until.toString())));
    }
}
