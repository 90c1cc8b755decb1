package dev.vaani.call;

import dev.vaani.conversation.CampaignScript;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the dialer had in hand when it placed a call (the lead, the campaign's script, what earlier calls collected),
 * kept in Redis under the call sid Exotel's answer to that placement gave, for as long as such a call can last. When
 * PostgreSQL does not answer as the call's media stream starts, the call starts from this instead of keeping the lead
 * in silence; any instance can, and so can this one after a restart.
 *
 * <p>Keyed only by a sid our own placement received: a stream's start cannot make one up, so a context is found only
 * for a call we placed, and then only if the stream's signed identity names the same lead and attempt.
 *
 * <p>A Redis that does not answer is given up on for a while ({@link #REDIS_RESTING}) once half of the last four
 * reads and writes failed: the dialer's placement and a call's start each waited out Redis' timeout (2 s) before,
 * and a call's start has 1.5 s in all before the lead hears anything.
 */
@Component
public class PlacementContexts {

    /** What a placed call starts from. */
    public record PlacementContext(long leadId, Long campaignId, long scheduledCallId, String leadName, String phone,
                                   String timeZone, CampaignScript script, Map<String, Object> knownData,
                                   dev.vaani.conversation.CallbackHours callbackHours, Map<String, String> onRecord) {}

    private static final Logger log = LoggerFactory.getLogger(PlacementContexts.class);

    /** How long a Redis found not answering is left alone before one read or write tries it again. */
    static final Duration REDIS_RESTING = Duration.ofSeconds(10);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration keptFor;
    private final CircuitBreaker redisAnswers = CircuitBreaker.of("placement-contexts", CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(2).failureRateThreshold(50)
            .waitDurationInOpenState(REDIS_RESTING).permittedNumberOfCallsInHalfOpenState(1)
            .recordException(e -> !(e instanceof JacksonException)) // a bad value is no sign of Redis' health
            .build());

    public PlacementContexts(StringRedisTemplate redis, JsonMapper json, CallProperties calls) {
        this.redis = redis;
        this.json = json;
        this.keptFor = calls.longestCallRow();
        redisAnswers.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> log.warn("Redis is not answering: placements are neither kept nor looked up in it for {} s",
                        REDIS_RESTING.toSeconds());
                case CLOSED -> log.info("Redis answers again: placements are kept in it again");
                default -> { }
            }
        });
    }

    public static String key(String callSid) {
        return "placement:" + callSid;
    }

    /** Keeps the context of a call just placed as {@code callSid}; a Redis that fails only loses the fallback. */
    public void keep(String callSid, PlacementContext context) {
        try {
            String value = json.writeValueAsString(context);
            redisAnswers.executeRunnable(() -> redis.opsForValue().set(key(callSid), value, keptFor));
        } catch (CallNotPermittedException resting) {
            log.debug("Call {}: Redis is not answering, its placement is not kept there", callSid);
        } catch (RuntimeException e) {
            log.warn("Call {}: keeping its placement in Redis failed ({}); it starts from PostgreSQL only",
                    callSid, e.getMessage());
        }
    }

    /** The context our placement kept for {@code callSid}, if any. */
    public Optional<PlacementContext> find(String callSid) {
        try {
            String value = redisAnswers.executeSupplier(() -> redis.opsForValue().get(key(callSid)));
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, PlacementContext.class));
        } catch (CallNotPermittedException resting) {
            log.debug("Call {}: Redis is not answering, its placement is not looked up there", callSid);
            return Optional.empty();
        } catch (JacksonException e) {
            log.warn("Call {}: unreadable placement in Redis: {}", callSid, e.getOriginalMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("Call {}: reading its placement from Redis failed ({})", callSid, e.getMessage());
            return Optional.empty();
        }
    }
}
