package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallRecordStore;
import dev.vaani.crm.CallRecords;
import dev.vaani.crm.CallStatusUpdate;
import dev.vaani.testing.VaaniIntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Campaigns on one Exotel account share its lines (EXOTEL_MAX_CONCURRENT_CALLS): never more calls at once than the
 * account carries, whatever each campaign's own limit; a campaign started first does not keep the others waiting; and a
 * line a call gives back goes to the next waiting call when the call ends, not at that call's next look.
 *
 * <p>The shared database holds every earlier test's calls, which the account's count includes: the dialer here gets an
 * account with exactly {@link #LINES} lines beyond those. The clock is set to a day before any other test's, so no
 * other test's queued call is due and none of their campaigns asks for a share.
 */
@Isolated("every live call in the shared database holds one of the account's lines: another test's call starting or "
        + "ending while this runs would move them")
class AccountLinesTest extends VaaniIntegrationTest {

    /** Monday 1 June 2020, 11:30 in India. */
    private static final Instant BEFORE_EVERY_OTHER_TEST = Instant.parse("2020-06-01T06:00:00Z");
    private static final int LINES = 10;


    @Autowired ApplicationContext beans;
    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired CallRecords callRecords;
    @Autowired CallRecordStore callStore;
    @Autowired DialQueue queue;

    private final List<Long> started = new ArrayList<>();
    private final List<String> callersOnTheLine = new ArrayList<>();
    private AccountLines account;
    private Dialer dialer;
    private FreeLines freeLines;
    private int others;

    @BeforeEach
    void anAccountWithTenLinesOfItsOwn() {
        clock.pin(BEFORE_EVERY_OTHER_TEST);
        stubExotel();
        OwnLines own = OwnLines.of(beans, jdbc, clock, LINES, beans);
        others = own.others();
        account = own.account();
        dialer = own.dialer();
        freeLines = own.freeLines();
    }

    @AfterEach
    void stopTheCampaigns() {
        started.forEach(runner::stop); // their waiting calls must not ask later tests for a share
        List.copyOf(callersOnTheLine).forEach(this::inboundCallEnds); // nor their callers hold lines of later tests' accounts
    }

    private void stubExotel() {
        exotelPlacesCalls("lines-");
    }

    private Campaign startedCampaign(int maxConcurrentCalls, int leads) {
        Campaign campaign = campaigns.create(new CampaignRequest("Lines " + UUID.randomUUID(), null, null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, maxConcurrentCalls, 3, 120, false));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            ids.add(insertLead("Lines lead " + i, uniquePhone()));
        }
        campaigns.attach(campaign.id(), ids);
        runner.start(campaign.id());
        started.add(campaign.id());
        return campaign;
    }

    private List<Long> queuedCalls(Campaign campaign) {
        return jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? ORDER BY id").param(campaign.id())
                .query(Long.class).list();
    }

    /** Calls of the campaign on the line now. */
    private int onTheLine(Campaign campaign) {
        return liveSids(campaign).size();
    }

    private int placements() {
        return exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT))).size();
    }

    private List<String> liveSids(Campaign campaign) {
        return jdbc.sql("SELECT call_sid FROM call_sessions WHERE campaign_id = ? AND status = 'initiated' ORDER BY id")
                .param(campaign.id()).query(String.class).list();
    }

    private void ends(String callSid) {
        callRecords.apply(new CallStatusUpdate(callSid, "completed", null, null, 30, null), Map.of());
    }

    @Test
    void twoCampaignsOfEightLinesEachNeverPlaceMoreCallsThanTheAccountCarries() {
        Campaign first = startedCampaign(8, 10);
        Campaign second = startedCampaign(8, 10);
        List<Long> a = queuedCalls(first);
        List<Long> b = queuedCalls(second);
        for (int i = 0; i < 10; i++) {
            dialer.attempt(a.get(i));
            dialer.attempt(b.get(i));
        }

        assertThat(placements()).isEqualTo(LINES);
        assertThat(account.occupied(clock.instant())).isEqualTo(others + LINES);
        assertThat(List.of(onTheLine(first), onTheLine(second))).containsExactly(5, 5);
    }

    @Test
    void aCampaignStartedFirstGivesTheLinesThatFreeToOneHoldingFewer() {
        Campaign first = startedCampaign(8, 12);
        queuedCalls(first).forEach(dialer::attempt); // alone, it takes all of its own 8 lines
        Campaign second = startedCampaign(8, 12);
        queuedCalls(second).forEach(dialer::attempt); // the account's other 2
        assertThat(List.of(onTheLine(first), onTheLine(second))).containsExactly(8, 2);

        liveSids(first).subList(0, 3).forEach(this::ends);
        List<Long> offered = freeLines.offer();
        offered.forEach(dialer::attempt);

        assertThat(offered).hasSize(3).allMatch(id -> queuedCalls(second).contains(id));
        assertThat(List.of(onTheLine(first), onTheLine(second))).containsExactly(5, 5);
    }

    @Test
    void aCampaignHoldingItsShareLeavesAFreeLineToOneBelowIt() {
        Campaign first = startedCampaign(8, 12);
        queuedCalls(first).forEach(dialer::attempt);
        Campaign second = startedCampaign(8, 12);
        queuedCalls(second).forEach(dialer::attempt);
        liveSids(first).subList(0, 3).forEach(this::ends); // first now holds 5 of 10, its share; second holds 2

        long firstsWaitingCall = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND state = 'pending' "
                + "ORDER BY id LIMIT 1").param(first.id()).query(Long.class).single();
        DialDecision decision = dialer.attempt(firstsWaitingCall);

        assertThat(decision).isEqualTo(new DialDecision.RunAt(clock.instant().plus(Dialer.LINE_WAIT_RECHECK)));
        assertThat(onTheLine(first)).isEqualTo(5);
    }

    @Test
    void aCallsEndHandsItsLineToTheCallWaitingForItWithoutWaitingForThatCallsNextLook() {
        Campaign campaign = startedCampaign(1, 2);
        List<Long> calls = queuedCalls(campaign);
        dialer.attempt(calls.get(0));
        DialDecision waiting = dialer.attempt(calls.get(1));
        assertThat(waiting).isInstanceOf(DialDecision.RunAt.class);
        queue.move(calls.get(1), ((DialDecision.RunAt) waiting).when()); // as the scheduler does with the decision

        ends(liveSids(campaign).getFirst()); // the clock stands still: only the call's end can bring the next

        assertThat(executionTime(calls.get(1))).as("its one execution, due now").isEqualTo(clock.instant());
        assertThat(dialer.attempt(calls.get(1))).isEqualTo(new DialDecision.Done());
        assertThat(placements()).isEqualTo(2);
    }

    @Test
    void aCallHandedToAPersonHoldsItsLineUntilExotelEndsIt() {
        Campaign campaign = startedCampaign(1, 2);
        List<Long> calls = queuedCalls(campaign);
        dialer.attempt(calls.get(0));
        String handedOver = liveSids(campaign).getFirst();
        int occupied = account.occupied(clock.instant());
        // our stream closed to hand the lead to the flow's next applet (Connect to sales): the media leg is over, the
        // call goes on between the lead and a person until Exotel says it ended
        callStore.write(new CallRecordStore.Snapshot(handedOver, null, 1, "ENDED", Map.of(), true, "transferred", null,
                false, List.of(), new CallRecordStore.End("completed", "callended", Instant.now(), null, List.of())));

        assertThat(account.occupied(clock.instant())).isEqualTo(occupied);
        assertThat(dialer.attempt(calls.get(1))).as("the campaign's one line is still taken").isInstanceOf(DialDecision.RunAt.class);

        ends(handedOver);

        assertThat(account.occupied(clock.instant())).isEqualTo(occupied - 1);
        assertThat(dialer.attempt(calls.get(1))).isEqualTo(new DialDecision.Done());
        assertThat(placements()).isEqualTo(2);
    }

    @Test
    void liveInboundCallsOccupyLinesTheDialerDoesNotTake() {
        List<String> inbound = List.of(inboundCallStarts(), inboundCallStarts(), inboundCallStarts());
        Campaign campaign = startedCampaign(LINES, LINES);

        queuedCalls(campaign).forEach(dialer::attempt);

        assertThat(account.occupied(clock.instant())).isEqualTo(others + LINES);
        assertThat(placements()).as("the account's lines less the 3 leads calling in").isEqualTo(LINES - inbound.size());
    }

    @Test
    void anInboundCallsEndHandsItsLineToTheCallWaitingForIt() {
        List<String> inbound = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            inbound.add(inboundCallStarts());
        }
        Campaign campaign = startedCampaign(1, 1);
        long call = queuedCalls(campaign).getFirst();
        DialDecision waiting = dialer.attempt(call);
        assertThat(waiting).as("every line taken by a caller").isInstanceOf(DialDecision.RunAt.class);
        queue.move(call, ((DialDecision.RunAt) waiting).when());

        inboundCallEnds(inbound.getFirst());

        assertThat(executionTime(call)).as("its one execution, due now").isEqualTo(clock.instant());
        assertThat(dialer.attempt(call)).isEqualTo(new DialDecision.Done());
        assertThat(placements()).isEqualTo(1);
    }

    /** A stream Exotel's Voicebot applet opened for a caller, stored as its start stores it. */
    private String inboundCallStarts() {
        String sid = "lines-in-" + UUID.randomUUID();
        callStore.started(sid, "MZ" + UUID.randomUUID().toString().replace("-", ""), null, null, "inbound",
                uniquePhone(), "+918047491899", 8000, clock.instant());
        callersOnTheLine.add(sid);
        return sid;
    }

    /** The caller hangs up: the media leg's end is stored, and with it the call's next step taken, as a live call does. */
    private void inboundCallEnds(String callSid) {
        callersOnTheLine.remove(callSid);
        callStore.write(new CallRecordStore.Snapshot(callSid, null, 1, "ENDED", Map.of(), false, "incomplete", null,
                false, List.of(), new CallRecordStore.End("completed", "callended", clock.instant(), null, List.of())));
    }

    private Instant executionTime(long scheduledCallId) {
        return jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?")
                .params(DialerConfiguration.PLACE_CALL, "sc-" + scheduledCallId).query(Timestamp.class).single()
                .toInstant();
    }
}
