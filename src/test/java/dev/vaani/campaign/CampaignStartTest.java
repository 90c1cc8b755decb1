package dev.vaani.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Starting a campaign through the admin API: what it says about when calls go out, what it refuses, and how queued
 * calls follow a new start or a changed window (the clock is virtual; no test waits).
 */
@ExtendWith(OutputCaptureExtension.class)
class CampaignStartTest extends VaaniIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    private ResponseEntity<Map<String, Object>> create(String windowJson) {
        return api().post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Start " + UUID.randomUUID() + "\"" + windowJson + "}").retrieve().toEntity(JSON);
    }

    private static final Instant FIVE_AM_IST = Instant.parse("2026-12-04T23:35:00Z"); // 05:05 IST, 5 Dec
    private static final Instant TEN_AM_IST = Instant.parse("2026-12-05T04:30:00Z");

    @Autowired Campaigns campaigns;
    @Autowired Dialer dialer;

    private long campaignWithLeads(String start, String end, String... phones) {
        long id = ((Number) create(",\"callingWindowStart\":\"" + start + "\",\"callingWindowEnd\":\"" + end + "\"")
                .getBody().get("id")).longValue();
        List<Long> leads = new java.util.ArrayList<>();
        for (String phone : phones) {
            leads.add(insertLead("Lead " + phone, phone));
        }
        campaigns.attach(id, leads);
        return id;
    }

    private ResponseEntity<Map<String, Object>> post(long campaignId, String action) {
        return api().post().uri("/api/campaigns/{id}/" + action, campaignId).retrieve().toEntity(JSON);
    }

    private ResponseEntity<Map<String, Object>> putWindow(long campaignId, String start, String end) {
        return api().put().uri("/api/campaigns/{id}", campaignId).contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Widened " + UUID.randomUUID() + "\",\"callingWindowStart\":\"" + start
                        + "\",\"callingWindowEnd\":\"" + end + "\"}").retrieve().toEntity(JSON);
    }

    private long queuedCall(long campaignId, String phone) {
        return jdbc.sql("SELECT s.id FROM scheduled_calls s JOIN leads l ON l.id = s.lead_id WHERE s.campaign_id = ? AND l.phone = ?")
                .params(campaignId, phone).query(Long.class).single();
    }

    /** When the call's one db-scheduler execution will run. */
    private Instant executionTime(long scheduledCallId) {
        return jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'place-call' AND task_instance = ?")
                .param("sc-" + scheduledCallId).query(java.sql.Timestamp.class).single().toInstant();
    }

    private int executions(long scheduledCallId) {
        return jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?").param("sc-" + scheduledCallId)
                .query(Integer.class).single();
    }

    private void stubExotel() {
        exotelPlacesCalls();
    }

    private static int connectRequestsFor(String phone) {
        return exotel.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(EXOTEL_CONNECT))
                .withRequestBody(WireMock.containing("From=" + java.net.URLEncoder.encode(phone, java.nio.charset.StandardCharsets.UTF_8))))
                .size();
    }


    @Test
    void startingACampaignWithoutLeadsIsRefused() {
        long id = campaignWithLeads("09:00", "21:00");

        ResponseEntity<Map<String, Object>> started = post(id, "start");

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) started.getBody().get("detail")).startsWith("the campaign has no leads to call");
        assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo("draft");
    }

    @Test
    void startingACampaignWhoseLeadsAreAllOnDoNotCallIsRefused() {
        String phone = uniquePhone();
        long id = campaignWithLeads("09:00", "21:00", phone);
        jdbc.sql("UPDATE leads SET do_not_call = TRUE WHERE phone = ?").param(phone).update();

        ResponseEntity<Map<String, Object>> started = post(id, "start");

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) started.getBody().get("detail")).contains("do-not-call");
        assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo("draft");
    }

    @Test
    void startingBeforeNineSaysWhenTheFirstCallWillBePlaced() {
        long id = campaignWithLeads("09:00", "21:00", uniquePhone(), uniquePhone());
        clock.pin(FIVE_AM_IST);

        ResponseEntity<Map<String, Object>> started = post(id, "start");

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(started.getBody()).containsEntry("queued", 2).containsEntry("status", "active")
                .containsEntry("firstCallAt", "2026-12-05T09:00:00+05:30");
        assertThat((String) started.getBody().get("message"))
                .isEqualTo("Started: 2 call(s) queued. Outside the calling hours now: the first call will be placed at "
                        + "09:00 on Sat 5 Dec (Asia/Kolkata).");
    }

    @Test
    void startingWithinTheWindowSaysCallsGoOutNow() {
        long id = campaignWithLeads("09:00", "21:00", uniquePhone());
        clock.pin(TEN_AM_IST);

        ResponseEntity<Map<String, Object>> started = post(id, "start");

        assertThat(started.getBody()).containsEntry("firstCallAt", "2026-12-05T10:00:00+05:30")
                .containsEntry("message", "Started: 1 call(s) queued; calling now.");
    }

    @Test
    void startingLogsWhenTheFirstCallWillBePlaced(CapturedOutput output) {
        long id = campaignWithLeads("09:00", "21:00", uniquePhone());
        clock.pin(FIVE_AM_IST);

        post(id, "start");

        assertThat(output.getOut()).contains("Campaign " + id + ": Started: 1 call(s) queued. Outside the calling hours now: "
                + "the first call will be placed at 09:00 on Sat 5 Dec (Asia/Kolkata).");
    }

    // --- queued calls follow a changed window and a new start

    @Test
    void wideningTheWindowOfAnActiveCampaignBringsItsQueuedCallsForward() {
        String phone = uniquePhone();
        long id = campaignWithLeads("11:00", "21:00", phone);
        clock.pin(TEN_AM_IST);
        post(id, "start");
        long call = queuedCall(id, phone);
        assertThat(executionTime(call)).isEqualTo(Instant.parse("2026-12-05T05:30:00Z")); // 11:00 IST

        assertThat(putWindow(id, "09:00", "21:00").getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(executionTime(call)).isEqualTo(TEN_AM_IST);
        assertThat(jdbc.sql("SELECT due_at FROM scheduled_calls WHERE id = ?").param(call)
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(TEN_AM_IST);
    }

    @Test
    void narrowingTheWindowPushesQueuedCallsToItsNextOpening() {
        String phone = uniquePhone();
        long id = campaignWithLeads("09:00", "21:00", phone);
        clock.pin(TEN_AM_IST);
        post(id, "start");

        putWindow(id, "14:00", "18:00");

        assertThat(executionTime(queuedCall(id, phone))).isEqualTo(Instant.parse("2026-12-05T08:30:00Z")); // 14:00 IST
    }

    @Test
    void startingAgainAfterAPauseMovesQueuedCallsToTheWindowNowInForce() {
        String phone = uniquePhone();
        long id = campaignWithLeads("11:00", "21:00", phone);
        clock.pin(TEN_AM_IST);
        post(id, "start");
        post(id, "pause");
        putWindow(id, "09:00", "21:00");

        post(id, "start");

        assertThat(executionTime(queuedCall(id, phone))).isEqualTo(TEN_AM_IST);
    }

    @Test
    void rescheduledCallsArePlacedOnceEach() {
        stubExotel();
        String phone = uniquePhone();
        long id = campaignWithLeads("11:00", "21:00", phone);
        clock.pin(TEN_AM_IST);
        post(id, "start");
        long call = queuedCall(id, phone);

        putWindow(id, "09:00", "21:00");
        putWindow(id, "09:30", "21:00");
        post(id, "start");
        post(id, "start");
        dialer.attempt(call);
        dialer.attempt(call); // a second run of the same execution, as after a crash

        assertThat(executions(call)).as("still one execution for the attempt").isLessThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_calls WHERE campaign_id = ?").param(id).query(Integer.class).single())
                .as("no new attempt made by rescheduling").isEqualTo(1);
        assertThat(connectRequestsFor(phone)).isEqualTo(1);
    }

    @Test
    void aCallAlreadyPlacedIsNotQueuedAgainByANewStartOrAWindowChange() {
        stubExotel();
        String phone = uniquePhone();
        long id = campaignWithLeads("09:00", "21:00", phone);
        clock.pin(TEN_AM_IST);
        post(id, "start");
        long call = queuedCall(id, phone);
        dialer.attempt(call);

        putWindow(id, "09:30", "21:00");
        ResponseEntity<Map<String, Object>> again = post(id, "start");
        dialer.attempt(call);

        assertThat(again.getBody()).containsEntry("queued", 0);
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE id = ?").param(call).query(String.class).single())
                .isEqualTo("placed");
        assertThat(connectRequestsFor(phone)).isEqualTo(1);
    }

    @Test
    void aRetryWaitingForItsIntervalIsNotBroughtForwardByAWiderWindow() {
        String phone = uniquePhone();
        long id = campaignWithLeads("09:00", "21:00", phone);
        clock.pin(TEN_AM_IST);
        post(id, "start");
        long first = queuedCall(id, phone);
        jdbc.sql("UPDATE scheduled_calls SET state = 'failed' WHERE id = ?").param(first).update();
        Instant retryAt = TEN_AM_IST.plus(java.time.Duration.ofMinutes(120));
        jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, not_before, due_at, attempt, kind)
                SELECT lead_id, campaign_id, ?, ?, 2, 'retry' FROM scheduled_calls WHERE id = ?""")
                .params(java.sql.Timestamp.from(retryAt), java.sql.Timestamp.from(retryAt), first).update();

        putWindow(id, "09:00", "20:00");

        long retry = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND attempt = 2").param(id)
                .query(Long.class).single();
        assertThat(executionTime(retry)).isEqualTo(retryAt);
    }

    // --- the window is read in the campaign's time zone

    @Test
    void aCampaignInNewYorkStartedAtNightThereSaysItCallsAtNineNewYorkTime() {
        long id = ((Number) create(",\"timeZone\":\"America/New_York\"").getBody().get("id")).longValue();
        campaigns.attach(id, List.of(insertLead("Default Zone", uniquePhone()))); // the lead's zone: Asia/Kolkata
        clock.pin(Instant.parse("2026-12-05T07:16:00Z")); // 02:16 in New York, 12:46 IST

        ResponseEntity<Map<String, Object>> started = post(id, "start");

        assertThat(started.getBody()).containsEntry("firstCallAt", "2026-12-05T09:00:00-05:00");
        assertThat((String) started.getBody().get("message")).contains("Outside the calling hours now")
                .contains("09:00 on Sat 5 Dec (America/New_York)");
    }

    @Test
    void theDialerDoesNotCallBeforeTheCampaignsWindowOpensInItsZone() {
        stubExotel();
        String phone = uniquePhone();
        long id = ((Number) create(",\"timeZone\":\"America/New_York\"").getBody().get("id")).longValue();
        campaigns.attach(id, List.of(insertLead("Default Zone", phone)));
        clock.pin(Instant.parse("2026-12-05T07:16:00Z"));
        post(id, "start");

        assertThat(dialer.attempt(queuedCall(id, phone)))
                .isEqualTo(new DialDecision.RunAt(Instant.parse("2026-12-05T14:00:00Z")));
        assertThat(connectRequestsFor(phone)).isZero();
    }

    @Test
    void startingInsideTheWindowAtAnInstantFinerThanTheDatabaseKeepsSaysCallsGoOutNow() {
        long id = campaignWithLeads("09:00", "21:00", uniquePhone());
        clock.pin(Instant.parse("2026-12-05T07:17:00.000000999Z")); // 12:47 IST; PostgreSQL rounds to microseconds

        ResponseEntity<Map<String, Object>> started = post(id, "start");

        assertThat(started.getBody()).containsEntry("message", "Started: 1 call(s) queued; calling now.");
    }

    // --- starting again after a stop

    @Test
    void startingAStoppedCampaignAgainQueuesTheCallsTheStopCancelled() {
        String phone = uniquePhone();
        long id = campaignWithLeads("09:00", "21:00", phone, uniquePhone());
        clock.pin(TEN_AM_IST);
        post(id, "start");
        post(id, "stop");

        ResponseEntity<Map<String, Object>> again = post(id, "start");

        assertThat(again.getBody()).containsEntry("queued", 2)
                .containsEntry("message", "Started: 2 call(s) queued; calling now.");
        long call = queuedCall(id, phone);
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE id = ?").param(call).query(String.class).single())
                .isEqualTo("pending");
        assertThat(executionTime(call)).isEqualTo(TEN_AM_IST);
    }

    @Test
    void aCallCancelledBecauseTheLeadIsOnDoNotCallStaysCancelledWhenTheCampaignStartsAgain() {
        stubExotel();
        String optedOut = uniquePhone();
        long id = campaignWithLeads("09:00", "21:00", optedOut, uniquePhone());
        clock.pin(TEN_AM_IST);
        post(id, "start");
        jdbc.sql("UPDATE leads SET do_not_call = TRUE WHERE phone = ?").param(optedOut).update();
        dialer.attempt(queuedCall(id, optedOut));
        jdbc.sql("UPDATE leads SET do_not_call = FALSE WHERE phone = ?").param(optedOut).update();
        post(id, "stop");

        post(id, "start");

        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE id = ?").param(queuedCall(id, optedOut))
                .query(String.class).single()).isEqualTo("cancelled");
        assertThat(connectRequestsFor(optedOut)).isZero();
    }
}
