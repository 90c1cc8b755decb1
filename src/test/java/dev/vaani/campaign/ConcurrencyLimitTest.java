package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.testing.VaaniIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A campaign's "calls at once" holds while calls start together: a call just placed counts against the limit in
 * every moment, also before its call row is written.
 */
class ConcurrencyLimitTest extends VaaniIntegrationTest {

    private static final String CONNECT = "/v1/Accounts/acme1/Calls/connect.json";
    private static final Instant HALF_PAST_ELEVEN_IST = Instant.parse("2025-06-02T06:00:00Z");

    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired Dialer dialer;
    @Autowired DataSource dataSource;

    private static String form(String phone) {
        return "From=" + URLEncoder.encode(phone, StandardCharsets.UTF_8);
    }

    private long queued(long campaignId, long leadId) {
        return jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?").params(campaignId, leadId)
                .query(Long.class).single();
    }

    @Test
    void aCallWhoseCallRowIsNotWrittenYetStillCountsAgainstTheLimit() throws Exception {
        String firstPhone = uniquePhone();
        String secondPhone = uniquePhone();
        String firstSid = "gap-" + UUID.randomUUID();
        exotel.stubFor(post(CONNECT).withRequestBody(containing(form(firstPhone))).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Call\":{\"Sid\":\"" + firstSid + "\",\"Status\":\"in-progress\"}}")));
        exotel.stubFor(post(CONNECT).withRequestBody(containing(form(secondPhone))).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Call\":{\"Sid\":\"gap-" + UUID.randomUUID() + "\",\"Status\":\"in-progress\"}}")));
        Campaign campaign = campaigns.create(new CampaignRequest("One at once " + UUID.randomUUID(), null, null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, 1, 3, 120, false));
        long firstLead = insertLead("First", firstPhone);
        long secondLead = insertLead("Second", secondPhone);
        campaigns.attach(campaign.id(), List.of(firstLead, secondLead));
        clock.pin(HALF_PAST_ELEVEN_IST);
        runner.start(campaign.id());

        // Holds the first call's row uncommitted, so the dialer's write of it waits: the moment the audit's extra
        // calls started in, after Exotel placed the call and before its row existed.
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement row = holder.prepareStatement(
                    "INSERT INTO call_sessions (call_sid, direction, status) VALUES (?, 'outbound', 'initiated')")) {
                row.setString(1, firstSid);
                row.executeUpdate();
            }
            CompletableFuture<DialDecision> first = CompletableFuture.supplyAsync(
                    () -> dialer.attempt(queued(campaign.id(), firstLead)));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO call_sessions%'
                      AND pid <> pg_backend_pid()""").query(Integer.class).single() > 0);

            DialDecision second = dialer.attempt(queued(campaign.id(), secondLead));

            assertThat(second).isInstanceOf(DialDecision.RunAt.class);
            assertThat(exotel.findAll(postRequestedFor(urlEqualTo(CONNECT)).withRequestBody(containing(form(secondPhone)))))
                    .as("the second call waits for a free line").isEmpty();
            holder.rollback();
            assertThat(first.get(30, TimeUnit.SECONDS)).isInstanceOf(DialDecision.Done.class);
        }
    }
}
