package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * A lead put on do-not-call by the broker has nothing left queued: the call back or retry a campaign holds for them is
 * cancelled at once (it would be skipped when due anyway), so the lead's page does not promise a call and the lead
 * no longer reads "queued" but what their last call left.
 */
class DoNotCallWithdrawsQueuedCallsTest extends VaaniIntegrationTest {

    /** A lead called once by a campaign, who booked a call back; the lead reads "queued". */
    private long leadWithACallBackQueued() {
        String phone = uniquePhone();
        Lead lead = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Booked Back", "phone", phone)).retrieve().body(Lead.class);
        long campaign = jdbc.sql("""
                INSERT INTO campaigns (name, status) VALUES (?, 'active') RETURNING id""")
                .param("Do-not-call " + UUID.randomUUID()).query(Long.class).single();
        jdbc.sql("INSERT INTO campaign_leads (campaign_id, lead_id) VALUES (?, ?)").params(campaign, lead.id()).update();
        jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, due_at, attempt, kind, state, lead_status_if_cancelled)
                VALUES (?, ?, now() - interval '1 hour', 1, 'first', 'completed', NULL),
                       (?, ?, now() + interval '1 day', 2, 'callback', 'pending', 'done')""")
                .params(lead.id(), campaign, lead.id(), campaign).update();
        jdbc.sql("UPDATE leads SET status = 'queued' WHERE id = ?").param(lead.id()).update();
        return lead.id();
    }

    private List<String> states(long lead) {
        return jdbc.sql("SELECT state FROM scheduled_calls WHERE lead_id = ? ORDER BY attempt").param(lead)
                .query(String.class).list();
    }

    private String status(long lead) {
        return jdbc.sql("SELECT status FROM leads WHERE id = ?").param(lead).query(String.class).single();
    }

    @Test
    void turningDoNotCallOnCancelsTheLeadsQueuedCallBack() {
        long lead = leadWithACallBackQueued();

        api().put().uri("/api/leads/" + lead + "/do-not-call").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("doNotCall", true)).retrieve().toBodilessEntity();

        assertThat(states(lead)).containsExactly("completed", "cancelled");
        assertThat(api().get().uri("/api/leads/" + lead + "/queued-calls").retrieve().body(List.class)).isEmpty();
        assertThat(status(lead)).isEqualTo("done");
    }

    @Test
    void replacingTheLeadWithDoNotCallOnCancelsItsQueuedCallBackToo() {
        long lead = leadWithACallBackQueued();
        String phone = jdbc.sql("SELECT phone FROM leads WHERE id = ?").param(lead).query(String.class).single();

        api().put().uri("/api/leads/" + lead).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Booked Back", "phone", phone, "doNotCall", true)).retrieve().toBodilessEntity();

        assertThat(states(lead)).containsExactly("completed", "cancelled");
        assertThat(status(lead)).isEqualTo("done");
    }

    @Test
    void erasingTheLeadLeavesItReadingWhatItsLastCallLeftNotQueued() {
        long lead = leadWithACallBackQueued();

        api().post().uri("/api/leads/" + lead + "/erase").retrieve().toBodilessEntity();

        assertThat(states(lead)).containsExactly("completed", "cancelled");
        assertThat(status(lead)).isEqualTo("done");
    }

    @Test
    void turningDoNotCallOffQueuesNothingAgain() {
        long lead = leadWithACallBackQueued();
        api().put().uri("/api/leads/" + lead + "/do-not-call").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("doNotCall", true)).retrieve().toBodilessEntity();

        api().put().uri("/api/leads/" + lead + "/do-not-call").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("doNotCall", false)).retrieve().toBodilessEntity();

        assertThat(states(lead)).containsExactly("completed", "cancelled");
    }
}
