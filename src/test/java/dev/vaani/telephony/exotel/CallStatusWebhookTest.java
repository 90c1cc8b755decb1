package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.call.CallProperties;
import dev.vaani.call.identity.CallIdentity;
import dev.vaani.call.identity.CallIdentitySigner;
import dev.vaani.call.identity.IdentityCheck;
import dev.vaani.crm.CallRecords;
import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class CallStatusWebhookTest extends VaaniIntegrationTest {

    private static final String URL = "/webhooks/exotel/call-status?secret=" + WEBHOOK_SECRET;

    @Autowired
    CallRecords callRecords;

    @Autowired
    CallProperties call;

    @Autowired
    CallIdentitySigner identities;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TransactionTemplate transactions;

    private String newCall() {
        String sid = UUID.randomUUID().toString().replace("-", "");
        long lead = insertLead("Webhook Lead", uniquePhone());
        callRecords.placed(sid, lead, null, "08012345678", "+919800000000");
        return sid;
    }

    private ResponseEntity<String> postJson(String body) {
        return anonymous().post().uri(URL).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> postForm(MultiValueMap<String, String> form, MediaType type) {
        return anonymous().post().uri(URL).contentType(type).body(form).retrieve().toEntity(String.class);
    }

    private double droppedRecordingUrls() {
        Counter counter = meters.find("vaani.call.recording_url.dropped").counter();
        return counter == null ? 0 : counter.count();
    }

    private Map<String, Object> row(String sid) {
        return jdbc.sql("SELECT status, answered_at, ended_at, duration_seconds, recording_url, final_outcome FROM call_sessions WHERE call_sid = ?")
                .param(sid).query().singleRow();
    }

    @Test
    void jsonTerminalCallbackCompletesTheCall() {
        String sid = newCall();

        ResponseEntity<String> response = postJson("""
                {"CallSid":"%s","Status":"completed","DateUpdated":"2025-06-01 10:05:00","EventType":"terminal",
                 "StartTime":"2025-06-01 10:03:00","EndTime":"2025-06-01 10:05:00","ConversationDuration":95,
                 "RecordingUrl":"https://rec.example/a.mp3","Legs":[{"OnCallDuration":41,"Status":"completed"}]}""".formatted(sid));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(row(sid)).containsEntry("status", "completed").containsEntry("duration_seconds", 95)
                .containsEntry("recording_url", "https://rec.example/a.mp3");
        assertThat(row(sid).get("ended_at")).isNotNull();
        assertThat(row(sid).get("answered_at")).isNotNull();
    }

    @Test
    void formCallbackForAnUnansweredCallRecordsTheOutcome() {
        String sid = newCall();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("CallSid", sid);
        form.add("Status", "no-answer");
        form.add("DateUpdated", "2025-06-01 10:05:00");

        assertThat(postForm(form, MediaType.APPLICATION_FORM_URLENCODED).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(row(sid)).containsEntry("status", "no-answer").containsEntry("final_outcome", "no_answer");
    }

    @Test
    void multipartCallbackIsAccepted() {
        String sid = newCall();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("CallSid", sid);
        form.add("Status", "busy");

        assertThat(postForm(form, MediaType.MULTIPART_FORM_DATA).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(row(sid)).containsEntry("status", "busy").containsEntry("final_outcome", "busy");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aMultipartCallbackThatCannotBeReadIsRefusedWithoutAStackTrace(CapturedOutput output) {
        String sid = newCall();
        String cutShort = "--b0\r\nContent-Disposition: form-data; name=\"CallSid\"\r\n\r\n" + sid
                + "\r\n--b0\r\nContent-Disposition: form-data; name=\"Status\"\r\n\r\ncomp";

        ResponseEntity<String> noBoundary = anonymous().post().uri(URL).contentType(MediaType.MULTIPART_FORM_DATA)
                .body("CallSid=" + sid + "&Status=completed").retrieve().toEntity(String.class);
        ResponseEntity<String> truncated = anonymous().post().uri(URL)
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=b0")).body(cutShort)
                .retrieve().toEntity(String.class);

        assertThat(noBoundary.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(truncated.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(output.getAll()).doesNotContain("Unexpected error", "MultipartException");
        assertThat(row(sid)).doesNotContainEntry("status", "completed");
    }

    @Test
    void anAnsweredEventIsAnsweredWhenItHappenedNotWhenExotelBeganTheCall() {
        String sid = newCall();

        postJson("""
                {"CallSid":"%s","Status":"in-progress","EventType":"answered","DateCreated":"2025-06-01 10:02:30",
                 "StartTime":"2025-06-01 10:02:30","DateUpdated":"2025-06-01 10:02:52"}""".formatted(sid));

        assertThat(((java.sql.Timestamp) row(sid).get("answered_at")).toInstant())
                .isEqualTo(java.time.Instant.parse("2025-06-01T04:32:52Z")); // 10:02:52 IST, not the 22 s of ringing
    }

    @Test
    void statusNeverMovesBackwardsAndFieldsAreNeverErasedWhateverTheOrder() {
        List<String> callbacks = List.of(
                "{\"CallSid\":\"%s\",\"Status\":\"initiated\"}",
                "{\"CallSid\":\"%s\",\"Status\":\"ringing\"}",
                "{\"CallSid\":\"%s\",\"Status\":\"in-progress\",\"EventType\":\"answered\",\"StartTime\":\"2025-06-01 10:03:00\"}",
                "{\"CallSid\":\"%s\",\"Status\":\"completed\",\"ConversationDuration\":42,\"RecordingUrl\":\"https://rec.example/x.mp3\",\"DateUpdated\":\"2025-06-01 10:04:00\"}",
                "{\"CallSid\":\"%s\",\"Status\":\"failed\"}");
        Random random = new Random(7);
        for (int round = 0; round < 6; round++) {
            String sid = newCall();
            List<String> shuffled = new ArrayList<>(callbacks.subList(0, 4));
            shuffled.addAll(callbacks.subList(0, 4)); // every callback twice
            Collections.shuffle(shuffled, random);
            shuffled.forEach(template -> postJson(template.formatted(sid)));

            assertThat(row(sid)).as("order %s", shuffled).containsEntry("duration_seconds", 42)
                    .containsEntry("recording_url", "https://rec.example/x.mp3");
            // whichever terminal status came first stays; here only "completed" was sent
            assertThat(row(sid)).containsEntry("status", "completed");
            assertThat(row(sid).get("answered_at")).isNotNull();

            postJson(callbacks.get(4).formatted(sid));
            assertThat(row(sid)).as("a terminal status is final").containsEntry("status", "completed");
        }
    }

    @Test
    void callbackForAnUnknownCallIsKeptAndReconciledWhenTheCallIsRecorded() {
        String sid = UUID.randomUUID().toString().replace("-", "");

        ResponseEntity<String> response = postJson("{\"CallSid\":\"%s\",\"Status\":\"completed\",\"ConversationDuration\":30}".formatted(sid));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"matched\":false");
        assertThat(jdbc.sql("SELECT count(*) FROM unmatched_call_events WHERE call_sid = ? AND NOT reconciled")
                .param(sid).query(Integer.class).single()).isEqualTo(1);

        long lead = insertLead("Late Lead", uniquePhone());
        callRecords.placed(sid, lead, null, "08012345678", "+919800000001");

        assertThat(row(sid)).containsEntry("status", "completed").containsEntry("duration_seconds", 30);
        assertThat(jdbc.sql("SELECT count(*) FROM unmatched_call_events WHERE call_sid = ? AND NOT reconciled")
                .param(sid).query(Integer.class).single()).isZero();
    }

    @Test
    void aCallbackThatOvertakesThePlacementStillClosesTheCall() throws Exception {
        String sid = UUID.randomUUID().toString().replace("-", "");
        long lead = insertLead("Racing Lead", uniquePhone());
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // the dialer records the call in a transaction that commits after the lead's update: Exotel's callback for an
        // unanswered call can arrive in between
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor(); // the dialer's and Exotel's, each its own
        Future<?> dialer = threads.submit(() -> transactions.executeWithoutResult(tx -> {
            callRecords.placed(sid, lead, null, "08012345678", "+919800000002");
            recorded.countDown();
            awaitQuietly(commit);
        }));
        assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();

        Future<ResponseEntity<String>> callback = threads.submit(() ->
                postJson("{\"CallSid\":\"%s\",\"Status\":\"no-answer\",\"EventType\":\"terminal\"}".formatted(sid)));
        await().until(() -> callback.isDone() || waitingForACallLock());
        commit.countDown();
        dialer.get(10, TimeUnit.SECONDS);

        assertThat(callback.get(10, TimeUnit.SECONDS).getStatusCode()).isEqualTo(HttpStatus.OK);
        threads.close();
        assertThat(row(sid)).containsEntry("status", "no-answer").containsEntry("final_outcome", "no_answer");
        assertThat(jdbc.sql("SELECT next_step_decided_at IS NOT NULL FROM call_sessions WHERE call_sid = ?")
                .param(sid).query(Boolean.class).single()).isTrue();
    }

    private boolean waitingForACallLock() {
        return jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 7412 AND NOT granted")
                .query(Integer.class).single() > 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void rejectsCallbacksWithoutTheSecret() {
        ResponseEntity<String> response = anonymous().post().uri("/webhooks/exotel/call-status")
                .contentType(MediaType.APPLICATION_JSON).body("{\"CallSid\":\"x\",\"Status\":\"completed\"}")
                .retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void acceptsTheSecretInAHeader() {
        String sid = newCall();
        ResponseEntity<String> response = anonymous().post().uri("/webhooks/exotel/call-status")
                .header("X-Vaani-Secret", WEBHOOK_SECRET).contentType(MediaType.APPLICATION_JSON)
                .body("{\"CallSid\":\"%s\",\"Status\":\"ringing\"}".formatted(sid)).retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void malformedCallbacksAreProblemDetailsNamingTheProblem() {
        assertThat(postJson("{\"Status\":\"completed\"}")).satisfies(r -> {
            assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(r.getBody()).contains("CallSid is missing");
        });
        assertThat(postJson("{not json").getBody()).contains("not valid JSON");
        ResponseEntity<String> text = anonymous().post().uri(URL).contentType(MediaType.TEXT_PLAIN).body("CallSid=x")
                .retrieve().toEntity(String.class);
        assertThat(text.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(text.getBody()).contains("Unsupported content type");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aRecordingUrlThatIsNoHttpsUrlIsDroppedLoggedAndCounted(CapturedOutput output) {
        String sid = newCall();
        double before = droppedRecordingUrls();

        ResponseEntity<String> response = postJson("""
                {"CallSid":"%s","Status":"completed","ConversationDuration":30,
                 "RecordingUrl":"javascript:alert(document.cookie)//.mp3"}""".formatted(sid));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(row(sid)).containsEntry("status", "completed").containsEntry("duration_seconds", 30)
                .containsEntry("recording_url", null);
        assertThat(droppedRecordingUrls()).isEqualTo(before + 1);
        assertThat(output.getAll()).contains("Call " + sid + ": dropped a recording URL that is no absolute https URL, "
                + "'javascript:alert(document.cookie)//.mp3'");
    }

    @Test
    void aRecordingUrlArrivingAfterTheCallCompletedIsKept() {
        String sid = newCall();
        postJson("{\"CallSid\":\"%s\",\"Status\":\"completed\",\"ConversationDuration\":30}".formatted(sid));

        postJson("{\"CallSid\":\"%s\",\"Status\":\"completed\",\"RecordingUrl\":\"https://rec.example/late.mp3\"}"
                .formatted(sid));

        assertThat(row(sid)).containsEntry("recording_url", "https://rec.example/late.mp3");
    }

    @Test
    void aLaterCallbackCannotReplaceTheRecordingUrl() {
        String sid = newCall();
        postJson("{\"CallSid\":\"%s\",\"Status\":\"completed\",\"RecordingUrl\":\"https://rec.example/call.mp3\"}"
                .formatted(sid));

        postJson("{\"CallSid\":\"%s\",\"Status\":\"completed\",\"RecordingUrl\":\"https://elsewhere.example/other.mp3\"}"
                .formatted(sid));

        assertThat(row(sid)).containsEntry("recording_url", "https://rec.example/call.mp3");
    }

    @Test
    void aCallSidThatIsNoExotelSidIsRefusedAndNotKept() {
        String marker = UUID.randomUUID().toString().replace("-", "");

        ResponseEntity<String> response = postJson("{\"CallSid\":\"%s\\nFAKE ERROR admin key leaked\",\"Status\":\"completed\"}"
                .formatted(marker));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("CallSid is not an Exotel call sid").doesNotContain("FAKE ERROR");
        assertThat(jdbc.sql("SELECT count(*) FROM unmatched_call_events WHERE call_sid LIKE ?").param(marker + "%")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aStatusThatIsNoWordIsRefusedAndNotKept() {
        String sid = UUID.randomUUID().toString().replace("-", "");

        ResponseEntity<String> response = postJson("{\"CallSid\":\"%s\",\"Status\":\"completed\\nFAKE ERROR admin key leaked\"}"
                .formatted(sid));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Status is not a call status");
        assertThat(jdbc.sql("SELECT count(*) FROM unmatched_call_events WHERE call_sid = ?").param(sid)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anUnknownStatusWordIsKeptButChangesNothing() {
        String sid = newCall();

        assertThat(postJson("{\"CallSid\":\"%s\",\"Status\":\"on-hold\"}".formatted(sid)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(row(sid)).containsEntry("status", "initiated");
    }

    @Test
    void theTransferCheckRefusesACallSidThatIsNoExotelSid() {
        ResponseEntity<String> response = anonymous().get()
                .uri("/webhooks/exotel/transfer-check?secret={s}&CallSid={sid}", WEBHOOK_SECRET,
                        "abc123\nFAKE ERROR admin key leaked")
                .retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void voicebotUrlAnswersOurMediaStreamWithTheCallsLink() {
        ResponseEntity<String> response = anonymous().get()
                .uri("/exotel/voicebot-url?secret={s}&CallSid=abc123&CallFrom=09876543210&CustomField={c}",
                        WEBHOOK_SECRET, "lead=12;campaign=3;attempt=1")
                .retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        // The media secret rides in the user info (Exotel sends it as Basic auth); only webhook-secret holders get it.
        assertThat(response.getBody()).startsWith("{\"url\":\"wss://vaani:" + call.mediaSecret()
                + "@vaani.example.com/media?vaani_call=v1.12.3..abc123.");
        String token = response.getBody().replaceAll(".*vaani_call=([^\"&]+).*", "$1");
        assertThat(identities.verify(token, "abc123")).isInstanceOfSatisfying(IdentityCheck.Trusted.class,
                trusted -> assertThat(trusted.identity()).extracting(CallIdentity::leadId, CallIdentity::campaignId,
                        CallIdentity::scheduledCallId, CallIdentity::callSid).containsExactly(12L, 3L, null, "abc123"));
        assertThat(identities.verify(token, "another-call")).isEqualTo(new IdentityCheck.Refused("other_call"));
    }

    @Test
    void voicebotUrlNamesNoLeadByTheCallersNumber() {
        String phone = uniquePhone();
        insertLead("Spoofed Number", phone);

        ResponseEntity<String> response = anonymous().get()
                .uri("/exotel/voicebot-url?secret={s}&CallSid=inbound42&CallFrom={from}", WEBHOOK_SECRET,
                        "0" + phone.substring(3))
                .retrieve().toEntity(String.class);

        String token = response.getBody().replaceAll(".*vaani_call=([^\"&]+).*", "$1");
        assertThat(identities.verify(token, "inbound42")).isInstanceOfSatisfying(IdentityCheck.Trusted.class,
                trusted -> assertThat(trusted.identity().leadId()).isNull());
    }

    @Test
    void voicebotUrlWithoutACallSidIsRefusedRatherThanSigningAnIdentityForAnyCall() {
        ResponseEntity<String> response = anonymous().get()
                .uri("/exotel/voicebot-url?secret={s}&CustomField={c}", WEBHOOK_SECRET, "lead=12;campaign=3")
                .retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("CallSid is missing").doesNotContain("vaani_call");
    }
}
