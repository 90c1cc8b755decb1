package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.vaani.VaaniApplication;
import dev.vaani.platform.EmbeddedServers;
import dev.vaani.testing.MutableClock;
import dev.vaani.testing.TestProviders;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL stops answering while the dialer claims a line: the statement fails after {@code DATABASE_SOCKET_TIMEOUT}
 * and the rollback on its broken connection fails too. The attempt says so in one warning line, without a stack
 * trace, and looks again later; once PostgreSQL answers, the call is placed, once.
 */
class DialerPostgresHangTest {

    private static final String CONNECT = "/v1/Accounts/hang1/Calls/connect.json";
    /** Monday 1 June 2020, 11:30 in India: inside the calling hours, and no other test's queued call is due. */
    private static final Instant HALF_PAST_ELEVEN_IST = Instant.parse("2020-06-01T06:00:00Z");

    @TempDir
    static Path dataDirectory;

    private static final WireMockServer exotel = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private static EmbeddedServers.Postgres postgres;
    private static ConfigurableApplicationContext context;

    @TestConfiguration(proxyBeanMethods = false)
    static class PinnedClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @BeforeAll
    static void startAServerWhoseStatementsTimeOutAfterTwoSeconds() throws Exception {
        exotel.start();
        exotel.stubFor(post(CONNECT).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"Call\":{\"Sid\":\"hang-" + UUID.randomUUID() + "\",\"Status\":\"in-progress\"}}")));
        postgres = EmbeddedServers.postgres(Path.of("target/test-data/postgres"));
        EmbeddedServers.Redis redis = EmbeddedServers.redis(Path.of("target/test-data/redis"));
        context = new SpringApplicationBuilder(VaaniApplication.class, TestProviders.class, PinnedClock.class)
                .properties("DATABASE_URL=" + postgres.databaseUrl(), "REDIS_URL=" + redis.url(),
                        "VAANI_DATA_DIR=" + dataDirectory, "server.port=0", "db-scheduler.enabled=false",
                        "DATABASE_SOCKET_TIMEOUT=2", "spring.datasource.hikari.connection-timeout=2000",
                        "EXOTEL_BASE_URL=" + exotel.baseUrl(), "EXOTEL_ACCOUNT_SID=hang1", "EXOTEL_API_KEY=key",
                        "EXOTEL_API_TOKEN=token", "EXOTEL_VIRTUAL_NUMBER=08012345678")
                .run();
    }

    @AfterAll
    static void stop() {
        context.close();
        exotel.stop();
    }

    @Test
    void aClaimPostgresDoesNotAnswerIsOneWarningAndTheCallIsPlacedOnceWhenItAnswers() throws Exception {
        context.getBean(MutableClock.class).pin(HALF_PAST_ELEVEN_IST);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Campaigns campaigns = context.getBean(Campaigns.class);
        Campaign campaign = campaigns.create(new CampaignRequest("Hang " + UUID.randomUUID(), null, null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, 2, 3, 120, false));
        long lead = jdbc.sql("INSERT INTO leads (name, phone) VALUES ('Hang Lead', ?) RETURNING id")
                .param("+9198" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)))
                .query(Long.class).single();
        campaigns.attach(campaign.id(), List.of(lead));
        context.getBean(CampaignRunner.class).start(campaign.id());
        long attempt = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ?").param(campaign.id())
                .query(Long.class).single();
        Dialer dialer = context.getBean(Dialer.class);

        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        DialDecision whileHung;
        try (Connection holder = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", postgres.password());
             Statement lock = holder.createStatement()) {
            // another instance's claim that never finishes: this one's wait for the account's lock is not answered
            holder.setAutoCommit(false);
            lock.execute("SELECT pg_advisory_xact_lock(7413, 0)");
            whileHung = dialer.attempt(attempt);
            holder.rollback();
        } finally {
            root.detachAppender(logged);
        }

        assertThat(whileHung).isEqualTo(new DialDecision.RunAt(HALF_PAST_ELEVEN_IST.plus(Dialer.DATABASE_RETRY)));
        // the attempt runs on this thread; other threads log what other tests' calls left behind
        String thisThread = Thread.currentThread().getName();
        List<ILoggingEvent> ours = logged.list.stream().filter(event -> event.getThreadName().equals(thisThread)).toList();
        assertThat(ours).filteredOn(event -> event.getThrowableProxy() != null)
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        assertThat(ours).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .singleElement().asString().contains("PostgreSQL did not answer");
        assertThat(exotel.findAll(postRequestedFor(urlEqualTo(CONNECT)))).isEmpty();

        assertThat(dialer.attempt(attempt)).isEqualTo(new DialDecision.Done());
        assertThat(dialer.attempt(attempt)).isEqualTo(new DialDecision.Done());
        assertThat(exotel.findAll(postRequestedFor(urlEqualTo(CONNECT)))).hasSize(1);
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE id = ?").param(attempt).query(String.class).single())
                .isEqualTo("placed");
        context.getBean(CampaignRunner.class).stop(campaign.id());
    }
}
