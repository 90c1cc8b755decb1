package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.crm.CallRecords;
import dev.vaani.crm.CallStatusUpdate;
import dev.vaani.fakes.FakeReply;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.SignedStreams;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A lead the dialer called asks to be called back at a time of their own: the agent books it, and when the call has
 * ended the dialer queues the call back for that time, not for the campaign's retry interval. The whole path: the
 * real Deepgram and OpenAI clients against their fakes, the call's record in PostgreSQL and Redis, Exotel's status
 * callback, the dialer's next step.
 */
class CloudCallCallbackTest extends CloudCallTest {

    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final String CALL_ME_TOMORROW = "I'm driving, please call me back tomorrow at five in the evening.";

    @Autowired
    CallRecords callRecords;

    @Test
    void aCallbackTheLeadAskedForIsQueuedForTheTimeTheyGave() throws Exception {
        String phone = uniquePhone();
        long lead = insertLead("Anil Callback", phone);
        long campaign = jdbc.sql("INSERT INTO campaigns (name, status) VALUES (?, 'active') RETURNING id")
                .param("Callbacks " + UUID.randomUUID()).query(Long.class).single();
        jdbc.sql("INSERT INTO campaign_leads (campaign_id, lead_id) VALUES (?, ?)").params(campaign, lead).update();
        String callSid = newCallSid();
        long attempt = placedAsTheDialerDoes(lead, campaign, phone, callSid);
        OffsetDateTime fivePmTomorrow = LocalDate.now(INDIA).plusDays(1).atTime(LocalTime.of(17, 0))
                .atZone(INDIA).toOffsetDateTime();
        deepgram.script(CALL_ME_TOMORROW);
        openai.respondWith(request -> FakeReply.text("Sure, I will call you back tomorrow at 5 PM. Drive safe!")
                .andToolCall("schedule_callback", "{\"datetime\":\"" + fivePmTomorrow.toLocalDateTime() + "\"}")
                .andToolCall("end_call", "{\"outcome\":\"callback\",\"summary\":\"Driving; call back tomorrow 5 PM.\"}"));
        Scenario scenario = oneAnswer("callback at a time the lead gave");

        CallReport report = new SimulatedCall(SimulatorOptions.builder()
                .url("ws://127.0.0.1:" + port + callSettings.websocketPath() + "?"
                        + SignedStreams.query(identities.sign(lead, campaign, attempt, null), callSettings))
                .callSid(callSid).build(), scenario).run();
        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> "callback".equals(storedOutcome(callSid))
                && jdbc.sql("SELECT ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(callSid)
                        .query(Boolean.class).single());
        callRecords.apply(new CallStatusUpdate(callSid, "completed", null, null, 20, null), Map.of());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(nextAttempt(campaign, lead))
                .containsEntry("kind", "callback").containsEntry("state", "pending")
                .containsEntry("not_before", Timestamp.from(fivePmTomorrow.toInstant())));
        JsonNode collected = json.readTree(jdbc.sql("SELECT collected_data::text FROM call_sessions WHERE call_sid = ?")
                .param(callSid).query(String.class).single());
        assertThat(collected.path("callback_at").asString())
                .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(fivePmTomorrow));
        assertThat(json.readTree(redis.opsForValue().get("session:" + callSid)).path("collected_data")
                .path("callback_at").asString()).as("a server dying now closes the call from Redis, time included")
                .isEqualTo(collected.path("callback_at").asString());
        assertThat(jdbc.sql("SELECT collected_data::text FROM leads WHERE id = ?").param(lead).query(String.class).single())
                .as("the time is the call's: on the lead it would be the next call's collected data, stale")
                .doesNotContain("callback_at");
    }

    /** The attempt claimed and placed with Exotel, and the call's row opened, as the dialer leaves them. */
    private long placedAsTheDialerDoes(long lead, long campaign, String phone, String callSid) {
        long attempt = jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, due_at, state, dialing_at, call_sid)
                VALUES (?, ?, now(), 'placed', now(), ?) RETURNING id""").params(lead, campaign, callSid)
                .query(Long.class).single();
        callRecords.placed(callSid, lead, campaign, "+918012345678", phone);
        return attempt;
    }

    private Map<String, Object> nextAttempt(long campaign, long lead) {
        return jdbc.sql("""
                SELECT kind, state, not_before FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?
                ORDER BY attempt DESC LIMIT 1""").params(campaign, lead).query().singleRow();
    }
}
