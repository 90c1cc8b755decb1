package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The reason in Exotel's stop is kept with the call and logged: only when it is a word. */
@ExtendWith(OutputCaptureExtension.class)
class StopReasonTest extends VaaniIntegrationTest {

    @Test
    void aStopReasonWithALineBreakEndsTheCallAsAPlainStopAndWritesNoLogLineOfItsOwn(CapturedOutput output)
            throws Exception {
        String callSid = "stopreason" + UUID.randomUUID().toString().replace("-", "");
        try (RawMediaSocket socket = new RawMediaSocket(RawMediaSocket.uri(port, "sample-rate=8000"))) {
            socket.send(RawMediaSocket.connected());
            socket.send(RawMediaSocket.start(callSid, "MZ" + callSid, uniquePhone(), Map.of(), "audio/x-raw"));
            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc
                    .sql("SELECT count(*) FROM call_sessions WHERE call_sid = ?").param(callSid).query(Integer.class)
                    .single() == 1);

            socket.send(RawMediaSocket.stop(callSid, "callended\nFAKE ERROR admin key leaked " + callSid));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc
                    .sql("SELECT end_reason FROM call_sessions WHERE call_sid = ? AND media_ended_at IS NOT NULL")
                    .param(callSid).query(String.class).optional()).contains("callended"));
        }
        assertThat(output.getAll()).contains("its stop carried a reason that is no word, 'callended\\nFAKE ERROR")
                .doesNotContain("\nFAKE ERROR admin key leaked " + callSid);
    }
}
