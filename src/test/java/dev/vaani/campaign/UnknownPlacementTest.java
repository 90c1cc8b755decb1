package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.json.JsonMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.vaani.call.CallProperties;
import dev.vaani.call.DurabilityProperties;
import dev.vaani.call.LiveCalls;
import dev.vaani.crm.CallRecords;
import dev.vaani.telephony.exotel.ExotelCallUrls;
import dev.vaani.telephony.exotel.ExotelClient;
import dev.vaani.telephony.exotel.ExotelClientSettings;
import dev.vaani.telephony.exotel.ExotelProperties;
import dev.vaani.testing.VaaniIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At most one real call per attempt: a placement whose answer never came is not repeated but looked up through
 * Exotel's call-details API, and so is an attempt a dead process left in 'dialing'.
 */
class UnknownPlacementTest extends VaaniIntegrationTest {

    // Call sids differ per run: the test database outlives a run, and a decided call is never decided again.
    private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);
    private static final String SLOW_ANSWER = "slow-answer-" + RUN;
    private static final String SECOND_TRY = "second-try-" + RUN;
    private static final String MADE_BEFORE_THE_CRASH = "made-before-the-crash-" + RUN;
    private static final String MUST_NOT_HAPPEN = "must-not-happen-" + RUN;
    private static final String CLOSED_BEFORE_ADOPTED = "closed-before-adopted-" + RUN;
    private static final String CLOSED_BEFORE_ITS_START_LANDED = "closed-before-start-landed-" + RUN;
    private static final String CONNECT = "/v1/Accounts/acme1/Calls/connect.json";
    private static final String CALLS = "/v1/Accounts/acme1/Calls.json";

    @Autowired AccountRefusals accountRefusals;
    @Autowired InvalidRequests invalidRequests;

    @Autowired AccountLines accountLines;
    @Autowired ApplicationEventPublisher events;
    @Autowired
    dev.vaani.call.identity.CallIdentitySigner identities;

    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired Dialer dialer;
    @Autowired CallRecords callRecords;
    @Autowired DataSource dataSource;
    @Autowired CustomTask<Long> placeCallTask;
    @Autowired JdbcClient jdbcClient;
    @Autowired TransactionTemplate transactions;
    @Autowired ExotelProperties exotelProperties;
    @Autowired ExotelCallUrls urls;
    @Autowired CallProperties callProperties;
    @Autowired DurabilityProperties durability;
    @Autowired LiveCalls liveCalls;
    @Autowired dev.vaani.call.PlacementContexts placements;
    @Autowired JsonMapper json;
    @Autowired dev.vaani.call.CallRecordStore records;
    @Autowired dev.vaani.call.OrphanedCallRecords orphans;

    private String phone;
    private long lead;
    private long attemptId;

    private void oneLeadQueued() {
        Campaign campaign = campaigns.create(new CampaignRequest("Unknown " + UUID.randomUUID(), null, null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, 50, 3, 120, false));
        phone = uniquePhone();
        lead = insertLead("Once Only", phone);
        campaigns.attach(campaign.id(), List.of(lead));
        clock.pin(Instant.parse("2025-06-02T06:00:00Z")); // 11:30 IST: queued to be dialled at once
        runner.start(campaign.id());
        attemptId = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?")
                .params(campaign.id(), lead).query(Long.class).single();
    }

    /** The context's dialer with an Exotel client that gives up after a second: the fake Exotel answers later. */
    private Dialer impatientDialer() {
        ExotelClient impatient = new ExotelClient(exotelProperties, new ExotelClientSettings(200, 4, Duration.ofMillis(10),
                Duration.ofSeconds(1), Duration.ofSeconds(1)), urls, callProperties, json, identities);
        AttemptResolver resolver = new AttemptResolver(jdbcClient, impatient, exotelProperties, callRecords, durability,
                transactions);
        return new Dialer(jdbcClient, transactions, campaigns, impatient, exotelProperties, callRecords, callProperties,
                durability, resolver, liveCalls, clock, placements, json, accountLines, events, accountRefusals, invalidRequests);
    }

    private int connectRequests() {
        return exotel.findAll(postRequestedFor(urlEqualTo(CONNECT))
                .withRequestBody(containing("From=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))).size();
    }

    /** Exotel's bulk call details: the call it made for this attempt, echoing our CustomField. */
    private void exotelKnowsTheCall(String sid, String status) {
        int attempt = jdbc.sql("SELECT attempt FROM scheduled_calls WHERE id = ?").param(attemptId).query(Integer.class).single();
        long campaign = jdbc.sql("SELECT campaign_id FROM scheduled_calls WHERE id = ?").param(attemptId).query(Long.class).single();
        exotel.stubFor(get(urlPathEqualTo(CALLS)).willReturn(okJson("""
                {"Metadata":{"Total":1},"Calls":[{"Sid":"%s","Status":"%s","From":"%s","Direction":"outbound-api",
                 "DateCreated":"2025-06-02 11:30:01","CustomField":"lead=%d;campaign=%d;attempt=%d"}]}"""
                .formatted(sid, status, phone, lead, campaign, attempt))));
    }

    private Map<String, Object> attemptRow() {
        return jdbc.sql("SELECT state, call_sid FROM scheduled_calls WHERE id = ?").param(attemptId).query().singleRow();
    }

    @Test
    void aConnectThatTimesOutIsNotRepeatedButFoundThroughCallDetails() {
        oneLeadQueued();
        clock.pin(Instant.parse("2025-06-02T06:00:00Z"));
        exotel.stubFor(post(CONNECT).willReturn(okJson("{\"Call\":{\"Sid\":\"" + SLOW_ANSWER + "\",\"Status\":\"in-progress\"}}")
                .withFixedDelay(2500)));
        Dialer dialer = impatientDialer();

        DialDecision first = dialer.attempt(attemptId);

        assertThat(first).isInstanceOf(DialDecision.RunAt.class);
        assertThat(attemptRow()).containsEntry("state", "unknown");
        exotelKnowsTheCall(SLOW_ANSWER, "in-progress");
        clock.advance(AttemptResolver.FIRST_LOOK);

        assertThat(dialer.attempt(attemptId)).isEqualTo(new DialDecision.Done());
        assertThat(attemptRow()).containsEntry("state", "placed").containsEntry("call_sid", SLOW_ANSWER);
        assertThat(connectRequests()).as("exactly one call placed").isEqualTo(1);
        assertThat(jdbc.sql("SELECT exotel_leg FROM call_sessions WHERE call_sid = '" + SLOW_ANSWER + "'").query(Boolean.class)
                .single()).isTrue();
    }

    @Test
    void anotherLeadsCallInTheWindowIsNotTakenForThisAttempt() {
        oneLeadQueued();
        clock.pin(Instant.parse("2025-06-02T06:00:00Z"));
        exotel.stubFor(post(CONNECT).willReturn(aResponse().withStatus(502)));
        // Exotel lists every call of the window, whatever From asked, numbers 0-prefixed, no CustomField
        exotel.stubFor(get(urlPathEqualTo(CALLS)).willReturn(okJson("""
                {"Metadata":{"Total":2},"Calls":[
                 {"Sid":"someone-else-%1$s","Status":"in-progress","From":"09000000001","To":"08047491899",
                  "Direction":"outbound-api","DateCreated":"2025-06-02 11:30:01"},
                 {"Sid":"this-lead-%1$s","Status":"in-progress","From":"0%2$s","To":"08047491899",
                  "Direction":"outbound-api","DateCreated":"2025-06-02 11:30:02"}]}"""
                .formatted(RUN, phone.substring(3)))));

        dialer.attempt(attemptId);
        assertThat(attemptRow()).containsEntry("state", "unknown");
        clock.advance(durability.dialingTimeout());
        assertThat(dialer.attempt(attemptId)).isEqualTo(new DialDecision.Done());

        assertThat(attemptRow()).containsEntry("state", "placed").containsEntry("call_sid", "this-lead-" + RUN);
    }

    @Test
    void anUnknownPlacementExotelNeverMadeIsDialledAgainOnlyAfterTheDialingTimeout() {
        oneLeadQueued();
        clock.pin(Instant.parse("2025-06-02T06:00:00Z"));
        exotel.stubFor(post(CONNECT).willReturn(aResponse().withStatus(502)));
        exotel.stubFor(get(urlPathEqualTo(CALLS)).willReturn(okJson("{\"Metadata\":{\"Total\":0},\"Calls\":[]}")));

        dialer.attempt(attemptId);
        assertThat(attemptRow()).containsEntry("state", "unknown");
        clock.advance(Duration.ofSeconds(30));
        assertThat(dialer.attempt(attemptId)).isInstanceOf(DialDecision.RunAt.class);
        assertThat(attemptRow()).as("Exotel may still be creating it").containsEntry("state", "unknown");

        clock.advance(durability.dialingTimeout());
        dialer.attempt(attemptId);
        assertThat(attemptRow()).containsEntry("state", "pending");
        exotel.stubFor(post(CONNECT).willReturn(okJson("{\"Call\":{\"Sid\":\"" + SECOND_TRY + "\",\"Status\":\"in-progress\"}}")));
        dialer.attempt(attemptId);

        assertThat(attemptRow()).containsEntry("state", "placed").containsEntry("call_sid", SECOND_TRY);
        assertThat(connectRequests()).isEqualTo(2);
    }

    @Test
    void anAttemptADeadProcessLeftDialingIsResolvedOnceByTwoRestartedInstancesWithoutRedialling() {
        oneLeadQueued();
        clock.reset(); // the restarted instances run on real time, like the dead process's dialing_at below
        Instant died = Instant.now().minus(durability.dialingTimeout()).minusSeconds(5);
        jdbc.sql("UPDATE scheduled_calls SET state = 'dialing', dialing_at = ? WHERE id = ?")
                .params(Timestamp.from(died), attemptId).update();
        exotelKnowsTheCall(MADE_BEFORE_THE_CRASH, "completed");
        exotel.stubFor(post(CONNECT).willReturn(okJson("{\"Call\":{\"Sid\":\"" + MUST_NOT_HAPPEN + "\"}}")));
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_calls WHERE campaign_id = (SELECT campaign_id FROM scheduled_calls WHERE id = ?) AND state IN ('dialing', 'unknown') AND dialing_at > ?")
                .params(attemptId, Timestamp.from(Instant.now().minus(durability.dialingTimeout()))).query(Integer.class).single())
                .as("a stale dialing attempt no longer counts against concurrency").isZero();

        Scheduler a = instance("restarted-a");
        Scheduler b = instance("restarted-b");
        try {
            new DialQueue(jdbcClient, a, placeCallTask).schedule(attemptId, Instant.now());
            // Exotel says the call is over, so the call's next step follows at once and completes the attempt
            await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(attemptRow().get("state")));
        } finally {
            a.stop();
            b.stop();
        }
        assertThat(attemptRow()).containsEntry("call_sid", MADE_BEFORE_THE_CRASH);
        assertThat(connectRequests()).isZero();
        assertThat(jdbc.sql("SELECT status FROM call_sessions WHERE call_sid = '" + MADE_BEFORE_THE_CRASH + "'")
                .query(String.class).single()).isEqualTo("completed");
    }

    /**
     * The dialer's process died waiting for Calls/connect's answer; the lead answered meanwhile, so the stream
     * started the call's row without the placement (no attempt has its sid), and the reconciler closed the row as cut
     * on our side and decided it before the attempt was revived and adopted the call.
     */
    @Test
    void anAttemptAdoptedAfterItsCallWasClosedAndDecidedGetsTheCallsNextStep() {
        oneLeadQueued();
        long campaign = jdbc.sql("SELECT campaign_id FROM scheduled_calls WHERE id = ?").param(attemptId)
                .query(Long.class).single();
        jdbc.sql("UPDATE scheduled_calls SET state = 'dialing', dialing_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant().minus(durability.dialingTimeout()).minusSeconds(5)), attemptId)
                .update();
        records.started(CLOSED_BEFORE_ADOPTED, "stream-" + RUN, lead, campaign, "outbound", phone, "08012345678",
                8000, Instant.now());
        jdbc.sql("UPDATE call_sessions SET heartbeat_at = now() - INTERVAL '5 minutes' WHERE call_sid = ?")
                .param(CLOSED_BEFORE_ADOPTED).update(); // its owner was killed
        assertThat(orphans.closeOrphan(CLOSED_BEFORE_ADOPTED, durability.ownerTimeout())).isTrue();
        assertThat(jdbc.sql("SELECT next_step_decided_at IS NOT NULL FROM call_sessions WHERE call_sid = ?")
                .param(CLOSED_BEFORE_ADOPTED).query(Boolean.class).single()).as("decided before adopted").isTrue();
        exotelKnowsTheCall(CLOSED_BEFORE_ADOPTED, "completed");
        exotel.stubFor(post(CONNECT).willReturn(okJson("{\"Call\":{\"Sid\":\"" + MUST_NOT_HAPPEN + "\"}}")));

        dialer.attempt(attemptId);

        assertThat(attemptRow()).containsEntry("state", "completed").containsEntry("call_sid", CLOSED_BEFORE_ADOPTED);
        assertThat(jdbc.sql("SELECT kind, state FROM scheduled_calls WHERE lead_id = ? AND id <> ?")
                .params(lead, attemptId).query().listOfRows())
                .as("the retry due for a conversation cut on our side")
                .containsExactly(Map.of("kind", "retry", "state", "pending"));
        CampaignRunner.Progress progress = runner.progress(campaigns.find(campaign).orElseThrow());
        assertThat(progress.inProgress()).isZero();
        assertThat(connectRequests()).isZero();
    }

    /**
     * The stream's start, carrying the placement this call was (PostgreSQL did not answer as the call started), lands
     * after the call's row was closed and decided: that decision found no attempt with this call sid, so the attempt
     * the late start adopts needs the call's next step then, not to stay 'placed' with nobody left to step it.
     */
    @Test
    void anAttemptAdoptedByALateStartAfterItsCallWasDecidedGetsTheCallsNextStep() {
        oneLeadQueued();
        long campaign = jdbc.sql("SELECT campaign_id FROM scheduled_calls WHERE id = ?").param(attemptId)
                .query(Long.class).single();
        jdbc.sql("UPDATE scheduled_calls SET state = 'dialing', dialing_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), attemptId).update();
        records.started(CLOSED_BEFORE_ITS_START_LANDED, "stream-late-" + RUN, lead, campaign, "outbound", phone,
                "08012345678", 8000, Instant.now());
        jdbc.sql("UPDATE call_sessions SET heartbeat_at = now() - INTERVAL '5 minutes' WHERE call_sid = ?")
                .param(CLOSED_BEFORE_ITS_START_LANDED).update();
        assertThat(orphans.closeOrphan(CLOSED_BEFORE_ITS_START_LANDED, durability.ownerTimeout())).isTrue();

        records.started(new dev.vaani.call.CallRecordStore.RowStart(CLOSED_BEFORE_ITS_START_LANDED,
                "stream-late-" + RUN, lead, campaign, "outbound", phone, "08012345678", 8000, Instant.now(), attemptId));

        assertThat(attemptRow()).containsEntry("state", "completed")
                .containsEntry("call_sid", CLOSED_BEFORE_ITS_START_LANDED);
        assertThat(jdbc.sql("SELECT kind, state FROM scheduled_calls WHERE lead_id = ? AND id <> ?")
                .params(lead, attemptId).query().listOfRows())
                .as("the retry due for a conversation cut on our side")
                .containsExactly(Map.of("kind", "retry", "state", "pending"));
    }

    private Scheduler instance(String name) {
        Scheduler scheduler = Scheduler.create(dataSource, placeCallTask).schedulerName(new SchedulerName.Fixed(name))
                .threads(2).pollingInterval(Duration.ofMillis(100)).pollUsingLockAndFetch(0.5, 1.0).build();
        scheduler.start();
        return scheduler;
    }
}
