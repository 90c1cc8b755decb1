package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.vaani.call.DurabilityProperties;
import dev.vaani.testing.VaaniIntegrationTest;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A dialer killed while its call's placement had no answer yet: its db-scheduler execution stays picked, its attempt
 * 'dialing'. With the scheduler's heartbeat settings the server runs with (application.yml; the tests run their own
 * schedulers), a live instance revives the execution soon enough for the attempt to be resolved through Exotel's call
 * details once the dialing timeout has passed, not half an hour later.
 */
class DeadDialerTest extends VaaniIntegrationTest {

    private static final String MADE_BEFORE_THE_KILL = "made-before-the-kill-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String CALLS = "/v1/Accounts/acme1/Calls.json";

    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired DataSource dataSource;
    @Autowired CustomTask<Long> placeCallTask;
    @Autowired JdbcClient jdbcClient;

    /** The server's own settings, as Spring Boot binds them from application.yml. */
    private static Binder serverSettings() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment);
    }

    @Test
    void aDeadInstancesDialingAttemptIsRevivedAndResolvedWithinTheDialingTimeout() throws IOException {
        DbSchedulerProperties scheduler = serverSettings().bindOrCreate("db-scheduler", DbSchedulerProperties.class);
        Duration dialingTimeout = serverSettings().bindOrCreate("vaani.durability", DurabilityProperties.class)
                .dialingTimeout();
        Campaign campaign = campaigns.create(new CampaignRequest("Killed " + UUID.randomUUID(), null, null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, 1, 3, 120, false));
        String phone = uniquePhone();
        long lead = insertLead("Killed Mid Dial", phone);
        campaigns.attach(campaign.id(), List.of(lead));
        clock.pin(Instant.parse("2025-06-02T06:00:00Z")); // 11:30 IST
        runner.start(campaign.id());
        clock.reset(); // db-scheduler's heartbeats run on real time
        long attempt = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?")
                .params(campaign.id(), lead).query(Long.class).single();
        // killed as Calls/connect was under way, the dialing timeout ago: the attempt is due to be resolved now
        Instant killed = Instant.now().minus(dialingTimeout);
        jdbc.sql("UPDATE scheduled_calls SET state = 'dialing', dialing_at = ? WHERE id = ?")
                .params(Timestamp.from(killed), attempt).update();
        SchedulerClient client = SchedulerClient.Builder.create(dataSource, placeCallTask).build();
        new DialQueue(jdbcClient, client, placeCallTask).schedule(attempt, Instant.now());
        jdbc.sql("""
                UPDATE scheduled_tasks SET picked = TRUE, picked_by = 'killed-instance', last_heartbeat = ?,
                       version = version + 1
                 WHERE task_name = ? AND task_instance = ?""")
                .params(Timestamp.from(killed), DialerConfiguration.PLACE_CALL, "sc-" + attempt).update();
        exotel.stubFor(get(urlPathEqualTo(CALLS)).willReturn(okJson("""
                {"Metadata":{"Total":1},"Calls":[{"Sid":"%s","Status":"completed","From":"%s","Direction":"outbound-api",
                 "DateCreated":"2025-06-02 11:30:01","CustomField":"lead=%d;campaign=%d;attempt=%d"}]}"""
                .formatted(MADE_BEFORE_THE_KILL, phone, lead, campaign.id(), jdbc.sql(
                        "SELECT attempt FROM scheduled_calls WHERE id = ?").param(attempt).query(Integer.class).single()))));
        exotel.stubFor(post(EXOTEL_CONNECT).willReturn(okJson("{\"Call\":{\"Sid\":\"must-not-happen\"}}")));

        Scheduler restarted = Scheduler.create(dataSource, placeCallTask)
                .schedulerName(new SchedulerName.Fixed("restarted")).threads(2)
                .pollingInterval(Duration.ofMillis(100)).pollUsingLockAndFetch(0.5, 1.0)
                .heartbeatInterval(scheduler.getHeartbeatInterval())
                .missedHeartbeatsLimit(scheduler.getMissedHeartbeatsLimit()).build();
        restarted.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(jdbc.sql(
                    "SELECT state FROM scheduled_calls WHERE id = ?").param(attempt).query(String.class).single()));
        } finally {
            restarted.stop();
        }
        // and at the latest: dead after the missed heartbeats, looked for every two intervals, run at the next poll
        assertThat(scheduler.getHeartbeatInterval().multipliedBy(scheduler.getMissedHeartbeatsLimit() + 2L)
                .plus(scheduler.getPollingInterval())).isLessThanOrEqualTo(dialingTimeout);
        assertThat(jdbc.sql("SELECT call_sid FROM scheduled_calls WHERE id = ?").param(attempt).query(String.class)
                .single()).isEqualTo(MADE_BEFORE_THE_KILL);
        assertThat(exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                        java.net.URLEncoder.encode(phone, java.nio.charset.StandardCharsets.UTF_8))))).isEmpty();
    }
}
