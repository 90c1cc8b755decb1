package dev.vaani.platform.admin;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdminApiConfiguration {

    /** Checked by the admin API's security chain (dev.vaani.platform.security). */
    @Bean
    AdminApiKey adminApiKey(@Value("${vaani.admin.api-key:}") String configured,
                            @Value("${vaani.data-dir:data}") String dataDirectory) {
        return AdminApiKey.resolve(configured, Path.of(dataDirectory));
    }

    /** Every time decision (calling windows, retries, due times) reads this clock, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
