package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Exotel's frames are JSON text. A binary frame on a live stream (raw audio, or JSON sent as bytes) is dropped and
 * counted like a malformed frame; it does not close the socket, so the caller stays on the line.
 */
class BinaryMediaFrameTest extends VaaniIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aBinaryFrameIsDroppedAndCountedAndTheCallGoesOn() throws Exception {
        String callSid = "binary" + UUID.randomUUID().toString().replace("-", "");
        String stream = "MZ" + callSid;
        double before = rejected("binary");
        try (RawMediaSocket socket = new RawMediaSocket(RawMediaSocket.uri(port, "sample-rate=8000"))) {
            socket.send(RawMediaSocket.connected());
            socket.send(RawMediaSocket.start(callSid, stream, uniquePhone(), Map.of(), "audio/x-raw"));
            socket.await(m -> m.path("event").asString().equals("media"), Duration.ofSeconds(20));

            socket.sendBinary(new byte[1600]);
            socket.sendBinary(RawMediaSocket.media(stream, new byte[320]).getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(10)).until(() -> rejected("binary") - before == 2);
            socket.send(RawMediaSocket.media(stream, new byte[320]));
            assertThat(socket.closeCode()).isNotDone();
            socket.send(RawMediaSocket.stop(callSid, "callended"));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc
                    .sql("SELECT end_reason FROM call_sessions WHERE call_sid = ? AND media_ended_at IS NOT NULL")
                    .param(callSid).query(String.class).optional()).contains("callended"));
        }
    }

    private double rejected(String reason) {
        Counter counter = meters.find("vaani.exotel.frames.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
