package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.vaani.call.CallRecordStore;
import dev.vaani.crm.CallRecords;
import dev.vaani.crm.CallStatusUpdate;
import dev.vaani.testing.VaaniIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;

@ExtendWith(OutputCaptureExtension.class)
class DialerTest extends VaaniIntegrationTest {


    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired Dialer dialer;
    @Autowired CallRecords callRecords;
    @Autowired DataSource dataSource;
    @Autowired CustomTask<Long> placeCallTask;
    @Autowired CallRecordStore records;
    @Autowired dev.vaani.call.PlacementContexts placements;

    private Campaign campaign(LocalTime start, LocalTime end, int retries) {
        return campaigns.create(new CampaignRequest("Dialer " + UUID.randomUUID(), null, null, null, start, end, null,
                50, retries, 120, false));
    }

    /** TRAI's hours; a test that dials pins the clock inside them (11:30 IST) rather than widening the window. */
    private Campaign traiHours(int retries) {
        return campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), retries);
    }

    private static final Instant HALF_PAST_ELEVEN_IST = Instant.parse("2025-06-02T06:00:00Z");

    private void stubExotel() {
        exotelPlacesCalls();
    }

    private static int requestsFor(String phone) {
        return exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT))
                .withRequestBody(containing("From=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))).size();
    }

    private Scheduler dialerInstance(String name) {
        Scheduler scheduler = Scheduler.create(dataSource, placeCallTask).schedulerName(new SchedulerName.Fixed(name))
                .threads(4).pollingInterval(Duration.ofMillis(100)).pollUsingLockAndFetch(0.5, 1.0).build();
        scheduler.start();
        return scheduler;
    }

    private long scheduledCall(long campaignId, long leadId) {
        return jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? ORDER BY attempt DESC LIMIT 1")
                .params(campaignId, leadId).query(Long.class).single();
    }

    @Test
    void twoDialerInstancesPlaceEachCallExactlyOnce() {
        stubExotel();
        Campaign campaign = traiHours(3);
        clock.pin(HALF_PAST_ELEVEN_IST);
        List<String> phones = new ArrayList<>();
        List<Long> leads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String phone = uniquePhone();
            phones.add(phone);
            leads.add(insertLead("Lead " + i, phone));
        }
        campaigns.attach(campaign.id(), leads);
        runner.start(campaign.id());

        Scheduler a = dialerInstance("dialer-a");
        Scheduler b = dialerInstance("dialer-b");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> runner.progress(campaigns.find(campaign.id()).orElseThrow())
                    .inProgress() == 12);
        } finally {
            a.stop();
            b.stop();
        }
        phones.forEach(phone -> assertThat(requestsFor(phone)).as(phone).isEqualTo(1));
        assertThat(jdbc.sql("SELECT count(*) FROM call_sessions WHERE campaign_id = ? AND status = 'initiated'")
                .param(campaign.id()).query(Integer.class).single()).isEqualTo(12);
    }

    @Test
    void aPlacedCallKeepsWhatItStartsFromInRedisUnderTheSidExotelGave() {
        stubExotel();
        Campaign campaign = campaigns.create(new CampaignRequest("Placement " + UUID.randomUUID(), "hi", null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, 50, 3, 120, false));
        long lead = insertLead("Anjali Placement", uniquePhone());
        jdbc.sql("UPDATE leads SET collected_data = '{\"location\": \"Whitefield\"}', property_type = '3BHK villa', "
                + "budget = '1.2 Cr' WHERE id = ?").param(lead).update();
        campaigns.attach(campaign.id(), List.of(lead));
        clock.pin(HALF_PAST_ELEVEN_IST);
        runner.start(campaign.id());
        long attempt = scheduledCall(campaign.id(), lead);

        dialer.attempt(attempt);

        String sid = jdbc.sql("SELECT call_sid FROM scheduled_calls WHERE id = ?").param(attempt).query(String.class).single();
        var kept = placements.find(sid).orElseThrow();
        assertThat(kept.leadId()).isEqualTo(lead);
        assertThat(kept.campaignId()).isEqualTo(campaign.id());
        assertThat(kept.scheduledCallId()).isEqualTo(attempt);
        assertThat(kept.leadName()).isEqualTo("Anjali Placement");
        assertThat(kept.script().language()).isEqualTo("hi");
        assertThat(kept.knownData()).containsEntry("location", "Whitefield");
        assertThat(kept.onRecord()).containsExactlyInAnyOrderEntriesOf(
                Map.of("property_type", "3BHK villa", "budget", "1.2 Cr"));
    }

    @Test
    void aCallMovedLaterWhileItsExecutionWasPickedWaitsForItsNewTime() {
        stubExotel();
        Campaign campaign = traiHours(3);
        String phone = uniquePhone();
        long lead = insertLead("Booked For Five", phone);
        campaigns.attach(campaign.id(), List.of(lead));
        clock.pin(HALF_PAST_ELEVEN_IST);
        runner.start(campaign.id());
        long id = scheduledCall(campaign.id(), lead);
        Instant fivePm = Instant.parse("2025-06-02T11:30:00Z");
        // what a booked call back writes while the execution, due now, is already being run
        jdbc.sql("UPDATE scheduled_calls SET not_before = ?, due_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(fivePm), java.sql.Timestamp.from(fivePm), id).update();

        assertThat(dialer.attempt(id)).isEqualTo(new DialDecision.RunAt(fivePm));
        assertThat(requestsFor(phone)).isZero();
    }

    @Test
    void outsideTheWindowTheCallWaitsForTheNextOpening() {
        stubExotel();
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 3);
        long lead = insertLead("Night Owl", uniquePhone());
        campaigns.attach(campaign.id(), List.of(lead));
        clock.pin(Instant.parse("2025-06-02T17:30:00Z")); // 23:00 IST
        runner.start(campaign.id());

        DialDecision decision = dialer.attempt(scheduledCall(campaign.id(), lead));

        assertThat(decision).isEqualTo(new DialDecision.RunAt(Instant.parse("2025-06-03T03:30:00Z")));
        assertThat(exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT)))).isEmpty();
    }

    /** A campaign saved before windows were checked, with the window written straight into its row. */
    private Campaign storedWithWindow(String start, String end) {
        Campaign campaign = traiHours(3);
        jdbc.sql("UPDATE campaigns SET calling_window_start = CAST(? AS time), calling_window_end = CAST(? AS time) WHERE id = ?")
                .params(start, end, campaign.id()).update();
        return campaign;
    }

    @Test
    void anAllDayWindowSavedBeforeTheRuleStillWaitsForNineIndiaTime() {
        stubExotel();
        Campaign campaign = storedWithWindow("00:00", "23:59");
        long lead = insertLead("Early Riser", uniquePhone());
        campaigns.attach(campaign.id(), List.of(lead));
        clock.pin(Instant.parse("2025-06-01T23:31:00Z")); // 05:01 IST
        runner.start(campaign.id());

        DialDecision decision = dialer.attempt(scheduledCall(campaign.id(), lead));

        assertThat(decision).isEqualTo(new DialDecision.RunAt(Instant.parse("2025-06-02T03:30:00Z"))); // 09:00 IST
        assertThat(exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT)))).isEmpty();
    }

    @Test
    void aStoredWindowReachingPastNinePmIsCutAtNinePmIndiaTime() {
        stubExotel();
        Campaign campaign = storedWithWindow("10:00", "23:00");
        long lead = insertLead("Night Owl", uniquePhone());
        campaigns.attach(campaign.id(), List.of(lead));
        clock.pin(Instant.parse("2025-06-02T15:45:00Z")); // 21:15 IST
        runner.start(campaign.id());

        DialDecision decision = dialer.attempt(scheduledCall(campaign.id(), lead));

        assertThat(decision).isEqualTo(new DialDecision.RunAt(Instant.parse("2025-06-03T04:30:00Z"))); // 10:00 IST
        assertThat(exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT)))).isEmpty();
    }

    @Test
    void anOvernightWindowSavedBeforeTheRuleNeverCalls() {
        stubExotel();
        Campaign campaign = storedWithWindow("21:00", "09:00");
        long lead = insertLead("Insomniac", uniquePhone());
        campaigns.attach(campaign.id(), List.of(lead));
        clock.pin(Instant.parse("2025-06-02T17:30:00Z")); // 23:00 IST, inside the stored window
        runner.start(campaign.id());
        long call = scheduledCall(campaign.id(), lead);

        DialDecision decision = dialer.attempt(call);

        assertThat(decision).isEqualTo(new DialDecision.RunAt(clock.instant().plus(Duration.ofHours(1)))); // in case it is edited
        assertThat(exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT)))).isEmpty();
        assertThat(jdbc.sql("SELECT last_error FROM scheduled_calls WHERE id = ?").param(call).query(String.class).single())
                .contains("09:00–21:00 India time");
    }

    @Test
    void aClampedWindowIsReportedInTheLogOncePerCampaign(CapturedOutput output) {
        stubExotel();
        Campaign campaign = storedWithWindow("00:00", "23:59");
        long first = insertLead("First", uniquePhone());
        long second = insertLead("Second", uniquePhone());
        campaigns.attach(campaign.id(), List.of(first, second));
        clock.pin(Instant.parse("2025-06-01T23:31:00Z")); // 05:01 IST
        runner.start(campaign.id());

        dialer.attempt(scheduledCall(campaign.id(), first));
        dialer.attempt(scheduledCall(campaign.id(), second));

        String warning = "Campaign " + campaign.id() + " has the calling window 00:00–23:59";
        assertThat(output.getOut().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
        assertThat(output.getOut()).contains("placed only from 09:00 to 21:00 India time");
    }

    @Test
    void doNotCallLeadsAreNeverQueued() {
        Campaign campaign = traiHours(3);
        long lead = insertLead("Opted Out", uniquePhone());
        jdbc.sql("UPDATE leads SET do_not_call = TRUE WHERE id = ?").param(lead).update();
        campaigns.attach(campaign.id(), List.of(lead, insertLead("Still Keen", uniquePhone())));

        runner.start(campaign.id());

        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_calls WHERE lead_id = ?").param(lead).query(Integer.class).single()).isZero();
    }

    @Test
    void aLeadWhoAskedOnACallNotToBeCalledAgainIsNotDialledByAnotherCampaign() {
        Campaign first = traiHours(3);
        Campaign second = traiHours(3);
        String phone = uniquePhone();
        long lead = insertLead("Rajesh Kumar", phone);
        clock.pin(HALF_PAST_ELEVEN_IST);
        campaigns.attach(second.id(), List.of(lead));
        runner.start(second.id());
        String sid = placeFirstCall(first, lead);

        // the first campaign's call ends with "don't call me again", stored as the media leg's end is
        records.write(new CallRecordStore.Snapshot(sid, lead, 1, "ENDED", Map.of(), false, "not_interested",
                "Asked not to be called again.", true, List.of(),
                new CallRecordStore.End("completed", "callended", clock.instant(), null, List.of())));
        DialDecision decision = dialer.attempt(scheduledCall(second.id(), lead));

        assertThat(decision).isInstanceOf(DialDecision.Done.class);
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE id = ?").param(scheduledCall(second.id(), lead))
                .query(String.class).single()).isEqualTo("cancelled");
        assertThat(requestsFor(phone)).isEqualTo(1);
    }

    @Test
    void aLeadCallingTheExoPhoneIsNotDialledWhileThatCallIsLive() {
        stubExotel();
        Campaign campaign = traiHours(3);
        String phone = uniquePhone();
        long lead = insertLead("Calling In", phone);
        clock.pin(HALF_PAST_ELEVEN_IST);
        campaigns.attach(campaign.id(), List.of(lead));
        runner.start(campaign.id());
        callsIn(phone);

        DialDecision decision = dialer.attempt(scheduledCall(campaign.id(), lead));

        assertThat(decision).isEqualTo(new DialDecision.RunAt(clock.instant().plus(Dialer.CONCURRENCY_RECHECK)));
        assertThat(requestsFor(phone)).isZero();
    }

    @Test
    void aLeadWhoJustSpokeWithUsOnAnInboundCallIsNotDialledAgainBeforeTheRetryInterval() {
        stubExotel();
        Campaign campaign = traiHours(3);
        String phone = uniquePhone();
        long lead = insertLead("Called Back", phone);
        clock.pin(HALF_PAST_ELEVEN_IST);
        campaigns.attach(campaign.id(), List.of(lead));
        runner.start(campaign.id());

        inboundCallEnds(callsIn(phone), "qualified", false);

        Instant due = jdbc.sql("SELECT due_at FROM scheduled_calls WHERE id = ?").param(scheduledCall(campaign.id(), lead))
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(due).isAfterOrEqualTo(clock.instant().plus(Duration.ofMinutes(campaign.retryIntervalMinutes())));
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE id = ?").param(scheduledCall(campaign.id(), lead))
                .query(String.class).single()).as("kept: the caller ID is no proof").isEqualTo("pending");
    }

    @Test
    void aCampaignStartedRightAfterALeadPhonedInWaitsItsRetryIntervalBeforeRingingThem() {
        stubExotel();
        Campaign campaign = traiHours(3);
        String phone = uniquePhone();
        long lead = insertLead("Phoned Before The Start", phone);
        clock.pin(HALF_PAST_ELEVEN_IST);
        inboundCallEnds(callsIn(phone), "qualified", false);
        Instant spoke = clock.instant();
        campaigns.attach(campaign.id(), List.of(lead));

        CampaignRunner.Started started = runner.start(campaign.id());
        DialDecision decision = dialer.attempt(scheduledCall(campaign.id(), lead));

        Instant afterTheInterval = spoke.plus(Duration.ofMinutes(campaign.retryIntervalMinutes()));
        assertThat(started.firstCallAt()).isEqualTo(afterTheInterval);
        assertThat(started.sentence()).contains("1 wait for their lead's other calls").doesNotContain("calling now");
        assertThat(decision).isEqualTo(new DialDecision.RunAt(afterTheInterval));
        assertThat(requestsFor(phone)).isZero();
    }

    @Test
    void aCallerAskingFromALeadsNumberNotToBeCalledPutsTheLeadsCallOffButNotOnDoNotCall() {
        stubExotel();
        Campaign campaign = traiHours(3);
        String phone = uniquePhone();
        long lead = insertLead("Stop Calling", phone);
        clock.pin(HALF_PAST_ELEVEN_IST);
        campaigns.attach(campaign.id(), List.of(lead));
        runner.start(campaign.id());

        inboundCallEnds(callsIn(phone), "not_interested", true);

        // a caller ID is no proof: whoever showed the number may not take the lead off the broker's list
        assertThat(jdbc.sql("SELECT do_not_call FROM leads WHERE id = ?").param(lead).query(Boolean.class).single())
                .isFalse();
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE id = ?").param(scheduledCall(campaign.id(), lead))
                .query(String.class).single()).isEqualTo("pending");
        Instant due = jdbc.sql("SELECT due_at FROM scheduled_calls WHERE id = ?").param(scheduledCall(campaign.id(), lead))
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(due).isAfterOrEqualTo(clock.instant().plus(Duration.ofMinutes(campaign.retryIntervalMinutes())));
    }

    /** The lead phones the ExoPhone; Exotel's start writes their number its own way, 0 and ten digits. */
    private String callsIn(String e164) {
        String sid = "in-" + UUID.randomUUID();
        records.started(sid, "MZ" + UUID.randomUUID().toString().replace("-", ""), null, null, "inbound",
                "0" + e164.substring(3), "+918047491899", 8000, clock.instant());
        return sid;
    }

    /** The caller hangs up: the media leg's end is stored, and with it the call's next step taken, as a live call does. */
    private void inboundCallEnds(String callSid, String outcome, boolean doNotCall) {
        records.write(new CallRecordStore.Snapshot(callSid, null, 1, "ENDED", Map.of(), false, outcome, null, doNotCall,
                List.of(), new CallRecordStore.End("completed", "callended", clock.instant(), null, List.of())));
        assertThat(jdbc.sql("SELECT next_step_decided_at IS NOT NULL FROM call_sessions WHERE call_sid = ?")
                .param(callSid).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aLeadInTwoCampaignsIsNotCalledByTheSecondWhileTheFirstsCallIsLive() {
        Campaign first = traiHours(3);
        Campaign second = traiHours(3);
        String phone = uniquePhone();
        long lead = insertLead("Two Campaigns", phone);
        clock.pin(HALF_PAST_ELEVEN_IST);
        campaigns.attach(second.id(), List.of(lead));
        runner.start(second.id());
        String sid = placeFirstCall(first, lead);

        DialDecision decision = dialer.attempt(scheduledCall(second.id(), lead));

        assertThat(decision).isEqualTo(new DialDecision.RunAt(HALF_PAST_ELEVEN_IST.plus(Dialer.CONCURRENCY_RECHECK)));
        assertThat(requestsFor(phone)).isEqualTo(1);
        callRecords.apply(new CallStatusUpdate(sid, "completed", null, HALF_PAST_ELEVEN_IST, 60, null), Map.of());
        // the call over, the second campaign's call waits its retry interval after it (CrossCampaignCallsTest)
        clock.pin(HALF_PAST_ELEVEN_IST.plus(Duration.ofMinutes(second.retryIntervalMinutes())));
        assertThat(dialer.attempt(scheduledCall(second.id(), lead))).isInstanceOf(DialDecision.Done.class);
        assertThat(requestsFor(phone)).isEqualTo(2);
    }

    @Test
    void aLeadPutOnDoNotCallWhileItsAttemptWaitsForALineIsNotDialled() throws Exception {
        stubExotel();
        Campaign campaign = traiHours(3);
        clock.pin(HALF_PAST_ELEVEN_IST);
        String phone = uniquePhone();
        long lead = insertLead("Late Opt Out", phone);
        campaigns.attach(campaign.id(), List.of(lead));
        runner.start(campaign.id());
        long id = scheduledCall(campaign.id(), lead);

        DialDecision decision;
        try (Connection other = dataSource.getConnection(); var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            // another instance holds the account's claim lock: this attempt has read its lead and waits for it
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("SELECT pg_advisory_xact_lock(7413, 0)")) {
                lock.execute();
            }
            var attempt = executor.submit(() -> dialer.attempt(id));
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid::bigint = 7413")
                    .query(Integer.class).single() > 0);
            // meanwhile the lead's call in another campaign ended with "don't call me again"
            jdbc.sql("UPDATE leads SET do_not_call = TRUE WHERE id = ?").param(lead).update();
            other.commit();
            decision = attempt.get(10, TimeUnit.SECONDS);
        }

        assertThat(requestsFor(phone)).isZero();
        assertThat(decision).isInstanceOf(DialDecision.RunAt.class);
        assertThat(dialer.attempt(id)).isInstanceOf(DialDecision.Done.class);
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("cancelled");
    }

    @Test
    void aStoredNumberOfAnotherCountryIsNeverDialled() {
        stubExotel();
        Campaign campaign = traiHours(3);
        clock.pin(HALF_PAST_ELEVEN_IST);
        String american = "+1415" + String.format("%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
        long lead = insertLead("Stored Before The Rule", american);
        campaigns.attach(campaign.id(), List.of(lead));
        runner.start(campaign.id());
        long id = scheduledCall(campaign.id(), lead);

        assertThat(dialer.attempt(id)).isInstanceOf(DialDecision.Done.class);
        assertThat(requestsFor(american)).isZero();
        assertThat(jdbc.sql("SELECT state, last_error FROM scheduled_calls WHERE id = ?").param(id).query().singleRow())
                .containsEntry("state", "cancelled").containsEntry("last_error", "only Indian (+91) numbers can be called");
    }

    private String placeFirstCall(Campaign campaign, long lead) {
        stubExotel();
        campaigns.attach(campaign.id(), List.of(lead));
        runner.start(campaign.id());
        dialer.attempt(scheduledCall(campaign.id(), lead));
        return jdbc.sql("SELECT call_sid FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND attempt = 1")
                .params(campaign.id(), lead).query(String.class).single();
    }

    @Test
    void anUnansweredCallIsRetriedAfterTheIntervalUntilAttemptsRunOut() {
        Campaign campaign = traiHours(2);
        long lead = insertLead("No Answer", uniquePhone());
        clock.pin(HALF_PAST_ELEVEN_IST);
        String sid = placeFirstCall(campaign, lead);

        callRecords.apply(new CallStatusUpdate(sid, "no-answer", null, null, null, null), Map.of());
        assertThat(leadStatus(lead))
                .as("waiting for the retry, not calling").isEqualTo("queued");

        Map<String, Object> retry = jdbc.sql("SELECT id, attempt, kind, due_at FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND attempt = 2")
                .params(campaign.id(), lead).query().singleRow();
        assertThat(retry).containsEntry("kind", "retry");
        assertThat(((java.sql.Timestamp) retry.get("due_at")).toInstant()).isEqualTo(Instant.parse("2025-06-02T08:00:00Z"));

        clock.pin(Instant.parse("2025-06-02T08:00:00Z"));
        dialer.attempt((Long) retry.get("id"));
        String second = jdbc.sql("SELECT call_sid FROM scheduled_calls WHERE id = ?").param(retry.get("id")).query(String.class).single();
        callRecords.apply(new CallStatusUpdate(second, "busy", null, null, null, null), Map.of());

        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?")
                .params(campaign.id(), lead).query(Integer.class).single()).isEqualTo(2);
        assertThat(runner.progress(campaigns.find(campaign.id()).orElseThrow()).failed()).isEqualTo(1);
    }

    @Test
    void aCallUnansweredWhileItsCampaignIsPausedIsRetriedOnceTheCampaignStartsAgain() {
        Campaign campaign = traiHours(3);
        long lead = insertLead("Paused Mid Ring", uniquePhone());
        clock.pin(HALF_PAST_ELEVEN_IST);
        String sid = placeFirstCall(campaign, lead);
        runner.pause(campaign.id()); // the broker pauses while the lead's phone rings

        callRecords.apply(new CallStatusUpdate(sid, "no-answer", null, null, null, null), Map.of());

        Map<String, Object> retry = jdbc.sql("SELECT id, kind, state FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND attempt = 2")
                .params(campaign.id(), lead).query().singleRow();
        assertThat(retry).containsEntry("kind", "retry").containsEntry("state", "pending");
        clock.pin(HALF_PAST_ELEVEN_IST.plus(Duration.ofHours(3)));
        runner.start(campaign.id());
        dialer.attempt((Long) retry.get("id"));
        assertThat(exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT)))).hasSize(2);
    }

    @Test
    void aCallUnansweredAfterItsCampaignStoppedLeavesItsRetryCancelledUntilTheCampaignStartsAgain() {
        Campaign campaign = traiHours(3);
        long lead = insertLead("Stopped Mid Ring", uniquePhone());
        clock.pin(HALF_PAST_ELEVEN_IST);
        String sid = placeFirstCall(campaign, lead);
        runner.stop(campaign.id());

        callRecords.apply(new CallStatusUpdate(sid, "no-answer", null, null, null, null), Map.of());

        var retry = jdbc.sql("SELECT id, state FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND attempt = 2")
                .params(campaign.id(), lead).query().singleRow();
        assertThat(retry).containsEntry("state", "cancelled");
        assertThat(runner.progress(campaigns.find(campaign.id()).orElseThrow()).queued()).isZero();
        clock.pin(HALF_PAST_ELEVEN_IST.plus(Duration.ofHours(3)));
        runner.start(campaign.id());
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE id = ?").param(retry.get("id")).query(String.class)
                .single()).isEqualTo("pending");
    }

    @Test
    void aRequestedCallbackIsBookedAtTheLeadsTime() {
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 3);
        long lead = insertLead("Call Me Later", uniquePhone());

        answeredCallEnds(campaign, lead,
                "final_outcome = 'callback', collected_data = '{\"callback_at\":\"2025-06-03T18:30:00+05:30\"}'");

        Map<String, Object> callback = jdbc.sql("SELECT kind, due_at FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND attempt = 2")
                .params(campaign.id(), lead).query().singleRow();
        assertThat(callback).containsEntry("kind", "callback");
        assertThat(((java.sql.Timestamp) callback.get("due_at")).toInstant()).isEqualTo(Instant.parse("2025-06-03T13:00:00Z"));
    }

    @Test
    void aCallbackAskedForOutsideTheCallingHoursIsShownToTheBrokerAtTheTimeItWillBePlaced() {
        Campaign campaign = traiHours(3);
        long lead = insertLead("After Two Hours", uniquePhone());

        answeredCallEnds(campaign, lead,
                "final_outcome = 'callback', collected_data = '{\"callback_at\":\"2025-06-02T22:45:00+05:30\"}'");

        List<Map<String, Object>> queued = api().get().uri("/api/leads/{id}/queued-calls", lead).retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<>() { });
        assertThat(queued).singleElement().satisfies(call -> assertThat(call)
                .containsEntry("campaignId", (int) campaign.id()).containsEntry("kind", "callback")
                .containsEntry("askedFor", "2025-06-02T22:45:00+05:30")
                .containsEntry("callAt", "2025-06-03T09:00:00+05:30"));
    }

    @Test
    void aCallBackPromisedWithoutATimeIsRetriedAfterTheInterval() {
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 3);
        long lead = insertLead("Trouble On Our Side", uniquePhone());

        answeredCallEnds(campaign, lead, "final_outcome = 'callback'");

        Map<String, Object> retry = jdbc.sql("SELECT kind, due_at, state FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND attempt = 2")
                .params(campaign.id(), lead).query().singleRow();
        assertThat(retry).containsEntry("kind", "retry").containsEntry("state", "pending");
        assertThat(((java.sql.Timestamp) retry.get("due_at")).toInstant()).isEqualTo(Instant.parse("2025-06-02T08:00:00Z"));
    }

    @Test
    void aCallBackPromisedWithoutATimeEndsTheLeadOnceItsAttemptsRanOut() {
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 1);
        long lead = insertLead("Trouble Every Time", uniquePhone());

        answeredCallEnds(campaign, lead, "final_outcome = 'callback'");

        assertThat(attempts(campaign, lead)).isEqualTo(1);
        assertThat(statusAndOutcome(lead)).isEqualTo("done callback");
    }

    @Test
    void aConversationCutShortOnOurSideIsRetriedAfterTheInterval() {
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 3);
        long lead = insertLead("Cut Off", uniquePhone());

        answeredCallEnds(campaign, lead,
                "final_outcome = 'incomplete', error = 'the instance serving this call stopped before it ended'");

        assertThat(jdbc.sql("SELECT kind FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND attempt = 2")
                .params(campaign.id(), lead).query(String.class).single()).isEqualTo("retry");
    }

    @Test
    void aLeadQualifiedByOneCampaignStaysQualifiedWhenAnotherCannotReachIt() {
        Campaign first = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 1);
        Campaign second = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 1);
        long lead = insertLead("Qualified Elsewhere", uniquePhone());
        answeredCallEnds(first, lead, "final_outcome = 'qualified'");
        assertThat(leadStatus(lead))
                .isEqualTo("qualified");

        String sid = placeFirstCall(second, lead);
        callRecords.apply(new CallStatusUpdate(sid, "no-answer", null, null, null, null), Map.of());

        assertThat(statusAndOutcome(lead)).isEqualTo("qualified no_answer");
    }

    @Test
    void aCallAnsweredWithNoConversationOfOursIsRetriedAfterTheInterval() {
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 3);
        long lead = insertLead("Heard Silence", uniquePhone());

        answeredCallEnds(campaign, lead, "final_outcome = NULL"); // no media stream ever reached us

        assertThat(jdbc.sql("SELECT kind FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND attempt = 2")
                .params(campaign.id(), lead).query(String.class).single()).isEqualTo("retry");
    }

    @Test
    void aVoicemailIsRetriedAndItsLeadUnreachableOnceAttemptsRunOut() {
        Campaign retrying = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 3);
        long first = insertLead("Voicemail Once", uniquePhone());
        answeredCallEnds(retrying, first, "final_outcome = 'voicemail'");
        assertThat(attempts(retrying, first)).isEqualTo(2);

        Campaign once = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 1);
        long last = insertLead("Voicemail Always", uniquePhone());
        answeredCallEnds(once, last, "final_outcome = 'voicemail'");
        assertThat(statusAndOutcome(last)).isEqualTo("unreachable voicemail");
    }

    @Test
    void aLeadWhoHangsUpMidConversationIsNotCalledAgain() {
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 3);
        long lead = insertLead("Hung Up", uniquePhone());

        answeredCallEnds(campaign, lead, "final_outcome = 'incomplete'");

        assertThat(attempts(campaign, lead)).isEqualTo(1);
        assertThat(leadStatus(lead))
                .isEqualTo("done");
    }

    @Test
    void aLeadWhoQualifiedBeforeTheLineDroppedIsNotCalledAgain() {
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 3);
        long lead = insertLead("Qualified Then Dropped", uniquePhone());

        answeredCallIsCut(campaign, lead, "qualified");

        assertThat(attempts(campaign, lead)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?")
                .params(campaign.id(), lead).query(String.class).single()).isEqualTo("completed");
        assertThat(statusAndOutcome(lead)).isEqualTo("qualified qualified");
    }

    @Test
    void aLeadWhoSaidNoBeforeTheLineDroppedIsNotCalledAgain() {
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 3);
        long lead = insertLead("Said No Then Dropped", uniquePhone());

        answeredCallIsCut(campaign, lead, "not_interested");

        assertThat(attempts(campaign, lead)).isEqualTo(1);
        assertThat(leadStatus(lead))
                .isEqualTo("done");
    }

    @Test
    void aConversationTheLineDroppedMidwayIsRetriedAndItsLeadWasReachedWhenAttemptsRunOut() {
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 1);
        long lead = insertLead("Dropped Midway", uniquePhone());

        answeredCallIsCut(campaign, lead, "incomplete");

        assertThat(attempts(campaign, lead)).isEqualTo(1);
        assertThat(statusAndOutcome(lead)).as("answered: reached, not unreachable").isEqualTo("done incomplete");
    }

    @Test
    void aConversationTheLineDroppedMidwayIsRetriedAfterTheInterval() {
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 3);
        long lead = insertLead("Dropped Then Retried", uniquePhone());

        answeredCallIsCut(campaign, lead, "incomplete");

        assertThat(jdbc.sql("SELECT kind FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND attempt = 2")
                .params(campaign.id(), lead).query(String.class).single()).isEqualTo("retry");
    }

    @Test
    void aCallThatStreamedIsTakenAsAnsweredWhateverTheCarriersWordForItsEnd() {
        Campaign campaign = campaign(LocalTime.of(9, 0), LocalTime.of(21, 0), 3);
        long lead = insertLead("Qualified Then Failed", uniquePhone());
        clock.pin(Instant.parse("2025-06-02T06:00:00Z"));
        String sid = placeFirstCall(campaign, lead);
        jdbc.sql("UPDATE call_sessions SET stream_sid = 'MZ1', status = 'in-progress', final_outcome = 'qualified' "
                + "WHERE call_sid = ?").param(sid).update();
        callRecords.apply(new CallStatusUpdate(sid, "failed", null, null, 30, null), Map.of()); // before our end's write
        records.write(new CallRecordStore.Snapshot(sid, lead, 1, "ENDED", Map.of(), false, "qualified", null, false,
                List.of(), new CallRecordStore.End("completed", "callended", Instant.now(), null, List.of())));

        assertThat(attempts(campaign, lead)).isEqualTo(1);
        assertThat(leadStatus(lead))
                .isEqualTo("qualified");
    }

    /**
     * The lead's first call, placed at 11:30 IST and answered, loses its media stream (the socket dropped: the live
     * call stores the end as interrupted, with the reason, as CallEndTest shows), then Exotel's completed arrives,
     * which cannot turn a terminal status into another. The media leg ends on the real clock: ended in 2025, every
     * test context's reconciler would find the carrier's status overdue and take the next step itself, on its clock.
     */
    private void answeredCallIsCut(Campaign campaign, long lead, String outcome) {
        clock.pin(Instant.parse("2025-06-02T06:00:00Z"));
        String sid = placeFirstCall(campaign, lead);
        records.write(new CallRecordStore.Snapshot(sid, lead, 1, "ENDED", Map.of(), false, outcome, null, false,
                List.of(), new CallRecordStore.End("interrupted", "socket-closed-1006", Instant.now(), "media stream ended: socket-closed-1006", List.of())));
        callRecords.apply(new CallStatusUpdate(sid, "completed", null, null, 30, null), Map.of());
    }

    /** The lead's first call, placed at 11:30 IST and answered, ends with the media leg's record set as given. */
    private void answeredCallEnds(Campaign campaign, long lead, String mediaLegResult) {
        clock.pin(Instant.parse("2025-06-02T06:00:00Z"));
        String sid = placeFirstCall(campaign, lead);
        jdbc.sql("UPDATE call_sessions SET " + mediaLegResult + " WHERE call_sid = ?").param(sid).update();
        callRecords.apply(new CallStatusUpdate(sid, "completed", null, null, 30, null), Map.of());
    }

    private String leadStatus(long lead) {
        return jdbc.sql("SELECT status FROM leads WHERE id = ?").param(lead).query(String.class).single();
    }

    /** The lead's status and its last outcome, "qualified no_answer". */
    private String statusAndOutcome(long lead) {
        return jdbc.sql("SELECT status || ' ' || last_outcome FROM leads WHERE id = ?").param(lead).query(String.class)
                .single();
    }

    private int attempts(Campaign campaign, long lead) {
        return jdbc.sql("SELECT count(*) FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?")
                .params(campaign.id(), lead).query(Integer.class).single();
    }
}
