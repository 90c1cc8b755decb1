package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaani.crm.CallRecords;
import dev.vaani.crm.CallStatusUpdate;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A campaign with nothing left to do (no call queued, being placed or in progress, no retry due) is completed. */
class CampaignCompletionTest extends VaaniIntegrationTest {

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

    private long started(int retries, long... leads) {
        long id = campaigns.create(new CampaignRequest("Complete " + UUID.randomUUID(), null, null, null, null, null, null,
                5, retries, 120, false)).id();
        campaigns.attach(id, java.util.Arrays.stream(leads).boxed().toList());
        runner.start(id);
        return id;
    }

    /** Places the lead's pending call and has Exotel report it ended with the given status. */
    private void callEnds(long campaignId, long lead, String status) {
        long attempt = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND state = 'pending'")
                .params(campaignId, lead).query(Long.class).single();
        dialer.attempt(attempt);
        String sid = jdbc.sql("SELECT call_sid FROM scheduled_calls WHERE id = ?").param(attempt).query(String.class).single();
        callRecords.apply(new CallStatusUpdate(sid, status, null, null, 30, null), Map.of());
    }

    private String status(long campaignId) {
        return campaigns.find(campaignId).orElseThrow().status();
    }

    @Test
    void aCampaignIsCompletedWhenItsLastCallEndsWithNothingLeftToDo() {
        long first = insertLead("First", uniquePhone());
        long second = insertLead("Second", uniquePhone());
        long id = started(1, first, second);

        callEnds(id, first, "completed");
        assertThat(status(id)).as("a call still queued").isEqualTo("active");
        callEnds(id, second, "completed");

        assertThat(status(id)).isEqualTo("completed");
    }

    @Test
    void startingACompletedCampaignWithNobodyLeftToCallIsRefusedAndSaysWhy() {
        long lead = insertLead("Called Once", uniquePhone());
        long id = started(1, lead);
        callEnds(id, lead, "completed");

        assertThatThrownBy(() -> runner.start(id)).isInstanceOf(CampaignRunner.CannotStartException.class)
                .hasMessageContaining("every lead of this campaign has been called").hasMessageContaining("completed");
        assertThat(status(id)).isEqualTo("completed");
    }

    @Test
    void aCampaignWithARetryDueLaterIsNotCompleted() {
        long lead = insertLead("No Answer", uniquePhone());
        long id = started(3, lead);

        callEnds(id, lead, "no-answer");

        assertThat(status(id)).isEqualTo("active");
    }

    @Test
    void leadsImportedIntoACompletedCampaignAreCalledAndMakeItActiveAgain() {
        long lead = insertLead("Called", uniquePhone());
        long id = started(1, lead);
        callEnds(id, lead, "completed");
        long late = insertLead("Late", uniquePhone());

        campaigns.attach(id, List.of(late));

        assertThat(status(id)).isEqualTo("active");
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?").params(id, late)
                .query(String.class).single()).isEqualTo("pending");
    }

    @Test
    void aCampaignWhoseLastWaitingLeadIsDeletedIsCompleted() {
        long called = insertLead("Called", uniquePhone());
        long waiting = insertLead("Waiting", uniquePhone());
        long id = started(1, called, waiting);
        callEnds(id, called, "completed");

        assertThat(api().delete().uri("/api/leads/{id}", waiting).retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(204);

        assertThat(status(id)).isEqualTo("completed");
    }

    @Test
    void aCampaignWhoseLastWaitingLeadIsErasedIsCompleted() {
        long called = insertLead("Called", uniquePhone());
        long waiting = insertLead("Forget Me", uniquePhone());
        long id = started(1, called, waiting);
        callEnds(id, called, "completed");

        assertThat(api().post().uri("/api/leads/{id}/erase", waiting).retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(200);

        assertThat(status(id)).isEqualTo("completed");
    }

    @Test
    void aCampaignWithOtherLeadsStillWaitingRunsOnWhenOneIsDeleted() {
        long deleted = insertLead("Deleted", uniquePhone());
        long waiting = insertLead("Still Waiting", uniquePhone());
        long id = started(1, deleted, waiting);

        api().delete().uri("/api/leads/{id}", deleted).retrieve().toBodilessEntity();

        assertThat(status(id)).isEqualTo("active");
    }
}
