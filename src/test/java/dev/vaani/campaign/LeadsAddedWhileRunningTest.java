package dev.vaani.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Leads imported into (or attached to) a campaign that is already running are queued for their first attempt as a
 * start would queue them: do-not-call respected, in the calling window, never a second attempt 1.
 */
class LeadsAddedWhileRunningTest extends VaaniIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final Instant TEN_AM_IST = Instant.parse("2026-12-05T04:30:00Z");
    private static final Instant TEN_PM_IST = Instant.parse("2026-12-05T16:30:00Z");

    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;

    private long startedCampaign() {
        long id = campaigns.create(new CampaignRequest("Running " + UUID.randomUUID(), null, null, null, null, null,
                null, 5, 3, 120, false)).id();
        campaigns.attach(id, List.of(insertLead("First", uniquePhone())));
        runner.start(id);
        return id;
    }

    private ResponseEntity<Map<String, Object>> importInto(long campaignId, String phone) {
        String csv = "name,phone\nLate Lead," + phone + "\n";
        return api().post().uri("/api/leads/import?campaignId={id}", campaignId)
                .contentType(MediaType.parseMediaType("text/csv")).body(csv.getBytes(StandardCharsets.UTF_8))
                .retrieve().toEntity(JSON);
    }

    private List<Map<String, Object>> callsOf(long campaignId, String phone) {
        return jdbc.sql("""
                SELECT s.id, s.attempt, s.state, s.due_at FROM scheduled_calls s JOIN leads l ON l.id = s.lead_id
                WHERE s.campaign_id = ? AND l.phone = ?""").params(campaignId, phone).query().listOfRows();
    }

    private Instant executionTime(Map<String, Object> call) {
        return jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'place-call' AND task_instance = ?")
                .param("sc-" + call.get("id")).query(Timestamp.class).single().toInstant();
    }

    private int executions(Map<String, Object> call) {
        return jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?").param("sc-" + call.get("id"))
                .query(Integer.class).single();
    }

    @Test
    void aLeadImportedIntoAnActiveCampaignIsQueuedForItsFirstAttemptAtOnce() {
        clock.pin(TEN_AM_IST);
        long id = startedCampaign();
        String phone = uniquePhone();

        assertThat(importInto(id, phone).getStatusCode()).isEqualTo(HttpStatus.OK);

        List<Map<String, Object>> calls = callsOf(id, phone);
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call).containsEntry("attempt", 1).containsEntry("state", "pending");
            assertThat(executionTime(call)).isEqualTo(TEN_AM_IST);
        });
        assertThat(runner.progress(campaigns.find(id).orElseThrow()).queued()).isEqualTo(2);
    }

    @Test
    void aLeadImportedOutsideTheCallingHoursIsQueuedForTheNextOpening() {
        clock.pin(TEN_AM_IST);
        long id = startedCampaign();
        clock.pin(TEN_PM_IST);
        String phone = uniquePhone();

        importInto(id, phone);

        assertThat(executionTime(callsOf(id, phone).getFirst())).isEqualTo(Instant.parse("2026-12-06T03:30:00Z"));
    }

    @Test
    void aLeadImportedIntoAPausedCampaignWaitsQueuedAndIsScheduledWhenItIsStartedAgain() {
        clock.pin(TEN_AM_IST);
        long id = startedCampaign();
        runner.pause(id);
        String phone = uniquePhone();

        importInto(id, phone);
        Map<String, Object> call = callsOf(id, phone).getFirst();
        assertThat(call).containsEntry("state", "pending");
        assertThat(executions(call)).as("not dialled while paused").isZero();

        runner.start(id);

        assertThat(executionTime(call)).isEqualTo(TEN_AM_IST);
    }

    @Test
    void aLeadOnDoNotCallImportedIntoAnActiveCampaignIsNotQueued() {
        clock.pin(TEN_AM_IST);
        long id = startedCampaign();
        String phone = uniquePhone();
        jdbc.sql("INSERT INTO leads (name, phone, do_not_call) VALUES ('Opted out', ?, TRUE)").param(phone).update();

        importInto(id, phone);

        assertThat(callsOf(id, phone)).isEmpty();
    }

    @Test
    void reimportingALeadAlreadyQueuedAddsNoSecondAttempt() {
        clock.pin(TEN_AM_IST);
        long id = startedCampaign();
        String phone = uniquePhone();
        importInto(id, phone);
        jdbc.sql("UPDATE scheduled_calls SET state = 'completed' WHERE id = ?").param(callsOf(id, phone).getFirst().get("id"))
                .update();

        importInto(id, phone);

        assertThat(callsOf(id, phone)).singleElement().satisfies(call -> assertThat(call).containsEntry("state", "completed"));
    }

    @Test
    void aLeadImportedIntoADraftCampaignWaitsForTheStart() {
        long id = campaigns.create(new CampaignRequest("Draft " + UUID.randomUUID(), null, null, null, null, null,
                null, 5, 3, 120, false)).id();
        String phone = uniquePhone();

        importInto(id, phone);

        assertThat(callsOf(id, phone)).isEmpty();
    }

    @Test
    void aLeadAttachedByIdToAnActiveCampaignIsQueuedToo() {
        clock.pin(TEN_AM_IST);
        long id = startedCampaign();
        String phone = uniquePhone();
        long lead = insertLead("Attached", phone);

        api().post().uri("/api/campaigns/{id}/leads", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"leadIds\":[" + lead + "]}").retrieve().toEntity(JSON);

        assertThat(callsOf(id, phone)).singleElement().satisfies(call -> assertThat(executionTime(call)).isEqualTo(TEN_AM_IST));
    }
}
