package dev.vaani.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.call.TransferRequested;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.crm.CallRecords;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.StreamReadConstraints;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Events reach the customer's endpoint signed, once per event id, retried with backoff until it answers 2xx. */
class WebhookDeliveryTest extends VaaniIntegrationTest {

    private static final String SECRET = "campaign-secret-0123456789";
    private static final JsonMapper JSON = new JsonMapper();

    @Autowired
    CallRecords callRecords;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    WebhookOutbox outbox;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WebhookEndpoints endpoints;

    @Autowired
    WebhookUrlPolicy policy;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private long campaignId;
    private long leadId;

    @BeforeEach
    void campaignWithAWebhook() {
        clock.pin(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)); // PostgreSQL keeps microseconds
        campaignId = jdbc.sql("INSERT INTO campaigns (name) VALUES (?) RETURNING id")
                .param("webhook campaign " + UUID.randomUUID()).query(Long.class).single();
        leadId = insertLead("Ravi Kumar", uniquePhone());
        var response = api().put().uri("/api/campaigns/{id}/webhook", campaignId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", receiver.url(), "secret", SECRET)).retrieve().toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        // Nothing left for later tests' dispatches to send to this (closed) receiver.
        jdbc.sql("UPDATE webhook_deliveries SET state = 'failed' WHERE state = 'pending' AND campaign_id = ?")
                .param(campaignId).update();
    }

    private String endCall(String outcome) {
        return endCall(outcome, "{\"property_type\":\"2 BHK\",\"location\":\"Whitefield\"}");
    }

    private String endCall(String outcome, String collectedData) {
        String sid = UUID.randomUUID().toString().replace("-", "");
        callRecords.placed(sid, leadId, campaignId, "08012345678", "+919800000000");
        jdbc.sql("UPDATE call_sessions SET final_outcome = ?, summary = 'Wants a 2 BHK in Whitefield', "
                + "collected_data = CAST(? AS jsonb), "
                + "transcript = '[{\"speaker\":\"ai\",\"text\":\"Namaste Ravi\"}]'::jsonb WHERE call_sid = ?")
                .params(outcome, collectedData, sid).update();
        var response = anonymous().post().uri("/webhooks/exotel/call-status?secret=" + WEBHOOK_SECRET)
                .contentType(MediaType.APPLICATION_JSON).body("""
                        {"CallSid":"%s","Status":"completed","ConversationDuration":95,
                         "RecordingUrl":"https://rec.example/a.mp3"}""".formatted(sid))
                .retrieve().toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return sid;
    }

    private Map<String, Object> delivery(String sid, String type) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE call_sid = ? AND event_type = ?").params(sid, type)
                .query().singleRow();
    }

    /** The first attempt was made and its failure recorded (attempts counts an attempt from when it starts). */
    private boolean firstAttemptFailed(String sid, String type) {
        Map<String, Object> delivery = delivery(sid, type);
        return Integer.valueOf(1).equals(delivery.get("attempts"))
                && (delivery.get("last_status") != null || delivery.get("last_error") != null);
    }

    @Test
    void aCompletedCallIsDeliveredSignedWithItsEventId() throws Exception {
        String sid = endCall("not_interested");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        WebhookReceiver.Received request = receiver.received().getFirst();
        JsonNode body = JSON.readTree(request.body());

        assertThat(WebhookSignature.verify(SECRET, request.header("Vaani-Signature"), request.body())).isTrue();
        assertThat(request.header("Vaani-Signature")).startsWith("t=" + clock.instant().getEpochSecond() + ",v1=");
        assertThat(request.header("Vaani-Event-Id")).isEqualTo(body.path("id").asString());
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(body.path("type").asString()).isEqualTo("call.completed");
        JsonNode call = body.path("data").path("call");
        assertThat(call.path("call_sid").asString()).isEqualTo(sid);
        assertThat(call.path("outcome").asString()).isEqualTo("not_interested");
        assertThat(call.path("summary").asString()).isEqualTo("Wants a 2 BHK in Whitefield");
        assertThat(call.path("recording_url").asString()).isEqualTo("https://rec.example/a.mp3");
        assertThat(call.path("duration_seconds").asInt()).isEqualTo(95);
        assertThat(call.path("collected_data").path("location").asString()).isEqualTo("Whitefield");
        assertThat(call.path("transcript").get(0).path("text").asString()).isEqualTo("Namaste Ravi");
        assertThat(body.path("data").path("lead").path("name").asString()).isEqualTo("Ravi Kumar");
        await().atMost(Duration.ofSeconds(5)).until(() -> "delivered".equals(delivery(sid, "call.completed").get("state")));
    }

    @Test
    void theCallsNumbersAreSentSoTheCrmKnowsWhomToCallBack() throws Exception {
        endCall("callback", "{\"callback_at\":\"2026-12-08T17:00\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        JsonNode call = JSON.readTree(receiver.received().getFirst().body()).path("data").path("call");

        assertThat(call.path("from_number").asString()).isEqualTo("+918012345678"); // our ExoPhone, E.164 as every number
        assertThat(call.path("to_number").asString()).isEqualTo("+919800000000");
    }

    @Test
    void aHandOverNamesTheNumbersOfTheCallItCameFrom() throws Exception {
        String sid = UUID.randomUUID().toString().replace("-", "");
        callRecords.placed(sid, leadId, campaignId, "08012345678", "+919800000000");

        events.publishEvent(new TransferRequested(sid, leadId, campaignId, "Caller asked to talk to a person.",
                Map.of(), List.of()));

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        JsonNode call = JSON.readTree(receiver.received().getFirst().body()).path("data").path("call");
        assertThat(call.path("from_number").asString()).isEqualTo("+918012345678"); // our ExoPhone, E.164 as every number
        assertThat(call.path("to_number").asString()).isEqualTo("+919800000000");
    }

    @Test
    void theLeadIsSentAsTheCallsNextStepLeftIt() throws Exception {
        String sid = UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, due_at, state, dialing_at, call_sid)
                VALUES (?, ?, now(), 'placed', now(), ?)""").params(leadId, campaignId, sid).update();
        jdbc.sql("UPDATE leads SET status = 'calling' WHERE id = ?").param(leadId).update(); // as the dialer leaves it
        callRecords.placed(sid, leadId, campaignId, "08012345678", "+919800000000");
        jdbc.sql("UPDATE call_sessions SET final_outcome = 'qualified' WHERE call_sid = ?").param(sid).update();

        callRecords.apply(new dev.vaani.crm.CallStatusUpdate(sid, "completed", null, null, 95, null), Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        for (WebhookReceiver.Received request : receiver.received()) {
            assertThat(JSON.readTree(request.body()).path("data").path("lead").path("status").asString())
                    .as(request.header("Vaani-Event-Type")).isEqualTo("qualified");
        }
    }

    @Test
    void aQualifiedLeadAlsoSendsLeadQualified() {
        endCall("qualified");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received()).extracting(r -> r.header("Vaani-Event-Type"))
                .containsExactlyInAnyOrder("call.completed", "lead.qualified");
    }

    @Test
    void aFailedAttemptIsRetriedOnlyAfterTheBackoffWithTheSameEventIdAndBody() {
        receiver.answer(500);
        String sid = endCall("callback");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> firstAttemptFailed(sid, "call.completed"));
        Map<String, Object> failed = delivery(sid, "call.completed");
        assertThat(failed).containsEntry("state", "pending").containsEntry("last_status", 500);
        assertThat(((java.sql.Timestamp) failed.get("next_attempt_at")).toInstant())
                .isEqualTo(clock.instant().plusSeconds(30));

        clock.advance(Duration.ofSeconds(29));
        dispatcher.dispatchDue();
        assertThat(receiver.received()).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatchDue();

        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(delivery(sid, "call.completed").get("state")));
        assertThat(receiver.received()).hasSize(2);
        WebhookReceiver.Received first = receiver.received().get(0);
        WebhookReceiver.Received second = receiver.received().get(1);
        assertThat(second.header("Vaani-Event-Id")).isEqualTo(first.header("Vaani-Event-Id"));
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(List.of(first.header("Vaani-Delivery-Attempt"), second.header("Vaani-Delivery-Attempt")))
                .containsExactly("1", "2");
        assertThat(WebhookSignature.verify(SECRET, second.header("Vaani-Signature"), second.body())).isTrue();
        assertThat(delivery(sid, "call.completed")).containsEntry("attempts", 2).containsEntry("last_status", 200);
    }

    @Test
    void anEventQueuedBeforeTheWebhookWasChangedGoesToTheNewOneUnderItsId() throws Exception {
        receiver.answer(500);
        String sid = endCall("callback");
        await().atMost(Duration.ofSeconds(10)).until(() -> firstAttemptFailed(sid, "call.completed"));
        String eventId = receiver.received().getFirst().header("Vaani-Event-Id");

        try (WebhookReceiver replacement = new WebhookReceiver()) {
            api().put().uri("/api/campaigns/{id}/webhook", campaignId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("url", replacement.url(), "secret", "the-new-secret-of-the-crm")).retrieve()
                    .toBodilessEntity();
            assertThat(jdbc.sql("SELECT webhook_url FROM campaigns WHERE id = ?").param(campaignId).query(String.class)
                    .single()).isEqualTo(replacement.url());
            clock.advance(Duration.ofSeconds(30));
            dispatcher.dispatchDue();

            await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(delivery(sid, "call.completed").get("state")));
            WebhookReceiver.Received resent = replacement.received().getFirst();
            assertThat(resent.header("Vaani-Event-Id")).isEqualTo(eventId);
            assertThat(WebhookSignature.verify("the-new-secret-of-the-crm", resent.header("Vaani-Signature"), resent.body())).isTrue();
            assertThat(delivery(sid, "call.completed")).containsEntry("url", replacement.url());
        }
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetriedLater() {
        receiver.answer(0);
        String sid = endCall("callback");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> firstAttemptFailed(sid, "call.completed"));

        assertThat(delivery(sid, "call.completed")).containsEntry("state", "pending")
                .hasEntrySatisfying("last_error", error -> assertThat((String) error).startsWith("timeout"));
    }

    @Test
    void backoffDoublesUpToAnHourAndDeliveryStopsAfter24Hours() {
        WebhookProperties settings = new WebhookProperties("", "", false, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24), Duration.ofSeconds(2));
        assertThat(List.of(1, 2, 3, 4, 7, 8, 30).stream().map(settings::backoffAfter).toList()).containsExactly(
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240),
                Duration.ofSeconds(1920), Duration.ofHours(1), Duration.ofHours(1));

        receiver.answer(503, 503);
        String sid = endCall("callback");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> firstAttemptFailed(sid, "call.completed"));
        clock.advance(Duration.ofHours(23).plusMinutes(59).plusSeconds(45));
        dispatcher.dispatchDue();

        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(delivery(sid, "call.completed").get("state")));
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void noAttemptIsMadeAfterGivingUpHoweverLateTheNextLookComes() {
        receiver.answer(503);
        String sid = endCall("callback");
        await().atMost(Duration.ofSeconds(10)).until(() -> firstAttemptFailed(sid, "call.completed"));

        clock.advance(Duration.ofHours(25)); // the server was down past the 24 h the delivery had
        dispatcher.dispatchDue();

        assertThat(delivery(sid, "call.completed")).containsEntry("state", "failed");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void theDeliveryLogShowsEachEventAndAReplaySendsItAgainUnderTheSameId() throws Exception {
        String sid = endCall("not_interested");
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(delivery(sid, "call.completed").get("state")));

        JsonNode log = JSON.readTree(api().get().uri("/api/calls/{sid}/webhook-deliveries", sid).retrieve().body(String.class));
        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("eventType").asString()).isEqualTo("call.completed");
        assertThat(log.get(0).path("state").asString()).isEqualTo("delivered");
        assertThat(anonymous().get().uri("/api/calls/{sid}/webhook-deliveries", sid).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        var replay = api().post().uri("/api/webhook-deliveries/{id}/replay", log.get(0).path("id").asLong())
                .retrieve().toEntity(String.class);

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received().get(1).header("Vaani-Event-Id"))
                .isEqualTo(receiver.received().get(0).header("Vaani-Event-Id"));
        assertThat(api().post().uri("/api/webhook-deliveries/{id}/replay", Long.MAX_VALUE).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aReplayWhileAnAttemptIsBeingMadeIsRefusedSoTheEventIsNotSentTwiceAtOnce() {
        String sid = UUID.randomUUID().toString().replace("-", "");
        outbox.enqueue("call.completed", sid, sid, campaignId, new WebhookEndpoint(receiver.url(), SECRET),
                Map.of("call", Map.of("call_sid", sid)));
        long id = ((Number) delivery(sid, "call.completed").get("id")).longValue();
        assertThat(outbox.claimDue(100, 100, List.of())).as("an attempt starts").isNotEmpty();

        var replay = api().post().uri("/api/webhook-deliveries/{id}/replay", id).retrieve().toEntity(String.class);

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(replay.getBody()).contains("being sent");
        assertThat(outbox.claimDue(100, 100, List.of())).as("no second attempt while the first is made").isEmpty();
    }

    @Test
    void aReplayAfterAnAttemptsLeaseRanOutSendsItAgain() {
        String sid = UUID.randomUUID().toString().replace("-", "");
        outbox.enqueue("call.completed", sid, sid, campaignId, new WebhookEndpoint(receiver.url(), SECRET),
                Map.of("call", Map.of("call_sid", sid)));
        long id = ((Number) delivery(sid, "call.completed").get("id")).longValue();
        outbox.claimDue(100, 100, List.of()); // the instance making it died
        clock.advance(WebhookOutbox.LEASE.plusSeconds(1));

        var replay = api().post().uri("/api/webhook-deliveries/{id}/replay", id).retrieve().toEntity(String.class);

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(delivery(sid, "call.completed").get("state")));
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void aReplayOfAnEventWaitingForItsBackoffSendsItNow() {
        receiver.answer(500);
        String sid = endCall("not_interested");
        await().atMost(Duration.ofSeconds(10)).until(() -> firstAttemptFailed(sid, "call.completed"));
        long id = ((Number) delivery(sid, "call.completed").get("id")).longValue();

        var replay = api().post().uri("/api/webhook-deliveries/{id}/replay", id).retrieve().toEntity(String.class);

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(delivery(sid, "call.completed").get("state")));
    }

    @Test
    void aTransferIsAnnouncedWithTheSummarySoFar() throws Exception {
        String sid = UUID.randomUUID().toString().replace("-", "");

        events.publishEvent(new TransferRequested(sid, leadId, campaignId, "Caller asked to talk to a person.",
                Map.of("location", "Whitefield"), List.of(TranscriptLine.user("Can I talk to someone?", "t0"))));

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        JsonNode body = JSON.readTree(receiver.received().getFirst().body());
        assertThat(body.path("type").asString()).isEqualTo("call.transfer_requested");
        assertThat(body.path("data").path("call").path("summary").asString())
                .isEqualTo("Caller asked to talk to a person. Known so far — location: Whitefield.");
        assertThat(body.path("data").path("call").path("transcript").get(0).path("text").asString())
                .isEqualTo("Can I talk to someone?");
        assertThat(body.path("data").path("lead").path("name").asString()).isEqualTo("Ravi Kumar");
    }

    @Test
    void aTransferThatCouldNotBeStoredWhileTheCallRanIsSentWithTheCallsEndAheadOfItsCompletion() throws Exception {
        String sid = endCallAfterAHandOver(false);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received()).extracting(r -> r.header("Vaani-Event-Type"))
                .containsExactly("call.transfer_requested", "call.completed");
        JsonNode call = JSON.readTree(receiver.received().getFirst().body()).path("data").path("call");
        assertThat(call.path("call_sid").asString()).isEqualTo(sid);
        assertThat(call.path("reason").isNull()).isTrue();
        assertThat(call.path("to_number").asString()).isEqualTo("+919800000000");
        assertThat(call.path("summary").asString()).startsWith("Caller asked for a person. Known so far — ")
                .contains("location: Whitefield");
        assertThat(call.path("transcript").get(0).path("text").asString()).isEqualTo("Namaste Ravi");
    }

    @Test
    void aTransferAnnouncedWhileTheCallRanIsNotSentAgainWithItsEnd() {
        String sid = endCallAfterAHandOver(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received()).extracting(r -> r.header("Vaani-Event-Type"))
                .containsExactly("call.transfer_requested", "call.completed");
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE call_sid = ?").param(sid)
                .query(Integer.class).single()).isEqualTo(2);
    }

    /** A call whose agent handed the caller to a person; {@code announced}: the hand-over was stored as it happened. */
    private String endCallAfterAHandOver(boolean announced) {
        String sid = UUID.randomUUID().toString().replace("-", "");
        callRecords.placed(sid, leadId, campaignId, "08012345678", "+919800000000");
        jdbc.sql("UPDATE call_sessions SET escalation_requested = TRUE, final_outcome = 'transferred', "
                + "collected_data = '{\"location\":\"Whitefield\"}'::jsonb, "
                + "transcript = '[{\"speaker\":\"ai\",\"text\":\"Namaste Ravi\"}]'::jsonb WHERE call_sid = ?")
                .param(sid).update();
        if (announced) {
            events.publishEvent(new TransferRequested(sid, leadId, campaignId, "Caller asked to talk to a person.",
                    Map.of("location", "Whitefield"), List.of(TranscriptLine.user("Can I talk to someone?", "t0"))));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        }
        var response = anonymous().post().uri("/webhooks/exotel/call-status?secret=" + WEBHOOK_SECRET)
                .contentType(MediaType.APPLICATION_JSON).body("""
                        {"CallSid":"%s","Status":"completed","ConversationDuration":40}""".formatted(sid))
                .retrieve().toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return sid;
    }

    @Test
    void aCampaignWebhookUrlMustBeAUsableUrl() {
        var response = api().put().uri("/api/campaigns/{id}/webhook", campaignId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", "ftp://crm.example.com/")).retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("http");
    }

    @Test
    void aCallsEventsArriveInTheOrderTheyHappenedEvenWhenTheFirstIsRetried() {
        receiver.answer(500);
        String sid = endCall("qualified");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> firstAttemptFailed(sid, "call.completed"));

        dispatcher.dispatchDue(); // lead.qualified is due, but its call's completion is still waiting for its retry
        assertThat(receiver.received()).extracting(r -> r.header("Vaani-Event-Type")).containsExactly("call.completed");

        clock.advance(Duration.ofSeconds(30));
        dispatcher.dispatchDue();

        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(delivery(sid, "lead.qualified").get("state")));
        assertThat(receiver.received()).extracting(r -> r.header("Vaani-Event-Type"))
                .containsExactly("call.completed", "call.completed", "lead.qualified");
    }

    @Test
    void aFieldWithoutAValueIsSentAsNullNotLeftOut() throws Exception {
        String sid = UUID.randomUUID().toString().replace("-", "");
        callRecords.placed(sid, leadId, campaignId, "08012345678", "+919800000000");
        anonymous().post().uri("/webhooks/exotel/call-status?secret=" + WEBHOOK_SECRET)
                .contentType(MediaType.APPLICATION_JSON).body("""
                        {"CallSid":"%s","Status":"no-answer"}""".formatted(sid))
                .retrieve().toBodilessEntity();

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        JsonNode call = JSON.readTree(receiver.received().getFirst().body()).path("data").path("call");

        for (String field : List.of("summary", "answered_at", "recording_url")) {
            assertThat(call.has(field)).as(field).isTrue();
            assertThat(call.get(field).isNull()).as(field).isTrue();
        }
        assertThat(call.path("status").asString()).isEqualTo("no-answer");
    }

    @Test
    void anAttemptCutShortByACrashIsCountedSoTheNextOneSaysAttempt2() {
        String sid = UUID.randomUUID().toString().replace("-", "");
        outbox.enqueue("call.completed", sid, sid, campaignId, new WebhookEndpoint(receiver.url(), SECRET),
                Map.of("call", Map.of("call_sid", sid)));
        outbox.claimDue(100, 100, List.of()); // an instance claims it and dies before the POST: nothing is sent, nothing recorded

        clock.advance(WebhookOutbox.LEASE.plusSeconds(1));
        dispatcher.dispatchDue();

        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(delivery(sid, "call.completed").get("state")));
        assertThat(receiver.received()).singleElement()
                .satisfies(request -> assertThat(request.header("Vaani-Delivery-Attempt")).isEqualTo("2"));
        assertThat(delivery(sid, "call.completed")).containsEntry("attempts", 2);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anEventWhoseBodyCannotBeBuiltIsRecordedAsFailedAndTheCallStillTakesItsNextStep(CapturedOutput log) {
        double unbuiltBefore = meters.counter("vaani.webhooks.events.unbuilt", "type", "call.completed").count();
        int depth = StreamReadConstraints.defaults().getMaxNestingDepth() + 1; // deeper than the reader takes
        String sid = endCall("qualified", "{\"rooms\":" + "[".repeat(depth) + "]".repeat(depth) + "}");

        Map<String, Object> call = jdbc.sql("SELECT status, next_step_decided_at, collected_data::text AS collected "
                + "FROM call_sessions WHERE call_sid = ?").param(sid).query().singleRow();
        assertThat(call.get("status")).isEqualTo("completed");
        assertThat(call.get("next_step_decided_at")).as("the next step is taken, not rolled back").isNotNull();
        assertThat((String) call.get("collected")).startsWith("{\"rooms\": [[[");
        for (String type : List.of("call.completed", "lead.qualified")) {
            assertThat(delivery(sid, type)).as(type).containsEntry("state", "failed")
                    .hasEntrySatisfying("last_error", error -> assertThat((String) error)
                            .startsWith("the event's body could not be built: "));
        }
        assertThat(meters.counter("vaani.webhooks.events.unbuilt", "type", "call.completed").count())
                .isEqualTo(unbuiltBefore + 1);
        assertThat(log.getOut()).contains("Webhook call.completed for call " + sid + " could not be built")
                .doesNotContain("Ravi").doesNotContain("Namaste");
        dispatcher.dispatchDue();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void anEventRecordedAsFailedCarriesWhatIsKnownWithoutTheFailedPart() throws Exception {
        int depth = StreamReadConstraints.defaults().getMaxNestingDepth() + 1;
        String sid = endCall("not_interested", "{\"rooms\":" + "[".repeat(depth) + "]".repeat(depth) + "}");

        JsonNode body = JSON.readTree(jdbc.sql("SELECT body FROM webhook_deliveries WHERE call_sid = ?").param(sid)
                .query(String.class).single());

        assertThat(body.path("type").asString()).isEqualTo("call.completed");
        JsonNode call = body.path("data").path("call");
        assertThat(call.path("call_sid").asString()).isEqualTo(sid);
        assertThat(call.path("status").asString()).isEqualTo("completed");
        assertThat(call.path("outcome").asString()).isEqualTo("not_interested");
        assertThat(body.path("data").path("lead").path("id").asLong()).isEqualTo(leadId);
    }

    @Test
    void aReceiverThatDoesNotAnswerGetsAFewRequestsAtOnceAndAnotherReceiversEventsGoMeanwhile() {
        WebhookProperties patient = new WebhookProperties("", "", true, Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(1)); // no attempt times out in this test
        WebhookDispatcher dispatcher = new WebhookDispatcher(outbox, endpoints, policy, patient, clock);
        try (WebhookReceiver other = new WebhookReceiver()) {
            long otherCampaign = jdbc.sql("INSERT INTO campaigns (name) VALUES (?) RETURNING id")
                    .param("webhook campaign " + UUID.randomUUID()).query(Long.class).single();
            api().put().uri("/api/campaigns/{id}/webhook", otherCampaign).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("url", other.url(), "secret", SECRET)).retrieve().toBodilessEntity();
            int backlog = 30; // more than one claim takes
            for (int i = 0; i < backlog; i++) {
                receiver.answer(0);
                String sid = UUID.randomUUID().toString().replace("-", "");
                outbox.enqueue("call.completed", sid, sid, campaignId, new WebhookEndpoint(receiver.url(), SECRET),
                        Map.of("call", Map.of("call_sid", sid)));
            }
            String otherSid = UUID.randomUUID().toString().replace("-", "");
            outbox.enqueue("call.completed", otherSid, otherSid, otherCampaign, new WebhookEndpoint(other.url(), SECRET),
                    Map.of("call", Map.of("call_sid", otherSid)));
            dispatcher.start();
            try {
                dispatcher.dispatchDue();

                await().atMost(Duration.ofSeconds(10)).until(() -> other.received().size() == 1
                        && receiver.received().size() == WebhookDispatcher.PER_RECEIVER);
                assertThat(dispatcher.dispatchDue()).as("nothing more for the receiver that holds its requests")
                        .isZero();
                assertThat(receiver.received()).hasSize(WebhookDispatcher.PER_RECEIVER);

                receiver.release(); // it answers again: its backlog follows, a few at a time
                await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM webhook_deliveries WHERE campaign_id = ? AND state = 'delivered'")
                        .param(campaignId).query(Integer.class).single() == backlog);
            } finally {
                dispatcher.stop();
            }
        }
    }

    @Test
    void severalUrlsOnOneHostShareItsFewRequestsAtOnce() {
        WebhookProperties patient = new WebhookProperties("", "", true, Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(1)); // no attempt times out in this test
        WebhookDispatcher dispatcher = new WebhookDispatcher(outbox, endpoints, policy, patient, clock);
        // one CRM, one URL per campaign: the same server behind them all
        List<Long> campaignIds = new java.util.ArrayList<>(List.of(campaignId));
        for (String path : List.of("/hooks/whitefield", "/hooks/sarjapur")) {
            long other = jdbc.sql("INSERT INTO campaigns (name) VALUES (?) RETURNING id")
                    .param("webhook campaign " + UUID.randomUUID()).query(Long.class).single();
            api().put().uri("/api/campaigns/{id}/webhook", other).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("url", receiver.url().replace("/hooks/vaani", path), "secret", SECRET))
                    .retrieve().toBodilessEntity();
            campaignIds.add(other);
        }
        int backlog = 8; // per URL, more than one lane's worth each
        for (long campaign : campaignIds) {
            String url = endpoints.forCampaign(campaign).orElseThrow().url();
            for (int i = 0; i < backlog; i++) {
                receiver.answer(0);
                String sid = UUID.randomUUID().toString().replace("-", "");
                outbox.enqueue("call.completed", sid, sid, campaign, new WebhookEndpoint(url, SECRET),
                        Map.of("call", Map.of("call_sid", sid)));
            }
        }
        dispatcher.start();
        try {
            assertThat(dispatcher.dispatchDue()).as("one host's lane, whatever the paths").isEqualTo(WebhookDispatcher.PER_RECEIVER);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == WebhookDispatcher.PER_RECEIVER);
            assertThat(dispatcher.dispatchDue()).as("nothing more for the host that holds its requests").isZero();

            receiver.release();
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM webhook_deliveries WHERE campaign_id IN (:ids) AND state = 'delivered'")
                    .param("ids", campaignIds).query(Integer.class).single() == backlog * campaignIds.size());
        } finally {
            dispatcher.stop();
        }
    }
}
