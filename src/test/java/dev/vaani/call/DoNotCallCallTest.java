package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.fakes.FakeReply;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatorOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * "Don't call me again" through the running server: the call's end is stored with the request, and the signed lead
 * goes on do-not-call in the same write, whichever agent heard it (the scripted one when the model is down, or the
 * model's end_call). A plain "not interested" leaves the lead callable.
 */
class DoNotCallCallTest extends CloudCallTest {

    @Test
    void aHindiLeadWhoAsksNotToBeCalledAgainHearsItConfirmedAndIsPutOnDoNotCall() {
        long campaignId = hindiCampaign();
        long leadId = insertLead("Rajesh Kumar", uniquePhone());
        String callSid = newCallSid();
        deepgram.script("मुझे कोई दिलचस्पी नहीं है, दोबारा कॉल मत कीजिए");
        openai.respondWith(request -> FakeReply.invalidApiKey()); // the scripted agent takes the call

        CallReport report = call(refusal(), leadId, campaignId, callSid, SimulatorOptions.builder());

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(leadDoNotCall(leadId)).isTrue());
        assertThat(storedOutcome(callSid)).isEqualTo("not_interested");
        assertThat(callDoNotCall(callSid)).isTrue();
        assertThat(transcript(callSid)).contains("हम आपको दोबारा कॉल नहीं करेंगे");
    }

    @Test
    void aLeadWhoAsksTheModelNotToBeCalledAgainIsPutOnDoNotCall() {
        long leadId = insertLead("Priya Sharma", uniquePhone());
        String callSid = newCallSid();
        deepgram.script("Please don't call me again.");
        openai.respondWith(request -> lastUserText(request).toLowerCase(java.util.Locale.ROOT).contains("call me again")
                ? FakeReply.text("Sure, we won't call you again. Have a good day!").andToolCall("end_call",
                        "{\"outcome\":\"not_interested\",\"summary\":\"Asked not to be called again.\",\"do_not_call\":true}")
                : FakeReply.text("Sorry, could you say that again?"));

        CallReport report = call(refusal(), leadId, callSid);

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(callDoNotCall(callSid)).isTrue());
        assertThat(leadDoNotCall(leadId)).isTrue();
        assertThat(storedOutcome(callSid)).isEqualTo("not_interested");
    }

    @Test
    void aRequestTheModelLeavesOutOfEndCallIsKeptInTheCallsRedisSessionToo() throws Exception {
        long leadId = insertLead("Kiran Rao", uniquePhone());
        String callSid = newCallSid();
        deepgram.script("Please don't call me again.");
        openai.respondWith(request -> FakeReply.text("Okay, have a good day!").andToolCall("end_call",
                "{\"outcome\":\"not_interested\",\"summary\":\"Not interested.\"}"));

        CallReport report = call(refusal(), leadId, callSid);

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(callDoNotCall(callSid)).isTrue());
        assertThat(json.readTree(redis.opsForValue().get("session:" + callSid)).path("do_not_call_requested").asBoolean())
                .as("a server dying before the record's write is closed from the session, request included").isTrue();
    }

    @Test
    void aLeadWhoIsOnlyNotInterestedStaysCallable() {
        long leadId = insertLead("Amit Shah", uniquePhone());
        String callSid = newCallSid();
        deepgram.script("मुझे कोई दिलचस्पी नहीं है");
        openai.respondWith(request -> FakeReply.invalidApiKey());

        CallReport report = call(refusal(), leadId, callSid);

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(storedOutcome(callSid)).isEqualTo("not_interested"));
        assertThat(callDoNotCall(callSid)).isFalse();
        assertThat(leadDoNotCall(leadId)).isFalse();
    }

    @Test
    void anUnknownCallerShowingALeadsNumberDoesNotPutThatLeadOnDoNotCall() {
        String phone = uniquePhone();
        long leadId = insertLead("Neha Gupta", phone);
        String callSid = newCallSid();
        deepgram.script("Please don't call me again.");
        openai.respondWith(request -> FakeReply.invalidApiKey());

        // no signed identity, only the lead's caller ID and a bare lead id: whoever this is, they are not the lead
        CallReport report = new dev.vaani.simulator.SimulatedCall(SimulatorOptions.builder()
                .url("ws://127.0.0.1:" + port + "/media").leadId(Long.toString(leadId)).from(phone).callSid(callSid)
                .build(), refusal()).run();

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(callDoNotCall(callSid)).isTrue());
        assertThat(jdbc.sql("SELECT lead_id IS NULL FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Boolean.class).single()).as("the call has no lead").isTrue();
        assertThat(leadDoNotCall(leadId)).isFalse();
    }

    private static Scenario refusal() {
        return oneAnswer("the lead refuses at the greeting");
    }

    private long hindiCampaign() {
        return jdbc.sql("INSERT INTO campaigns (name, language) VALUES (?, 'hi') RETURNING id")
                .param("hindi dnc " + newCallSid()).query(Long.class).single();
    }

    private boolean leadDoNotCall(long leadId) {
        return jdbc.sql("SELECT do_not_call FROM leads WHERE id = ?").param(leadId).query(Boolean.class).single();
    }

    private boolean callDoNotCall(String callSid) {
        return jdbc.sql("SELECT do_not_call_requested FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Boolean.class).single();
    }

    private String transcript(String callSid) {
        return jdbc.sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).single();
    }
}
