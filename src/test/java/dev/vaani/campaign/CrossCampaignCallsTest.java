package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallRecordStore;
import dev.vaani.crm.CallRecords;
import dev.vaani.crm.CallStatusUpdate;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A lead in several campaigns is one person: what they told one campaign's call (call me at five) and the call one
 * campaign just made to them, answered or not, hold for the others' calls too.
 */
class CrossCampaignCallsTest extends VaaniIntegrationTest {

    /** Monday 2 June 2025, 11:30 in India. */
    private static final Instant HALF_PAST_ELEVEN_IST = Instant.parse("2025-06-02T06:00:00Z");
    private static final int RETRY_INTERVAL_MINUTES = 120;

    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired Dialer dialer;
    @Autowired CallRecords callRecords;
    @Autowired CallRecordStore records;
    @Autowired DialQueue queue;
    @Autowired QueuedCalls queuedCalls;

    private Campaign campaign() {
        return campaigns.create(new CampaignRequest("Cross " + UUID.randomUUID(), null, null, null, LocalTime.of(9, 0),
                LocalTime.of(21, 0), null, 50, 3, RETRY_INTERVAL_MINUTES, false));
    }

    private void stubExotel() {
        exotelPlacesCalls("cross-");
    }

    private static int callsTo(String phone) {
        return exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT))
                .withRequestBody(containing("From=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))).size();
    }

    /** The lead's latest queued call in the campaign. */
    private long queuedCall(Campaign campaign, long lead) {
        return jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? ORDER BY attempt DESC LIMIT 1")
                .params(campaign.id(), lead).query(Long.class).single();
    }

    /** The campaign, started with the lead, places its first call to them; returns the call's sid. */
    private String firstCall(Campaign campaign, long lead) {
        campaigns.attach(campaign.id(), List.of(lead));
        runner.start(campaign.id());
        assertThat(dialer.attempt(queuedCall(campaign, lead))).isEqualTo(new DialDecision.Done());
        return jdbc.sql("SELECT call_sid FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND attempt = 1")
                .params(campaign.id(), lead).query(String.class).single();
    }

    /**
     * The lead picks up (the media stream starts), talks for four minutes, and the call ends with the outcome and the
     * fields the agent collected; Exotel's terminal status follows, which takes the call's next step.
     */
    private void answeredAndEnded(String callSid, long lead, String outcome, Map<String, Object> collected) {
        records.started(callSid, "MZ" + UUID.randomUUID().toString().replace("-", ""), lead, null, "outbound",
                "08012345678", null, 8000, clock.instant());
        clock.pin(clock.instant().plus(Duration.ofMinutes(4)));
        records.write(new CallRecordStore.Snapshot(callSid, lead, 1, "ENDED", collected, false, outcome, null, false,
                List.of(), new CallRecordStore.End("completed", "callended", clock.instant(), null, List.of())));
        callRecords.apply(new CallStatusUpdate(callSid, "completed", null, clock.instant(), 240, null), Map.of());
        assertThat(jdbc.sql("SELECT next_step_decided_at IS NOT NULL FROM call_sessions WHERE call_sid = ?")
                .param(callSid).query(Boolean.class).single()).as("the call's next step is taken").isTrue();
    }

    /** A lead in two started campaigns whose second's first call to them waits, at 11:30 in India. */
    private record LeadInTwoCampaigns(Campaign first, Campaign second, long lead, String phone) {}

    private LeadInTwoCampaigns secondWaitsFor(String name) {
        stubExotel();
        Campaign first = campaign();
        Campaign second = campaign();
        String phone = uniquePhone();
        long lead = insertLead(name, phone);
        clock.pin(HALF_PAST_ELEVEN_IST);
        campaigns.attach(second.id(), List.of(lead));
        runner.start(second.id());
        return new LeadInTwoCampaigns(first, second, lead, phone);
    }

    /** When the queued call's one execution will run. */
    private Instant execution(long scheduledCallId) {
        return jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'place-call' AND task_instance = ?")
                .param("sc-" + scheduledCallId).query(Timestamp.class).single().toInstant();
    }

    private Map<String, Object> row(long scheduledCallId) {
        return jdbc.sql("SELECT state, attempt, due_at FROM scheduled_calls WHERE id = ?").param(scheduledCallId)
                .query().singleRow();
    }

    /** Their calls queued in other campaigns are cancelled when the call ends, not left to be skipped when due. */
    @Test
    void aLeadWhoAsksOnACallNotToBeCalledAgainHasAnotherCampaignsQueuedCallCancelled() {
        LeadInTwoCampaigns both = secondWaitsFor("Stop Calling Me");
        String sid = firstCall(both.first(), both.lead());
        long secondsCall = queuedCall(both.second(), both.lead());

        records.started(sid, "MZ" + UUID.randomUUID().toString().replace("-", ""), both.lead(), null, "outbound",
                "08012345678", null, 8000, clock.instant());
        records.write(new CallRecordStore.Snapshot(sid, both.lead(), 1, "ENDED", Map.of(), false, "not_interested",
                null, true, List.of(), new CallRecordStore.End("completed", "callended", clock.instant(), null, List.of())));
        callRecords.apply(new CallStatusUpdate(sid, "completed", null, clock.instant(), 40, null), Map.of());

        assertThat(row(secondsCall)).containsEntry("state", "cancelled");
        assertThat(campaigns.find(both.second().id()).orElseThrow().status()).as("it waited only for this lead")
                .isEqualTo("completed");
    }

    @Test
    void aLeadWhoAskedOneCampaignToCallBackAtFiveIsNotRungByAnotherBeforeThen() {
        LeadInTwoCampaigns both = secondWaitsFor("Call Me At Five");
        String sid = firstCall(both.first(), both.lead());

        answeredAndEnded(sid, both.lead(), "callback", Map.of("callback_at", "2025-06-02T17:00:00+05:30"));
        long secondsCall = queuedCall(both.second(), both.lead());
        DialDecision decision = dialer.attempt(secondsCall);

        assertThat(callsTo(both.phone())).as("only the first campaign's call").isEqualTo(1);
        // the call back at 17:00 IST is a call to the lead: the other campaign keeps its retry interval from it
        Instant fiveAndTwoHours = Instant.parse("2025-06-02T11:30:00Z").plus(Duration.ofMinutes(RETRY_INTERVAL_MINUTES));
        assertThat(decision).isEqualTo(new DialDecision.RunAt(fiveAndTwoHours));
        assertThat(row(secondsCall)).as("still its first attempt, waiting")
                .containsEntry("state", "pending").containsEntry("attempt", 1)
                .containsEntry("due_at", Timestamp.from(fiveAndTwoHours));
    }

    /** The first campaign's call ends with a call back booked for five, and the second's call is put off for it. */
    private record PutOffForACallBack(long secondsCall, Instant conversationEnded) {}

    private PutOffForACallBack putOffForACallBackAtFive(LeadInTwoCampaigns both) {
        answeredAndEnded(firstCall(both.first(), both.lead()), both.lead(), "callback",
                Map.of("callback_at", "2025-06-02T17:00:00+05:30"));
        Instant ended = clock.instant();
        long secondsCall = queuedCall(both.second(), both.lead());
        assertThat(dialer.attempt(secondsCall)).isInstanceOf(DialDecision.RunAt.class);
        return new PutOffForACallBack(secondsCall, ended);
    }

    @Test
    void aCallBackCancelledByStoppingItsCampaignNoLongerHoldsAnotherCampaignsCall() {
        LeadInTwoCampaigns both = secondWaitsFor("Stopped Before Five");
        PutOffForACallBack putOff = putOffForACallBackAtFive(both);
        long secondsCall = putOff.secondsCall();

        runner.stop(both.first().id());

        // the conversation that booked it still holds the lead for the retry interval; the call back no longer does
        Instant afterTheConversation = putOff.conversationEnded().plus(Duration.ofMinutes(RETRY_INTERVAL_MINUTES));
        assertThat(row(secondsCall)).containsEntry("state", "pending").containsEntry("attempt", 1)
                .containsEntry("due_at", Timestamp.from(afterTheConversation));
        assertThat(execution(secondsCall)).as("the dialer looks again then").isEqualTo(afterTheConversation);
        clock.pin(afterTheConversation);
        assertThat(dialer.attempt(secondsCall)).isEqualTo(new DialDecision.Done());
        assertThat(callsTo(both.phone())).isEqualTo(2);
    }

    @Test
    void aCallPutOffForACallBackSinceCancelledIsQueuedAgainWhenItsPausedCampaignStarts() {
        LeadInTwoCampaigns both = secondWaitsFor("Paused Meanwhile");
        PutOffForACallBack putOff = putOffForACallBackAtFive(both);
        runner.pause(both.second().id());
        runner.stop(both.first().id());

        runner.start(both.second().id());

        assertThat(row(putOff.secondsCall())).containsEntry("state", "pending").containsEntry("due_at",
                Timestamp.from(putOff.conversationEnded().plus(Duration.ofMinutes(RETRY_INTERVAL_MINUTES))));
    }

    @Test
    void startingACampaignWhoseLeadsAnotherCampaignHoldsSaysWhenItsFirstCallWillBePlacedNotCallingNow() {
        stubExotel();
        Campaign first = campaign();
        Campaign second = campaign();
        long lead = insertLead("Spoke With The First", uniquePhone());
        clock.pin(HALF_PAST_ELEVEN_IST);
        String sid = firstCall(first, lead);
        answeredAndEnded(sid, lead, "not_interested", Map.of());
        Instant ended = clock.instant();
        campaigns.attach(second.id(), List.of(lead));

        CampaignRunner.Started started = runner.start(second.id());

        Instant afterTheInterval = ended.plus(Duration.ofMinutes(RETRY_INTERVAL_MINUTES));
        assertThat(started.firstCallAt()).isEqualTo(afterTheInterval);
        assertThat(started.sentence()).doesNotContain("calling now")
                .contains("1 wait for their lead's other calls").contains("13:34");
    }

    @Test
    void startingACampaignWithSomeLeadsHeldByAnotherCallsTheOthersNowAndSaysHowManyWait() {
        stubExotel();
        Campaign first = campaign();
        Campaign second = campaign();
        long held = insertLead("Spoke With The First", uniquePhone());
        long free = insertLead("Never Called", uniquePhone());
        clock.pin(HALF_PAST_ELEVEN_IST);
        String sid = firstCall(first, held);
        answeredAndEnded(sid, held, "not_interested", Map.of());
        campaigns.attach(second.id(), List.of(held, free));

        CampaignRunner.Started started = runner.start(second.id());

        assertThat(started.firstCallAt()).isEqualTo(clock.instant());
        assertThat(started.sentence()).contains("calling now").contains("1 wait for their lead's other calls");
    }

    @Test
    void aLeadWhoJustSpokeWithOneCampaignIsNotRungByAnotherBeforeItsRetryInterval() {
        LeadInTwoCampaigns both = secondWaitsFor("Just Spoke");
        String sid = firstCall(both.first(), both.lead());

        answeredAndEnded(sid, both.lead(), "not_interested", Map.of());
        Instant ended = clock.instant();
        clock.pin(ended.plus(Duration.ofSeconds(20)));
        long secondsCall = queuedCall(both.second(), both.lead());
        DialDecision decision = dialer.attempt(secondsCall);

        assertThat(callsTo(both.phone())).isEqualTo(1);
        Instant afterTheInterval = ended.plus(Duration.ofMinutes(RETRY_INTERVAL_MINUTES));
        assertThat(decision).isEqualTo(new DialDecision.RunAt(afterTheInterval));
        assertThat(row(secondsCall)).containsEntry("state", "pending").containsEntry("attempt", 1);
    }

    /** The lead's page says when the waiting call will ring, before the dialer has looked at it again. */
    @Test
    void theLeadsQueuedCallsShowWhenAnotherCampaignsCallWillRingAfterTheirConversationNotItsPastDueTime() {
        LeadInTwoCampaigns both = secondWaitsFor("Shown When");
        String sid = firstCall(both.first(), both.lead());

        answeredAndEnded(sid, both.lead(), "not_interested", Map.of());
        Instant ended = clock.instant();

        assertThat(queuedCalls.of(both.lead())).singleElement()
                .satisfies(call -> assertThat(call.callAt().toInstant())
                        .isEqualTo(ended.plus(Duration.ofMinutes(RETRY_INTERVAL_MINUTES))));
    }

    @Test
    void aLeadIsRungByAnotherCampaignOnceTheRetryIntervalAfterTheirLastConversationHasPassed() {
        LeadInTwoCampaigns both = secondWaitsFor("Spoke Two Hours Ago");
        answeredAndEnded(firstCall(both.first(), both.lead()), both.lead(), "qualified", Map.of());

        clock.pin(clock.instant().plus(Duration.ofMinutes(RETRY_INTERVAL_MINUTES)));

        assertThat(dialer.attempt(queuedCall(both.second(), both.lead()))).isEqualTo(new DialDecision.Done());
        assertThat(callsTo(both.phone())).isEqualTo(2);
    }

    @Test
    void aCallTheLeadDidNotAnswerHoldsAnotherCampaignsCallForItsRetryInterval() {
        LeadInTwoCampaigns both = secondWaitsFor("Did Not Pick Up");
        String sid = firstCall(both.first(), both.lead());
        clock.pin(clock.instant().plus(Duration.ofSeconds(45)));
        Instant rangOut = clock.instant();
        callRecords.apply(new CallStatusUpdate(sid, "no-answer", null, rangOut, null, null), Map.of());

        long secondsCall = queuedCall(both.second(), both.lead());
        DialDecision decision = dialer.attempt(secondsCall);

        assertThat(callsTo(both.phone())).as("not rung again a minute after a missed call").isEqualTo(1);
        Instant afterTheInterval = rangOut.plus(Duration.ofMinutes(RETRY_INTERVAL_MINUTES));
        assertThat(decision).isEqualTo(new DialDecision.RunAt(afterTheInterval));
        assertThat(row(secondsCall)).containsEntry("state", "pending").containsEntry("attempt", 1);
    }

    @Test
    void aLeadIsRungByAnotherCampaignOnceTheRetryIntervalAfterAMissedCallHasPassed() {
        LeadInTwoCampaigns both = secondWaitsFor("Missed It Two Hours Ago");
        String sid = firstCall(both.first(), both.lead());
        callRecords.apply(new CallStatusUpdate(sid, "busy", null, clock.instant(), null, null), Map.of());

        clock.pin(clock.instant().plus(Duration.ofMinutes(RETRY_INTERVAL_MINUTES)));

        assertThat(dialer.attempt(queuedCall(both.second(), both.lead()))).isEqualTo(new DialDecision.Done());
        assertThat(callsTo(both.phone())).isEqualTo(2);
    }

    @Test
    void aCallBackBookedForTheLeadKeepsItsTimeWhateverAnotherCampaignTalkedToThemAbout() {
        stubExotel();
        Campaign first = campaign();
        Campaign second = campaign();
        String phone = uniquePhone();
        long lead = insertLead("Call Me At Noon", phone);
        clock.pin(HALF_PAST_ELEVEN_IST);
        answeredAndEnded(firstCall(first, lead), lead, "not_interested", Map.of());
        // then they phone in, and the broker books the second campaign's call back for noon, as asked
        campaigns.attach(second.id(), List.of(insertLead("Someone Else", uniquePhone())));
        runner.start(second.id());
        Instant noon = Instant.parse("2025-06-02T06:30:00Z");
        long callBack = queue.enqueue(second.id(), lead, "callback", noon, noon);

        clock.pin(noon);

        assertThat(dialer.attempt(callBack)).isEqualTo(new DialDecision.Done());
        assertThat(callsTo(phone)).isEqualTo(2);
    }
}
