package dev.vaani.call.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.json.JsonMapper;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

    @Bean(destroyMethod = "close")
    SessionStore sessionStore(StringRedisTemplate redis, JsonMapper objectMapper,
                              @Value("${vaani.session.ttl-seconds:3600}") long ttlSeconds) {
        // The session JSON keeps null fields (final_outcome: null), unlike our API responses.
        JsonMapper sessionJson = objectMapper.rebuild()
                .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.ALWAYS))
                .build();
        return new SessionStore(redis, sessionJson, Duration.ofSeconds(ttlSeconds), Duration.ofSeconds(1));
    }
}
