package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.call.identity.CallIdentity;
import dev.vaani.call.identity.CallIdentitySigner;
import dev.vaani.crm.CallQueries;
import dev.vaani.crm.CallView;
import dev.vaani.testing.SignedStreams;
import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Whom a call is about comes only from an identity we signed; a stream cannot pick a lead with {@code ?lead_id=},
 * a forged or expired signature, a caller ID, another call's identity, or by reusing the call sid of a live or
 * finished call.
 */
class MediaStreamIdentityTest extends VaaniIntegrationTest {

    @Autowired
    CallIdentitySigner identities;

    @Autowired
    CallProperties callSettings;

    @Autowired
    JsonMapper json;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CallQueries calls;

    @Test
    void aTamperedIdentityIsIgnoredTheForgedLeadIsNeitherGreetedNorTouched() throws Exception {
        long attacker = insertLead("Arjun Attacker", uniquePhone());
        long victim = insertLead("Meera Victim", uniquePhone());
        String signed = identities.sign(attacker, null, null, null);
        String forged = signed.replaceFirst("^v1\\." + attacker + "\\.", "v1." + victim + ".");
        double before = identityRefusals("tampered");

        String callSid = newCallSid();
        String greeting = greetingOf(callSid, SignedStreams.query(forged, callSettings), Map.of(), uniquePhone());

        assertThat(greeting).doesNotContain("Meera").doesNotContain("Arjun");
        assertThat(identityRefusals("tampered")).isEqualTo(before + 1);
        assertUntouchedByTheCall(victim, callSid);
    }

    @Test
    void anExpiredIdentityIsIgnored() throws Exception {
        long lead = insertLead("Kavya Expired", uniquePhone());
        String expired = identities.sign(new CallIdentity(lead, null, null, null, Instant.now().minusSeconds(1)));
        double before = identityRefusals("expired");

        String callSid = newCallSid();
        String greeting = greetingOf(callSid, SignedStreams.query(expired, callSettings), Map.of(), uniquePhone());

        assertThat(greeting).doesNotContain("Kavya");
        assertThat(identityRefusals("expired")).isEqualTo(before + 1);
        assertUntouchedByTheCall(lead, callSid);
    }

    @Test
    void anUnsignedLeadIdInTheUrlOrTheStartEventIsIgnored() throws Exception {
        long victim = insertLead("Rohan Unsigned", uniquePhone());
        String callSid = newCallSid();
        String query = "lead_id=" + victim + (callSettings.mediaAuthRequired() ? "&token=" + callSettings.mediaSecret() : "");

        String greeting = greetingOf(callSid, query, Map.of("lead_id", Long.toString(victim)), uniquePhone());

        assertThat(greeting).doesNotContain("Rohan");
        assertUntouchedByTheCall(victim, callSid);
    }

    @Test
    void anUnknownCallerWhoseNumberIsALeadsIsNotTakenForThatLead() throws Exception {
        String phone = uniquePhone();
        long lead = insertLead("Farah Caller", phone);
        String callSid = newCallSid();

        String greeting = greetingOf(callSid, SignedStreams.query("", callSettings), Map.of(), phone);

        assertThat(greeting).doesNotContain("Farah");
        assertUntouchedByTheCall(lead, callSid);
    }

    @Test
    void anUnknownCallersCallIsListedBesideTheLeadWhoseNumberItCameFromAsExotelWritesIt() throws Exception {
        String phone = uniquePhone();
        insertLead("Zoya Callback", phone);
        String callSid = newCallSid();

        greetingOf(callSid, SignedStreams.query("", callSettings), Map.of(), "0" + phone.substring(3));
        hangUpAndAwaitEnd(callSid);

        assertThat(calls.unverifiedFrom(phone, 20)).extracting(CallView::callSid).containsExactly(callSid);
        assertThat(calls.unverifiedFrom(uniquePhone(), 20)).extracting(CallView::callSid).doesNotContain(callSid);
    }

    @Test
    void aPlacedAttemptsIdentityOpensOnlyTheCallTheAttemptWasPlacedAs() throws Exception {
        long lead = insertLead("Ishaan Placed", uniquePhone());
        long campaign = jdbc.sql("INSERT INTO campaigns (name) VALUES (?) RETURNING id").param("Replay " + newCallSid())
                .query(Long.class).single();
        String placedAs = newCallSid();
        long attempt = jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, due_at, state, call_sid)
                VALUES (?, ?, now(), 'placed', ?) RETURNING id""").params(lead, campaign, placedAs)
                .query(Long.class).single();
        String identity = identities.sign(lead, campaign, attempt, null);
        double before = identityRefusals("other_call");

        String replayedOn = newCallSid();
        String greeting = greetingOf(replayedOn, SignedStreams.query(identity, callSettings), Map.of(), uniquePhone());

        assertThat(greeting).doesNotContain("Ishaan");
        assertThat(identityRefusals("other_call")).isEqualTo(before + 1);
        assertUntouchedByTheCall(lead, replayedOn);
        assertThat(greetingOf(placedAs, SignedStreams.query(identity, callSettings), Map.of(), uniquePhone()))
                .contains("Ishaan");
    }

    @Test
    void aSignedIdentityIsBelieved() throws Exception {
        long lead = insertLead("Gita Signed", uniquePhone());
        String callSid = newCallSid();

        String greeting = greetingOf(callSid, SignedStreams.query(identities.sign(lead, null, null, null), callSettings),
                Map.of(), uniquePhone());

        assertThat(greeting).contains("Gita");
    }

    @Test
    void aSecondStreamForALiveCallSidIsRefusedAndTheLiveCallGoesOn() throws Exception {
        long lead = insertLead("Nisha Live", uniquePhone());
        String callSid = newCallSid();
        String query = SignedStreams.query(identities.sign(lead, null, null, null), callSettings);
        double refusedBefore = refusals("live");
        try (RawMediaSocket first = open(query)) {
            first.send(RawMediaSocket.connected());
            first.send(RawMediaSocket.start(callSid, "MZ" + callSid, uniquePhone(), Map.of(), "audio/x-raw"));
            awaitGreeting(first, "MZ" + callSid, callSid);
            String sessionBefore = redis.opsForValue().get("session:" + callSid);
            Map<String, Object> rowBefore = row(callSid);

            try (RawMediaSocket second = open(SignedStreams.query("", callSettings))) {
                second.send(RawMediaSocket.connected());
                second.send(RawMediaSocket.start(callSid, "MZsecond", uniquePhone(), Map.of(), "audio/x-raw"));
                assertThat(second.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4409);
                assertThat(second.closeReason()).isEqualTo("call_sid already live");
            }

            assertThat(refusals("live")).isEqualTo(refusedBefore + 1);
            assertThat(redis.opsForValue().get("session:" + callSid)).isEqualTo(sessionBefore);
            assertThat(row(callSid)).isEqualTo(rowBefore);
            assertThat(first.closeCode()).isNotDone();
            first.send(RawMediaSocket.stop(callSid, "callended"));
            awaitEnded(callSid);
        }
        Map<String, Object> stored = jdbc.sql("""
                SELECT lead_id, final_outcome, stream_sid, transcript::text AS transcript FROM call_sessions
                WHERE call_sid = ?""").param(callSid).query().singleRow();
        assertThat(stored.get("lead_id")).isEqualTo(lead);
        assertThat(stored.get("final_outcome")).isEqualTo("incomplete");
        assertThat(stored.get("stream_sid")).isEqualTo("MZ" + callSid);
        assertThat(json.readTree((String) stored.get("transcript")).get(0).path("text").asString()).contains("Nisha");
    }

    @Test
    void aStreamForAFinishedCallSidIsRefused() throws Exception {
        String callSid = newCallSid();
        greetingOf(callSid, SignedStreams.query("", callSettings), Map.of(), uniquePhone());
        hangUpAndAwaitEnd(callSid);
        Map<String, Object> rowBefore = row(callSid);
        double refusedBefore = refusals("ended");

        try (RawMediaSocket again = open(SignedStreams.query("", callSettings))) {
            again.send(RawMediaSocket.connected());
            again.send(RawMediaSocket.start(callSid, "MZagain", uniquePhone(), Map.of(), "audio/x-raw"));
            assertThat(again.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4410);
            assertThat(again.closeReason()).isEqualTo("call already ended");
        }

        assertThat(refusals("ended")).isEqualTo(refusedBefore + 1);
        assertThat(row(callSid)).isEqualTo(rowBefore);
    }

    @Test
    void aStreamForACallWhoseRowIsTerminalIsRefused() throws Exception {
        String callSid = newCallSid();
        jdbc.sql("INSERT INTO call_sessions (call_sid, status, direction) VALUES (?, 'completed', 'outbound')")
                .param(callSid).update();

        try (RawMediaSocket late = open(SignedStreams.query("", callSettings))) {
            late.send(RawMediaSocket.connected());
            late.send(RawMediaSocket.start(callSid, "MZlate", uniquePhone(), Map.of(), "audio/x-raw"));
            assertThat(late.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4410);
        }
        assertThat(jdbc.sql("SELECT stream_sid FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).optional()).isEmpty();
    }

    // --- helpers ---

    /** Starts a call on a fresh socket, plays its greeting through, and returns what the bot said first. */
    private String greetingOf(String callSid, String query, Map<String, String> custom, String from) throws Exception {
        RawMediaSocket socket = open(query);
        sockets.add(socket);
        socket.send(RawMediaSocket.connected());
        socket.send(RawMediaSocket.start(callSid, "MZ" + callSid, from, custom, "audio/x-raw"));
        awaitGreeting(socket, "MZ" + callSid, callSid);
        String transcript = jdbc.sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).single();
        JsonNode first = json.readTree(transcript).get(0);
        assertThat(first.path("speaker").asString()).isEqualTo("ai");
        return first.path("text").asString();
    }

    private final Set<RawMediaSocket> sockets = new HashSet<>();

    @org.junit.jupiter.api.AfterEach
    void closeSockets() {
        sockets.forEach(RawMediaSocket::close);
        sockets.clear();
    }

    private void hangUpAndAwaitEnd(String callSid) throws Exception {
        for (RawMediaSocket socket : sockets) {
            socket.sendQuietly(RawMediaSocket.stop(callSid, "callended"));
        }
        awaitEnded(callSid);
    }

    private void assertUntouchedByTheCall(long leadId, String callSid) throws Exception {
        Map<String, Object> before = lead(leadId);
        hangUpAndAwaitEnd(callSid);
        assertThat(row(callSid).get("lead_id")).isNull();
        assertThat(lead(leadId)).isEqualTo(before);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(redis.opsForValue()
                .get("session:" + callSid)).isNotNull());
        assertThat(json.readTree(redis.opsForValue().get("session:" + callSid)).path("lead_id").isNull()).isTrue();
    }

    private Map<String, Object> lead(long id) {
        return jdbc.sql("SELECT status, last_outcome, collected_data::text, updated_at FROM leads WHERE id = ?")
                .param(id).query().singleRow();
    }

    private Map<String, Object> row(String callSid) {
        Map<String, Object> row = new java.util.HashMap<>(
                jdbc.sql("SELECT * FROM call_sessions WHERE call_sid = ?").param(callSid).query().singleRow());
        row.remove("heartbeat_at"); // the serving instance stamps its live rows every few seconds
        return row;
    }

    private void awaitEnded(String callSid) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc
                .sql("SELECT ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Boolean.class).optional().orElse(false));
    }

    /** Echoes the greeting's marks as Exotel would, until its line is in the transcript. */
    private void awaitGreeting(RawMediaSocket socket, String stream, String callSid) {
        Set<String> echoed = new HashSet<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode message : socket.received()) {
                String name = message.path("mark").path("name").asString();
                if (message.path("event").asString().equals("mark") && echoed.add(name)) {
                    socket.send(RawMediaSocket.mark(stream, name));
                }
            }
            return jdbc.sql("SELECT jsonb_array_length(transcript) FROM call_sessions WHERE call_sid = ?")
                    .param(callSid).query(Integer.class).optional().orElse(0) >= 1;
        });
    }

    private RawMediaSocket open(String query) throws Exception {
        return new RawMediaSocket(RawMediaSocket.uri(port, query.isEmpty() ? null : query));
    }

    private static String newCallSid() {
        return "id" + UUID.randomUUID().toString().replace("-", "");
    }

    private double refusals(String reason) {
        var counter = meters.find("vaani.calls.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private double identityRefusals(String reason) {
        var counter = meters.find("vaani.call.identity.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
