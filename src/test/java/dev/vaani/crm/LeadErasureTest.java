package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallRecordStore;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.campaign.Campaign;
import dev.vaani.campaign.CampaignRequest;
import dev.vaani.campaign.CampaignResults;
import dev.vaani.campaign.Campaigns;
import dev.vaani.testing.VaaniIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A lead who asks to be forgotten: {@code POST /api/leads/{id}/erase} leaves no personal value of theirs anywhere in
 * PostgreSQL or Redis, keeps the campaign's figures, and the number is never taken again.
 */
class LeadErasureTest extends VaaniIntegrationTest {

    @Autowired Campaigns campaigns;
    @Autowired CampaignResults results;
    @Autowired CallRecordStore callStore;
    @Autowired CallRecords callRecords;
    @Autowired StringRedisTemplate redis;

    /** What a lead and its calls hold: the values that must be gone after the erasure. */
    private record Person(long leadId, String phone, String name, String email, String word, String callSid,
                          long campaignId) {
        List<String> traces() {
            // the number as stored (E.164) and as a carrier or a person writes it (ten digits); the words they said
            return List.of(phone, phone.substring(3), name, email, word);
        }
    }

    private Campaign campaign() {
        return campaigns.create(new CampaignRequest("Erasure " + UUID.randomUUID(), null, null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, 5, 3, 120, false));
    }

    /**
     * A lead of a campaign after a finished, closed call: what the call heard is on the call and on the lead, a
     * webhook of it is waiting to be sent, a carrier callback was kept for it, a retry is queued, and Redis still has
     * the call's live session.
     */
    private Person calledLead(Campaign campaign) {
        String phone = uniquePhone();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "Kavya " + suffix;
        String email = "kavya." + suffix + "@example.com";
        String word = "Koramangala" + suffix;
        long lead = jdbc.sql("""
                INSERT INTO leads (name, phone, email, property_type, location, budget, source, timeline, purpose,
                                   bedrooms, budget_min_rupees, budget_max_rupees, collected_data, last_summary)
                VALUES (?, ?, ?, 'villa', ?, '1.2Cr', 'website', 'soon', 'own use', 3, 10000000, 12000000,
                        CAST(? AS jsonb), ?) RETURNING id""")
                .params(name, phone, email, word, "{\"location\":\"" + word + "\"}", name + " wants a villa in " + word)
                .query(Long.class).single();
        campaigns.attach(campaign.id(), List.of(lead));
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, stream_sid, lead_id, campaign_id, direction, status, from_number,
                                           to_number, started_at, answered_at, ended_at, media_ended_at, duration_seconds,
                                           recording_url, transcript, collected_data, final_outcome, summary, error,
                                           next_step_decided_at, exotel_leg, exotel_terminal_at)
                VALUES (?, 'MZ1', ?, ?, 'outbound', 'completed', '+918047491899', ?, now() - interval '2 minutes',
                        now() - interval '110 seconds', now(), now(), 110, ?, CAST(? AS jsonb), CAST(? AS jsonb),
                        'qualified', ?, ?, now(), TRUE, now())""")
                .params(sid, lead, campaign.id(), phone, "https://recordings.exotel.com/acme1/" + sid + ".mp3",
                        "[{\"speaker\":\"user\",\"text\":\"I am " + name + ", I want a villa in " + word + "\"}]",
                        "{\"location\":\"" + word + "\"}", name + " wants a villa in " + word,
                        "carrier said " + phone + " was busy once")
                .update();
        jdbc.sql("""
                INSERT INTO webhook_deliveries (event_id, event_type, call_sid, campaign_id, url, body, next_attempt_at,
                                                give_up_at, created_at)
                VALUES (?, 'call.ended', ?, ?, 'https://crm.example.com/hook', ?, now(), now() + interval '1 day', now())""")
                .params(UUID.randomUUID(), sid, campaign.id(),
                        "{\"lead\":{\"name\":\"" + name + "\",\"phone\":\"" + phone + "\",\"email\":\"" + email + "\"}}")
                .update();
        jdbc.sql("INSERT INTO unmatched_call_events (call_sid, payload, reconciled) VALUES (?, CAST(? AS jsonb), TRUE)")
                .params(sid, "{\"raw\":{\"To\":\"" + phone + "\"}}").update();
        jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, due_at, attempt, kind, state, call_sid, last_error)
                VALUES (?, ?, now() - interval '3 minutes', 1, 'first', 'completed', ?, 'busy at ' || ?),
                       (?, ?, now() + interval '2 hours', 2, 'callback', 'pending', NULL, NULL)""")
                .params(lead, campaign.id(), sid, phone, lead, campaign.id()).update();
        redis.opsForValue().set("session:" + sid, "{\"lead_phone\":\"" + phone + "\",\"lead_name\":\"" + name + "\"}");
        return new Person(lead, phone, name, email, word, sid, campaign.id());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> progress(Campaign campaign) {
        return api().get().uri("/api/campaigns/" + campaign.id() + "/progress").retrieve().body(Map.class);
    }

    private ResponseEntity<String> erase(long lead) {
        return api().post().uri("/api/leads/" + lead + "/erase").retrieve().toEntity(String.class);
    }

    /**
     * Every text, JSON and binary column of every table, read from the catalogue so a column added later is searched
     * too: where it still holds any of the person's values (table.column), if anywhere.
     */
    private List<String> columnsHoldingAnyOf(List<String> traces) {
        List<Map<String, Object>> columns = jdbc.sql("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                 WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea')
                   AND table_name <> 'flyway_schema_history'
                 ORDER BY table_name, column_name""").query().listOfRows();
        assertThat(columns).as("the catalogue lists the tables").hasSizeGreaterThan(20);
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            // a binary column (a scheduler task's data) is searched for the value's bytes, any other for its text
            String holdsTrace = "bytea".equals(column.get("data_type"))
                    ? "position(convert_to(CAST(? AS text), 'UTF8') IN \"" + name + "\") > 0"
                    : "strpos(\"" + name + "\"::text, ?) > 0";
            for (String trace : traces) {
                boolean holds = jdbc.sql("SELECT EXISTS (SELECT 1 FROM \"" + table + "\" WHERE " + holdsTrace + ")")
                        .param(trace).query(Boolean.class).single();
                if (holds) {
                    found.add(table + "." + name);
                }
            }
        }
        return found;
    }

    @Test
    void leavesNoPersonalValueInAnyColumnOfAnyTable() {
        Person person = calledLead(campaign());
        assertThat(columnsHoldingAnyOf(person.traces())).as("the setup stores the person everywhere")
                .contains("leads.phone", "leads.name", "leads.email", "call_sessions.transcript",
                        "call_sessions.to_number", "call_sessions.summary", "webhook_deliveries.body",
                        "unmatched_call_events.payload", "scheduled_calls.last_error");

        ResponseEntity<String> response = erase(person.leadId());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"callsErased\":1", "\"deliveriesDropped\":1",
                "\"queuedCallsCancelled\":1", "\"alreadyErased\":false");
        assertThat(columnsHoldingAnyOf(person.traces())).as("columns still holding the person's values").isEmpty();
    }

    @Test
    void keepsTheTombstoneAndTheCallsOutcomesAndCancelsWhatWasQueued() {
        Person person = calledLead(campaign());

        erase(person.leadId());

        Map<String, Object> lead = jdbc.sql("SELECT * FROM leads WHERE id = ?").param(person.leadId()).query().singleRow();
        assertThat(lead.get("erased_at")).isNotNull();
        assertThat(lead.get("do_not_call")).isEqualTo(true);
        assertThat(lead).containsEntry("name", null).containsEntry("phone", null).containsEntry("email", null)
                .containsEntry("location", null).containsEntry("budget", null).containsEntry("last_summary", null);
        Map<String, Object> call = jdbc.sql("""
                SELECT lead_id, campaign_id, status, final_outcome, duration_seconds, answered_at, ended_at,
                       transcript::text AS transcript, collected_data::text AS collected, recording_url, from_number,
                       to_number, summary FROM call_sessions WHERE call_sid = ?""").param(person.callSid()).query().singleRow();
        assertThat(call).containsEntry("lead_id", person.leadId()).containsEntry("campaign_id", person.campaignId())
                .containsEntry("status", "completed").containsEntry("final_outcome", "qualified")
                .containsEntry("duration_seconds", 110).containsEntry("transcript", "[]")
                .containsEntry("collected", "{}").containsEntry("recording_url", null)
                .containsEntry("from_number", null).containsEntry("to_number", null).containsEntry("summary", null);
        assertThat(call.get("answered_at")).isNotNull();
        assertThat(jdbc.sql("SELECT state FROM scheduled_calls WHERE lead_id = ? ORDER BY attempt")
                .param(person.leadId()).query(String.class).list()).containsExactly("completed", "cancelled");
        assertThat(redis.hasKey("session:" + person.callSid())).as("the live session in Redis").isFalse();
        assertThat(jdbc.sql("SELECT erased_by FROM lead_erasures WHERE lead_id = ?").param(person.leadId())
                .query(String.class).list()).as("one audit record, naming who erased").hasSize(1).doesNotContainNull();
    }

    @Test
    void campaignFiguresAddUpAsBeforeAndResultsCsvShowsTheLeadAsErased() {
        Campaign campaign = campaign();
        Person person = calledLead(campaign);
        Person other = calledLead(campaign);
        Map<String, Object> before = progress(campaign);

        erase(person.leadId());

        Map<String, Object> after = progress(campaign);
        assertThat(after).as("the erased lead and its call still count")
                .containsAllEntriesOf(Map.of("leads", 2, "qualified", 2, "inProgress", before.get("inProgress"),
                        "failed", before.get("failed"), "cancelled", before.get("cancelled")));
        assertThat(after).as("its queued callback cancelled, the lead counts as its call left it: done")
                .containsEntry("queued", (Integer) before.get("queued") - 1)
                .containsEntry("done", (Integer) before.get("done") + 1);
        List<String> rows = results.csv(campaign.id()).lines().toList();
        assertThat(rows).as("header and both leads").hasSize(3);
        String erasedRow = rows.stream().filter(row -> row.startsWith(person.leadId() + ",")).findFirst().orElseThrow();
        assertThat(erasedRow).contains(",erased,", person.callSid(), "qualified", "110")
                .doesNotContain(person.name(), person.phone(), person.word());
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(other.leadId() + ",").contains(other.name()));
    }

    @Test
    void theNumberIsRefusedAgainInAnyFormatWithoutBeingShown() {
        Person person = calledLead(campaign());
        erase(person.leadId());
        String tenDigits = person.phone().substring(3);

        for (String typed : List.of(person.phone(), "0" + tenDigits, "+91 " + tenDigits.substring(0, 5) + " "
                + tenDigits.substring(5), "91" + tenDigits)) {
            ResponseEntity<String> created = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", "Back again", "phone", typed)).retrieve().toEntity(String.class);
            assertThat(created.getStatusCode()).as(typed).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(created.getBody()).contains("\"field\":\"phone\"", "asked to be erased")
                    .doesNotContain(tenDigits.substring(6));
        }
        long someoneElse = insertLead("Someone Else", uniquePhone());
        ResponseEntity<String> moved = api().put().uri("/api/leads/" + someoneElse).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Someone Else", "phone", "0" + tenDigits)).retrieve().toEntity(String.class);
        assertThat(moved.getStatusCode()).as("an update onto the number").isEqualTo(HttpStatus.BAD_REQUEST);

        String csv = "name,phone\nBack Again,\"+91 " + tenDigits.substring(0, 5) + " " + tenDigits.substring(5)
                + "\"\nNew Person," + uniquePhone() + "\n";
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "leads.csv";
            }
        });
        ResponseEntity<String> imported = api().post().uri("/api/leads/import?partial=true")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toEntity(String.class);
        assertThat(imported.getBody()).contains("\"created\":1", "\"skipped\":1", "asked to be erased")
                .doesNotContain(tenDigits.substring(6));
        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param(person.phone()).query(Integer.class)
                .single()).isZero();
    }

    @Test
    void keepsOnlyAKeyedHashOfTheNumberNeverAPlainOne() throws Exception {
        Person person = calledLead(campaign());
        erase(person.leadId());
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(person.phone().getBytes(StandardCharsets.UTF_8)));

        List<String> stored = jdbc.sql("SELECT phone_hmac FROM suppressed_numbers").query(String.class).list();

        assertThat(stored).isNotEmpty().doesNotContain(plain);
        assertThat(String.join(",", stored)).doesNotContain(person.phone().substring(3));
    }

    @Test
    void aLeadWithACallStillLiveIsRefusedWithNothingChanged() {
        Person person = calledLead(campaign());
        String live = "CA" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, stream_sid, lead_id, campaign_id, status, started_at, heartbeat_at)
                VALUES (?, 'MZ2', ?, ?, 'in-progress', now(), now())""")
                .params(live, person.leadId(), person.campaignId()).update();

        int suppressedBefore = jdbc.sql("SELECT count(*) FROM suppressed_numbers").query(Integer.class).single();

        ResponseEntity<String> response = erase(person.leadId());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(response.getBody()).contains(live, "retry after the call has ended");
        assertThat(jdbc.sql("SELECT name FROM leads WHERE id = ?").param(person.leadId()).query(String.class).single())
                .isEqualTo(person.name());
        assertThat(jdbc.sql("SELECT count(*) FROM suppressed_numbers").query(Integer.class).single())
                .as("nothing suppressed for a refused erasure").isEqualTo(suppressedBefore);
    }

    @Test
    void aCallEndedButNotYetClosedIsRefusedToo() {
        Person person = calledLead(campaign());
        // its media leg ended and its result is stored, but Exotel's terminal status is not in yet, so its next step is
        // not decided: a call the reconciler cannot close either for a minute (the status grace), as the test needs
        jdbc.sql("UPDATE call_sessions SET next_step_decided_at = NULL, exotel_terminal_at = NULL WHERE call_sid = ?")
                .param(person.callSid()).update();

        assertThat(erase(person.leadId()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aLateWriteOfTheCallOrALateCarrierCallbackDoesNotBringThePersonBack() {
        Person person = calledLead(campaign());
        erase(person.leadId());

        callStore.write(new CallRecordStore.Snapshot(person.callSid(), person.leadId(), Long.MAX_VALUE, "ENDED",
                Map.of("location", person.word()), false, "qualified", person.name() + " again", false,
                List.of(new TranscriptLine("user", "I am " + person.name(), Instant.now().toString(), false)), List.of(),
                new CallRecordStore.End("completed", "bot-hangup", Instant.now(), null, List.of()), null));
        callRecords.apply(new CallStatusUpdate(person.callSid(), "completed", null, null, 110,
                "https://recordings.exotel.com/acme1/late.mp3"), Map.of("To", person.phone()));

        assertThat(columnsHoldingAnyOf(person.traces())).isEmpty();
        assertThat(jdbc.sql("SELECT recording_url FROM call_sessions WHERE call_sid = ?").param(person.callSid())
                .query(String.class).optional()).isEmpty();
    }

    @Test
    void erasingTwiceChangesNothingTheSecondTime() {
        Person person = calledLead(campaign());
        String first = erase(person.leadId()).getBody();

        ResponseEntity<String> second = erase(person.leadId());

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getBody()).contains("\"alreadyErased\":true", "\"callsErased\":1");
        assertThat(first).contains("\"alreadyErased\":false");
        assertThat(jdbc.sql("SELECT count(*) FROM lead_erasures WHERE lead_id = ?").param(person.leadId())
                .query(Integer.class).single()).isEqualTo(1);
        ResponseEntity<String> edit = api().put().uri("/api/leads/" + person.leadId())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "Back", "phone", uniquePhone()))
                .retrieve().toEntity(String.class);
        assertThat(edit.getStatusCode()).as("a tombstone takes no personal value").isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void needsTheAdminKeyAndAnUnknownLeadIsNotFound() {
        Person person = calledLead(campaign());

        ResponseEntity<String> anonymous = anonymous().post().uri("/api/leads/" + person.leadId() + "/erase").retrieve()
                .toEntity(String.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(jdbc.sql("SELECT erased_at IS NULL FROM leads WHERE id = ?").param(person.leadId())
                .query(Boolean.class).single()).isTrue();
        long unknown = jdbc.sql("SELECT COALESCE(max(id), 0) + 1000 FROM leads").query(Long.class).single();
        assertThat(erase(unknown).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aRefusedDeleteOfALeadWithCallsPointsToErasure() {
        Person person = calledLead(campaign());

        ResponseEntity<String> deleted = api().delete().uri("/api/leads/" + person.leadId()).retrieve()
                .toEntity(String.class);

        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(deleted.getBody()).contains("/api/leads/" + person.leadId() + "/erase");
    }

    @Test
    void isDocumentedInTheApiDescription() {
        assertThat(api().get().uri("/v3/api-docs").retrieve().body(String.class)).contains("/api/leads/{id}/erase");
    }
}
