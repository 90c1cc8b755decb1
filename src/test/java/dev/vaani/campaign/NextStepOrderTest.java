package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.call.CallReconciler;
import dev.vaani.call.CallRecordStore;
import dev.vaani.call.CallRecordWriter;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.ConversationStage;
import dev.vaani.conversation.ConversationState;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * What follows a call is decided once both its media leg's result and Exotel's terminal status are in, whichever
 * comes first: a caller who asked to be called back is booked exactly once, and never on an empty outcome.
 */
class NextStepOrderTest extends VaaniIntegrationTest {


    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired Dialer dialer;
    @Autowired CallRecordStore records;
    @Autowired CallRecordWriter writer;
    @Autowired CallReconciler reconciler;

    private long lead;
    private long campaignId;

    /** A call the dialer placed, whose media stream started: the lead asks to be called back tomorrow evening. */
    private String placedAndStreaming() {
        exotelPlacesCalls();
        Campaign campaign = campaigns.create(new CampaignRequest("Order " + UUID.randomUUID(), null, null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, 50, 3, 120, false));
        campaignId = campaign.id();
        lead = insertLead("Call Me Later", uniquePhone());
        campaigns.attach(campaignId, List.of(lead));
        clock.pin(Instant.parse("2025-06-02T06:00:00Z")); // 11:30 IST
        runner.start(campaignId);
        long attempt = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?")
                .params(campaignId, lead).query(Long.class).single();
        dialer.attempt(attempt);
        String sid = jdbc.sql("SELECT call_sid FROM scheduled_calls WHERE id = ?").param(attempt).query(String.class).single();
        records.started(sid, "MZ" + sid, lead, campaignId, "outbound", "+910000000000", "08012345678", 8000, Instant.now());
        writer.track(sid, lead);
        return sid;
    }

    private void mediaLegEnds(String sid) {
        ConversationState state = new ConversationState(ConversationStage.CLOSING,
                Map.of("callback_at", "2025-06-03T18:30:00+05:30"), false, CallOutcome.CALLBACK, "Wants a call tomorrow", false);
        writer.ended(sid, state, null, new CallRecordStore.End("completed", "callended", Instant.now(), null, List.of()));
    }

    private void terminalWebhook(String sid) {
        assertThat(anonymous().post().uri("/webhooks/exotel/call-status?secret=" + WEBHOOK_SECRET)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"CallSid\":\"" + sid + "\",\"Status\":\"completed\",\"EventType\":\"terminal\","
                        + "\"ConversationDuration\":61,\"RecordingUrl\":\"https://rec.example/" + sid + ".mp3\"}")
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
    }

    private int callbacksBooked() {
        return jdbc.sql("SELECT count(*) FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND kind = 'callback'")
                .params(campaignId, lead).query(Integer.class).single();
    }

    private boolean decided(String sid) {
        return jdbc.sql("SELECT next_step_decided_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(sid)
                .query(Boolean.class).single();
    }

    private void assertBookedOnceWithTheOutcome(String sid) {
        await().atMost(Duration.ofSeconds(20)).until(() -> callbacksBooked() == 1);
        Map<String, Object> row = jdbc.sql("""
                SELECT status, final_outcome, duration_seconds, recording_url FROM call_sessions WHERE call_sid = ?""")
                .param(sid).query().singleRow();
        assertThat(row).containsEntry("status", "completed").containsEntry("final_outcome", "callback")
                .containsEntry("duration_seconds", 61).containsEntry("recording_url", "https://rec.example/" + sid + ".mp3");
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE call_sid = ?").param(sid).query(String.class).single())
                .isEqualTo("completed");
        assertThat(jdbc.sql("SELECT status FROM leads WHERE id = ?").param(lead).query(String.class).single())
                .as("the lead is not marked done").isNotIn("done", "qualified");
    }

    @Test
    void theWebhookBeforeTheEndOfCallWriteWaitsForTheOutcome() {
        String sid = placedAndStreaming();

        terminalWebhook(sid);
        assertThat(decided(sid)).as("nothing decided on an empty outcome").isFalse();
        assertThat(callbacksBooked()).isZero();
        mediaLegEnds(sid);

        assertBookedOnceWithTheOutcome(sid);
    }

    @Test
    void aTerminalStatusThatNeverCameIsAskedOfExotelAMinuteAfterTheCallEnded() {
        String sid = placedAndStreaming();
        mediaLegEnds(sid);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT media_ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(sid).query(Boolean.class).single());
        jdbc.sql("UPDATE call_sessions SET media_ended_at = now() - INTERVAL '70 seconds' WHERE call_sid = ?").param(sid)
                .update(); // the callback was lost: a minute has passed without it
        exotel.stubFor(get(urlPathEqualTo("/v1/Accounts/acme1/Calls/" + sid + ".json")).willReturn(okJson(
                "{\"Call\":{\"Sid\":\"" + sid + "\",\"Status\":\"completed\",\"Duration\":\"61\","
                        + "\"RecordingUrl\":\"https://rec.example/" + sid + ".mp3\"}}")));

        // passes until this call's turn comes (the test database keeps older runs' calls; 20 are asked a pass)
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            reconciler.reconcile();
            return decided(sid);
        });

        assertBookedOnceWithTheOutcome(sid);
    }

    @Test
    void theWebhookAfterTheEndOfCallWriteDecides() {
        String sid = placedAndStreaming();

        mediaLegEnds(sid);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT media_ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(sid).query(Boolean.class).single());
        assertThat(decided(sid)).as("a placed call waits for Exotel's terminal status").isFalse();
        terminalWebhook(sid);

        assertBookedOnceWithTheOutcome(sid);
    }

    @Test
    void webhooksTwiceAroundTheEndOfCallWriteBookOnce() {
        String sid = placedAndStreaming();

        terminalWebhook(sid);
        mediaLegEnds(sid);
        terminalWebhook(sid);
        await().atMost(Duration.ofSeconds(20)).until(() -> decided(sid));
        terminalWebhook(sid);

        assertBookedOnceWithTheOutcome(sid);
    }
}
