package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.crm.CallRecords;
import dev.vaani.crm.CallStatusUpdate;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stopping a campaign cancels its queued calls, and each lead whose call it cancelled reads what it is now: what its
 * last call left, or the status it had before, unless another running campaign still has it queued.
 */
class CampaignStopTest extends VaaniIntegrationTest {

    private static final Instant HALF_PAST_ELEVEN_IST = Instant.parse("2025-06-02T06:00:00Z");

    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired Dialer dialer;
    @Autowired CallRecords callRecords;

    @BeforeEach
    void exotelPlacesEveryCall() {
        exotelPlacesCalls();
        clock.pin(HALF_PAST_ELEVEN_IST);
    }

    private long started(long... leads) {
        long id = campaigns.create(new CampaignRequest("Stop " + UUID.randomUUID(), null, null, null, null, null, null,
                5, 3, 120, false)).id();
        campaigns.attach(id, java.util.Arrays.stream(leads).boxed().toList());
        runner.start(id);
        return id;
    }

    /** Places the lead's pending call; Exotel reports it ended with the status, the media leg with its result. */
    private void callEnds(long campaignId, long lead, String status, String mediaLegResult) {
        long attempt = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND state = 'pending'")
                .params(campaignId, lead).query(Long.class).single();
        dialer.attempt(attempt);
        String sid = jdbc.sql("SELECT call_sid FROM scheduled_calls WHERE id = ?").param(attempt).query(String.class).single();
        if (mediaLegResult != null) {
            jdbc.sql("UPDATE call_sessions SET " + mediaLegResult + " WHERE call_sid = ?").param(sid).update();
        }
        callRecords.apply(new CallStatusUpdate(sid, status, null, null, 30, null), Map.of());
    }

    private String leadStatus(long lead) {
        return jdbc.sql("SELECT status FROM leads WHERE id = ?").param(lead).query(String.class).single();
    }

    @Test
    void aLeadWaitingForARetryAfterAnUnansweredCallReadsUnreachableOnceTheCampaignStops() {
        long lead = insertLead("No Answer", uniquePhone());
        long campaign = started(lead);
        callEnds(campaign, lead, "no-answer", null);
        assertThat(leadStatus(lead)).isEqualTo("queued");

        runner.stop(campaign);

        assertThat(leadStatus(lead)).isEqualTo("unreachable");
    }

    @Test
    void aLeadWaitingForTheCallBackItAskedForReadsDoneOnceTheCampaignStops() {
        long lead = insertLead("Call Me Tomorrow", uniquePhone());
        long campaign = started(lead);
        callEnds(campaign, lead, "completed",
                "final_outcome = 'callback', collected_data = '{\"callback_at\":\"2025-06-03T18:30:00+05:30\"}'");
        assertThat(leadStatus(lead)).isEqualTo("queued");

        runner.stop(campaign);

        assertThat(leadStatus(lead)).isEqualTo("done");
    }

    @Test
    void aRetryTheDialerFindsAfterItsCampaignStoppedLeavesItsLeadUnreachableNotQueued() {
        long lead = insertLead("Stopped Under The Dialer", uniquePhone());
        long campaign = started(lead);
        callEnds(campaign, lead, "no-answer", null);
        long retry = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND state = 'pending'")
                .params(campaign, lead).query(Long.class).single();
        // the stop committed while the retry's execution was already picked: its row was still pending
        jdbc.sql("UPDATE campaigns SET status = 'stopped' WHERE id = ?").param(campaign).update();

        dialer.attempt(retry);

        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE id = ?").param(retry).query(String.class).single())
                .isEqualTo("cancelled");
        assertThat(leadStatus(lead)).isEqualTo("unreachable");
    }

    @Test
    void aLeadNeverCalledKeepsTheStatusItHadBefore() {
        long lead = insertLead("Never Called", uniquePhone());
        long campaign = started(lead);

        runner.stop(campaign);

        assertThat(leadStatus(lead)).isEqualTo("new");
    }

    @Test
    void aLeadStillQueuedInAnotherRunningCampaignStaysQueued() {
        long lead = insertLead("In Two Campaigns", uniquePhone());
        long stopped = started(lead);
        callEnds(stopped, lead, "no-answer", null);
        long other = campaigns.create(new CampaignRequest("Other " + UUID.randomUUID(), null, null, null, null, null,
                null, 5, 3, 120, false)).id();
        campaigns.attach(other, List.of(lead));
        runner.start(other); // its first call to the lead waits its turn

        runner.stop(stopped);

        assertThat(leadStatus(lead)).isEqualTo("queued");
        runner.stop(other);
        assertThat(leadStatus(lead)).as("its last call, the first campaign's, went unanswered").isEqualTo("unreachable");
    }

    @Test
    void aQualifiedLeadStaysQualified() {
        long lead = insertLead("Qualified Elsewhere", uniquePhone());
        long campaign = started(lead);
        callEnds(campaign, lead, "no-answer", null);
        jdbc.sql("UPDATE leads SET status = 'qualified' WHERE id = ?").param(lead).update(); // another campaign's call

        runner.stop(campaign);

        assertThat(leadStatus(lead)).isEqualTo("qualified");
    }

    @Test
    void startingTheCampaignAgainQueuesTheLeadAgain() {
        long lead = insertLead("Stopped Then Started", uniquePhone());
        long campaign = started(lead);
        callEnds(campaign, lead, "no-answer", null);
        runner.stop(campaign);
        clock.pin(HALF_PAST_ELEVEN_IST.plus(Duration.ofHours(3)));

        runner.start(campaign);

        assertThat(leadStatus(lead)).isEqualTo("queued");
    }

    @Test
    void aCallUnansweredAfterTheStopLeavesItsLeadQueuedWhileAnotherCampaignStillHasItQueued() {
        long lead = insertLead("Rung When Stopped", uniquePhone());
        long stopped = started(lead);
        long attempt = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?").params(stopped, lead)
                .query(Long.class).single();
        dialer.attempt(attempt); // ringing
        long other = campaigns.create(new CampaignRequest("Other " + UUID.randomUUID(), null, null, null, null, null,
                null, 5, 3, 120, false)).id();
        campaigns.attach(other, List.of(lead));
        runner.start(other);
        runner.stop(stopped);
        String sid = jdbc.sql("SELECT call_sid FROM scheduled_calls WHERE id = ?").param(attempt).query(String.class).single();

        callRecords.apply(new CallStatusUpdate(sid, "no-answer", null, null, 30, null), Map.of());

        assertThat(leadStatus(lead)).isEqualTo("queued");
    }
}
