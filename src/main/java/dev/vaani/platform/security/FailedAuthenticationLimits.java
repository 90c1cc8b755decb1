package dev.vaani.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed authentications from one client address are slowed down ({@link FailedAuthentications}).
 *
 * @param maxFailures  failures from one address within {@code window} after which it is locked out
 * @param window       how far back failures count, from the first of them
 * @param lockout      how long a locked-out address's attempts are answered 429 instead of being checked
 * @param maxAddresses addresses each instance remembers at once (it counts by itself too, for when Redis is down);
 *                     beyond it the cache evicts, so a flood of addresses costs bounded memory (about 200 bytes each)
 * @param redisKeyPrefix where in Redis the counts are kept, one hash per address; every instance of one deployment
 *                     must have the same (tests give each application context one of its own)
 */
@ConfigurationProperties("vaani.security.failed-authentications")
public record FailedAuthenticationLimits(
        @DefaultValue("10") int maxFailures,
        @DefaultValue("1m") Duration window,
        @DefaultValue("5m") Duration lockout,
        @DefaultValue("100000") int maxAddresses,
        @DefaultValue("vaani:failed-authentications:") String redisKeyPrefix) {
}
