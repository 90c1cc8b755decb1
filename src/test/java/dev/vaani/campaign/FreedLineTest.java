package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.crm.CallRecords;
import dev.vaani.crm.CallStatusUpdate;
import dev.vaani.testing.VaaniIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
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
 * A line that frees goes to a waiting call that can take it: one whose lead is on another call (another campaign's,
 * or their own call to us) waits as before, and the line goes to the next waiting call rather than idling until that
 * call's next look, up to 15 minutes away.
 *
 * <p>As in {@link AccountLinesTest}, the dialer here gets an account with a few lines beyond those the shared
 * database's other calls hold, and the clock is set before any other test's, so only this test's calls are due.
 */
@Isolated("every live call in the shared database holds one of the account's lines: another test's call starting or "
        + "ending while this runs would move them")
class FreedLineTest extends VaaniIntegrationTest {

    /** Monday 3 June 2019, 11:30 in India: before every other test's clock, AccountLinesTest's included. */
    private static final Instant BEFORE_EVERY_OTHER_TEST = Instant.parse("2019-06-03T06:00:00Z");

    @Autowired ApplicationContext beans;
    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired CallRecords callRecords;
    @Autowired DialQueue queue;

    private final List<Long> started = new ArrayList<>();
    /** What the dialer told the rest of the application (the lines it handed on). */
    private final List<Object> published = new ArrayList<>();
    private Dialer dialer;
    private FreeLines freeLines;

    @BeforeEach
    void pinTheClock() {
        clock.pin(BEFORE_EVERY_OTHER_TEST);
        exotelPlacesCalls("freed-");
    }

    @AfterEach
    void stopTheCampaigns() {
        started.forEach(runner::stop); // their waiting calls must not be offered later tests' lines
    }

    /** The dialer and the offer of freed lines on an account with this many lines beyond the others' calls. */
    private void anAccountWithLines(int lines) {
        OwnLines own = OwnLines.of(beans, jdbc, clock, lines, published::add);
        dialer = own.dialer();
        freeLines = own.freeLines();
    }

    private Campaign started(int maxConcurrentCalls, Long... leads) {
        Campaign campaign = campaigns.create(new CampaignRequest("Freed " + UUID.randomUUID(), null, null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, maxConcurrentCalls, 3, 120, false));
        campaigns.attach(campaign.id(), List.of(leads));
        runner.start(campaign.id());
        started.add(campaign.id());
        return campaign;
    }

    private long queuedCall(Campaign campaign, long lead) {
        return jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?")
                .params(campaign.id(), lead).query(Long.class).single();
    }

    /** The lead's call, tried now; waiting, its execution is moved to when the dialer said, as the scheduler does. */
    private DialDecision tried(Campaign campaign, long lead) {
        long id = queuedCall(campaign, lead);
        DialDecision decision = dialer.attempt(id);
        if (decision instanceof DialDecision.RunAt(Instant when)) {
            queue.move(id, when);
        }
        return decision;
    }

    private String callSid(Campaign campaign, long lead) {
        return jdbc.sql("SELECT call_sid FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?")
                .params(campaign.id(), lead).query(String.class).single();
    }

    private void ends(String callSid) {
        callRecords.apply(new CallStatusUpdate(callSid, "completed", null, null, 30, null), Map.of());
    }

    private long lead(String name) {
        return insertLead(name, uniquePhone());
    }

    private int callsTo(long lead) {
        String phone = jdbc.sql("SELECT phone FROM leads WHERE id = ?").param(lead).query(String.class).single();
        return exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT))
                .withRequestBody(containing("From=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))).size();
    }

    private String state(Campaign campaign, long lead) {
        return jdbc.sql("SELECT state FROM scheduled_calls WHERE id = ?").param(queuedCall(campaign, lead))
                .query(String.class).single();
    }

    /**
     * Two lines: one holds another campaign's call to the busy lead, the other the campaign's call to the first lead,
     * which then ends. The campaign's call to the busy lead fell due before its call to the waiting lead.
     */
    private record OneLineFree(Campaign campaign, long busy, long waiting) {
    }

    private OneLineFree oneLineFreeAndTheFirstWaitingLeadOnAnotherCall() {
        anAccountWithLines(2);
        long first = lead("First");
        long busy = lead("On Another Call");
        long waiting = lead("Waiting");
        Campaign other = started(1, busy);
        assertThat(tried(other, busy)).isEqualTo(new DialDecision.Done());
        Campaign campaign = started(2, first, busy, waiting);
        jdbc.sql("UPDATE scheduled_calls SET due_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant().minusSeconds(60)), queuedCall(campaign, busy)).update();
        assertThat(tried(campaign, first)).isEqualTo(new DialDecision.Done());
        assertThat(tried(campaign, busy)).isInstanceOf(DialDecision.RunAt.class);
        assertThat(tried(campaign, waiting)).as("no line free").isInstanceOf(DialDecision.RunAt.class);
        ends(callSid(campaign, first));
        published.clear();
        return new OneLineFree(campaign, busy, waiting);
    }

    @Test
    void aFreedLineGoesToTheNextWaitingCallWhenTheFirstInTurnIsForALeadOnAnotherCall() {
        OneLineFree free = oneLineFreeAndTheFirstWaitingLeadOnAnotherCall();

        List<Long> offered = freeLines.offer();

        assertThat(offered).containsExactly(queuedCall(free.campaign(), free.waiting()));
        assertThat(dialer.attempt(offered.getFirst())).isEqualTo(new DialDecision.Done());
        assertThat(callsTo(free.waiting())).isEqualTo(1);
        assertThat(state(free.campaign(), free.busy())).as("waits for its lead's call to end").isEqualTo("pending");
    }

    @Test
    void aCallWhoseLeadIsOnAnotherCallHandsTheFreeLineToTheNextWaitingCall() {
        OneLineFree free = oneLineFreeAndTheFirstWaitingLeadOnAnotherCall();

        // its own look (or an offer made just before its lead's other call began) finds the lead busy
        DialDecision decision = dialer.attempt(queuedCall(free.campaign(), free.busy()));

        assertThat(decision).isEqualTo(new DialDecision.RunAt(clock.instant().plus(Dialer.CONCURRENCY_RECHECK)));
        assertThat(published).as("the line handed on").containsExactly(new Dialer.LineFreed());
        assertThat(freeLines.offer()).as("as FreeLines does on it")
                .containsExactly(queuedCall(free.campaign(), free.waiting()));
    }

    @Test
    void aCampaignWhoseOnlyWaitingCallIsForALeadOnAnotherCallDoesNotHoldBackAFreeLine() {
        anAccountWithLines(3);
        long busy = lead("On Another Call");
        List<Long> mine = List.of(lead("Mine 1"), lead("Mine 2"), lead("Mine 3"));
        Campaign other = started(1, busy);
        assertThat(tried(other, busy)).isEqualTo(new DialDecision.Done());
        Campaign campaign = started(3, mine.toArray(Long[]::new));
        assertThat(tried(campaign, mine.get(0))).isEqualTo(new DialDecision.Done());
        assertThat(tried(campaign, mine.get(1))).isEqualTo(new DialDecision.Done());
        // a third campaign wants the busy lead too: its one call waits for that lead, not for a line
        Campaign third = started(1, busy);
        ends(callSid(campaign, mine.get(0)));

        assertThat(tried(campaign, mine.get(2))).isEqualTo(new DialDecision.Done());
        assertThat(callsTo(mine.get(2))).isEqualTo(1);
        assertThat(state(third, busy)).isEqualTo("pending");
    }

    @Test
    void aFreedLineIsNotOfferedToACallWhoseLeadBookedACallBackWithAnotherCampaignForLater() {
        anAccountWithLines(1);
        long first = lead("First");
        long booked = lead("Call Me At Five");
        long waiting = lead("Waiting");
        Campaign campaign = started(1, first, booked, waiting);
        jdbc.sql("UPDATE scheduled_calls SET due_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant().minusSeconds(60)), queuedCall(campaign, booked)).update();
        // the call back the lead asked another campaign for, at 17:00 India time
        Campaign other = campaigns.create(new CampaignRequest("Freed other " + UUID.randomUUID(), null, null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, 1, 3, 120, false));
        started.add(other.id()); // stopped after: its call back must hold the lead in no later test
        Instant five = clock.instant().plus(Duration.ofMinutes(330));
        queue.enqueue(other.id(), booked, "callback", five, five);
        assertThat(tried(campaign, first)).isEqualTo(new DialDecision.Done());
        ends(callSid(campaign, first));

        assertThat(freeLines.offer()).containsExactly(queuedCall(campaign, waiting));
    }
}
