package dev.vaani.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** DELETE /api/campaigns/{id} never loses calls: a running campaign must be stopped, one with calls is kept. */
class CampaignDeleteTest extends VaaniIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;

    private long campaignWithLead() {
        long id = campaigns.create(new CampaignRequest("Delete " + UUID.randomUUID(), null, null, null, null, null, null,
                5, 3, 120, false)).id();
        campaigns.attach(id, List.of(insertLead("Lead", uniquePhone())));
        return id;
    }

    private ResponseEntity<Map<String, Object>> delete(long id) {
        return api().delete().uri("/api/campaigns/{id}", id).retrieve().toEntity(JSON);
    }

    private void insertCall(long campaignId) {
        jdbc.sql("INSERT INTO call_sessions (call_sid, campaign_id, status) VALUES (?, ?, 'completed')")
                .params("del-" + UUID.randomUUID(), campaignId).update();
    }

    private int callsOf(long campaignId) {
        return jdbc.sql("SELECT count(*) FROM call_sessions WHERE campaign_id = ?").param(campaignId)
                .query(Integer.class).single();
    }

    @Test
    void deletingAnActiveCampaignIsRefusedSayingToStopItFirst() {
        long id = campaignWithLead();
        runner.start(id);

        ResponseEntity<Map<String, Object>> deleted = delete(id);

        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) deleted.getBody().get("detail")).contains("is active: stop it first");
        assertThat(campaigns.find(id)).isPresent();
    }

    @Test
    void deletingAPausedCampaignIsRefusedToo() {
        long id = campaignWithLead();
        runner.start(id);
        runner.pause(id);

        assertThat(delete(id).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void deletingAStoppedCampaignWithCallsIsRefusedAndItsCallsStayInItsResults() {
        long id = campaignWithLead();
        runner.start(id);
        insertCall(id);
        runner.stop(id);

        ResponseEntity<Map<String, Object>> deleted = delete(id);

        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) deleted.getBody().get("detail")).contains("has 1 call(s)");
        assertThat(callsOf(id)).isEqualTo(1);
    }

    @Test
    void aCampaignThatNeverCalledIsDeleted() {
        long id = campaignWithLead();

        assertThat(delete(id).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(campaigns.find(id)).isEmpty();
    }
}
