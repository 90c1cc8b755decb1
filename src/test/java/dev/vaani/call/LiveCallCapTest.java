package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import dev.vaani.testing.SignedStreams;
import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Over MAX_LIVE_CALLS, a new stream is refused with 1013 (try again later) and counted; the live call goes on. */
@TestPropertySource(properties = "vaani.call.max-live-calls=1")
class LiveCallCapTest extends VaaniIntegrationTest {

    @Autowired
    CallProperties callSettings;

    @Autowired
    MeterRegistry meters;

    @Autowired
    LiveCalls liveCalls;

    @Test
    void theCallOverTheCapIsRefusedAndTheLiveOneGoesOn() throws Exception {
        String first = "cap" + UUID.randomUUID().toString().replace("-", "");
        String second = "cap" + UUID.randomUUID().toString().replace("-", "");
        String query = SignedStreams.query("", callSettings);
        try (RawMediaSocket live = new RawMediaSocket(RawMediaSocket.uri(port, query));
             RawMediaSocket over = new RawMediaSocket(RawMediaSocket.uri(port, query))) {
            live.send(RawMediaSocket.connected());
            live.send(RawMediaSocket.start(first, "MZ" + first, uniquePhone(), Map.of(), "audio/x-raw"));
            awaitGreeting(live, "MZ" + first, first);

            over.send(RawMediaSocket.connected());
            over.send(RawMediaSocket.start(second, "MZ" + second, uniquePhone(), Map.of(), "audio/x-raw"));

            assertThat(over.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(1013);
            assertThat(over.closeReason()).isEqualTo("too many live calls, try again later");
            assertThat(meters.get("vaani.calls.refused").tag("reason", "capacity").counter().count()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM call_sessions WHERE call_sid = ?").param(second)
                    .query(Integer.class).single()).isZero();
            assertThat(live.closeCode()).isNotDone();
            assertThat(liveCalls.liveCount()).isEqualTo(1);

            live.send(RawMediaSocket.stop(first, "callended"));
            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc
                    .sql("SELECT final_outcome FROM call_sessions WHERE call_sid = ?").param(first)
                    .query(String.class).optional().isPresent());
        }
    }

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
}
