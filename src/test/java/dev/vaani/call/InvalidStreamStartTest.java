package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A start whose sids or numbers are not what Exotel sends (a line break in them, 200 000 characters) is refused as a
 * start for a live call is: its socket closed (1008), counted, logged on one line, and nothing of it stored.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidStreamStartTest extends VaaniIntegrationTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final String FORGED_LINE = "FAKE ERROR admin key leaked";

    @Autowired
    MeterRegistry meters;

    @Autowired
    StringRedisTemplate redis;

    private record Closed(int code, String reason) {}

    @Test
    void aCallSidWithALineBreakIsRefusedAndWritesNoLogLineOfItsOwn(CapturedOutput output) throws Exception {
        String marker = marker();
        double before = refusals();

        Closed closed = send(RawMediaSocket.start(marker + "\n" + FORGED_LINE, "MZ" + marker, uniquePhone(), Map.of(),
                "audio/x-raw"));

        assertThat(closed).isEqualTo(new Closed(1008, "invalid call_sid"));
        assertThat(refusals()).isEqualTo(before + 1);
        assertThat(output.getAll()).contains("invalid call_sid '" + marker + "\\nFA…' (65 characters)")
                .doesNotContain("\n" + FORGED_LINE);
        assertNothingStoredFor(marker);
    }

    @Test
    void aCallSidOf200000CharactersIsRefusedAndNeitherStoredNorLoggedWhole(CapturedOutput output) throws Exception {
        String marker = marker();
        String callSid = marker + "x".repeat(200_000 - marker.length());

        Closed closed = send(RawMediaSocket.start(callSid, "MZ" + marker, uniquePhone(), Map.of(), "audio/x-raw"));

        assertThat(closed).isEqualTo(new Closed(1008, "invalid call_sid"));
        assertThat(output.getAll()).contains("(200000 characters)").doesNotContain(marker + "x".repeat(1_000));
        assertNothingStoredFor(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream_sid", "account_sid"})
    void anInvalidStreamSidOrAccountSidIsRefusedToo(String field) throws Exception {
        String marker = marker();
        ObjectNode start = (ObjectNode) JSON.readTree(RawMediaSocket.start(marker, "MZ" + marker, uniquePhone(),
                Map.of(), "audio/x-raw"));
        String invalid = "+919800000000\n" + FORGED_LINE;
        ((ObjectNode) start.get("start")).put(field, invalid);
        if (field.equals("stream_sid")) {
            start.put(field, invalid); // the top-level one, which the parser reads first
        }

        assertThat(send(start.toString())).isEqualTo(new Closed(1008, "invalid " + field));
        assertNothingStoredFor(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"from", "to"})
    void anInvalidNumberIsTakenAsWithheldAndTheCallGoesOn(String field, CapturedOutput output) throws Exception {
        String callSid = marker();
        ObjectNode start = (ObjectNode) JSON.readTree(RawMediaSocket.start(callSid, "MZ" + callSid, uniquePhone(),
                Map.of(), "audio/x-raw"));
        ((ObjectNode) start.get("start")).put(field, "+919800000000\n" + FORGED_LINE);

        try (RawMediaSocket socket = new RawMediaSocket(RawMediaSocket.uri(port, "sample-rate=8000"))) {
            socket.send(RawMediaSocket.connected());
            socket.send(start.toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM call_sessions WHERE call_sid = ?").param(callSid).query(Integer.class).single() == 1);
            assertThat(socket.closeCode()).isNotDone();
        }
        String column = field.equals("from") ? "from_number" : "to_number";
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(callSid).query(Boolean.class).single());
        assertThat(jdbc.sql("SELECT from_number, to_number FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query().singleRow()).containsEntry(column, null);
        assertThat(output.getAll()).doesNotContainPattern("(?m)^" + Pattern.quote(FORGED_LINE));
    }

    @Test
    void aCallSidTakenFromTheCustomParametersIsCheckedToo() throws Exception {
        String marker = marker();
        ObjectNode start = (ObjectNode) JSON.readTree(RawMediaSocket.start(marker, "MZ" + marker, uniquePhone(),
                Map.of("call_sid", marker + "\n" + FORGED_LINE), "audio/x-raw"));
        ((ObjectNode) start.get("start")).remove("call_sid");

        assertThat(send(start.toString())).isEqualTo(new Closed(1008, "invalid call_sid"));
        assertNothingStoredFor(marker);
    }

    private Closed send(String start) throws Exception {
        try (RawMediaSocket socket = new RawMediaSocket(RawMediaSocket.uri(port, "sample-rate=8000"))) {
            socket.send(RawMediaSocket.connected());
            socket.send(start);
            int code = socket.closeCode().get(10, TimeUnit.SECONDS);
            return new Closed(code, socket.closeReason());
        }
    }

    private void assertNothingStoredFor(String marker) {
        assertThat(jdbc.sql("SELECT count(*) FROM call_sessions WHERE call_sid LIKE ? OR stream_sid LIKE ?")
                .params(marker + "%", "%" + marker + "%").query(Integer.class).single()).isZero();
        assertThat(redis.keys("*" + marker + "*")).isEmpty();
    }

    /** Letters only: a run of digits in it would be masked as a phone number in the log lines the tests read. */
    private static String marker() {
        StringBuilder marker = new StringBuilder("forge");
        UUID.randomUUID().toString().replace("-", "").chars()
                .forEach(c -> marker.append((char) (Character.isDigit(c) ? 'g' + (c - '0') : c)));
        return marker.toString();
    }

    private double refusals() {
        Counter counter = meters.find("vaani.calls.refused").tag("reason", "invalid").counter();
        return counter == null ? 0 : counter.count();
    }
}
