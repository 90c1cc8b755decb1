package dev.vaani.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.vaani.platform.admin.AdminApiKey;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * One application context for every CRM, campaign and webhook test: a running server, Exotel faked by WireMock
 * (shared, request journal per test), a movable clock. Subclasses must not reconfigure it, so the context is reused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({VaaniIntegrationTest.TestClock.class, TestProviders.class})
public abstract class VaaniIntegrationTest {

    protected static final String WEBHOOK_SECRET = "hook-secret-for-tests";

    protected static final WireMockServer exotel = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        exotel.start();
    }

    /** Exotel's "make a call" endpoint for the test account. */
    protected static final String EXOTEL_CONNECT = "/v1/Accounts/acme1/Calls/connect.json";

    /** The Exotel fake places every call asked for, each under a new call sid. */
    protected static void exotelPlacesCalls() {
        exotelPlacesCalls("");
    }

    /** As {@link #exotelPlacesCalls()}, the sids starting with {@code sidPrefix}, to tell a test's calls apart. */
    protected static void exotelPlacesCalls(String sidPrefix) {
        exotel.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(EXOTEL_CONNECT).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"Call\":{\"Sid\":\"" + sidPrefix
                                + "{{randomValue type='UUID'}}\",\"Status\":\"in-progress\"}}")
                        .withTransformers("response-template")));
    }

    @DynamicPropertySource
    static void exotelFake(DynamicPropertyRegistry registry) {
        registry.add("vaani.exotel.account-sid", () -> "acme1");
        registry.add("vaani.exotel.api-key", () -> "key123");
        registry.add("vaani.exotel.api-token", () -> "token456");
        registry.add("vaani.exotel.virtual-number", () -> "08012345678");
        registry.add("vaani.exotel.base-url", exotel::baseUrl);
        registry.add("vaani.exotel.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("vaani.exotel.client.initial-backoff", () -> "10ms");
        registry.add("vaani.public-base-url", () -> "https://vaani.example.com");
        // Every request here comes from 127.0.0.1 and many present a wrong key on purpose: no lockout in this context.
        // The lockout's own tests (dev.vaani.platform.security.AuthenticationLockoutTest) run with the defaults.
        registry.add("vaani.security.failed-authentications.max-failures", () -> Integer.MAX_VALUE);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected AdminApiKey adminApiKey;

    @AfterEach
    void resetFakes() {
        clock.reset();
        exotel.resetAll();
    }

    /** An HTTP client for our own server, sending the admin API key. */
    protected RestClient api() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("X-API-Key", adminApiKey.value())
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    /** An HTTP client for our own server without credentials. */
    protected RestClient anonymous() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    /** A phone number no other test uses: +9198 followed by eight random digits. */
    protected static String uniquePhone() {
        return "+9198" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
    }

    protected long insertLead(String name, String phone) {
        return jdbc.sql("INSERT INTO leads (name, phone) VALUES (?, ?) RETURNING id").params(name, phone)
                .query(Long.class).single();
    }
}
