package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.clip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.simulator.AudioClip;
import dev.vaani.testing.ScriptedSpeechToText;
import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The container holds only a small buffer per connection; a media message longer than it (here 4 s of audio in one
 * message, about 85,000 characters) is still read whole and heard.
 */
class LongMediaMessageTest extends VaaniIntegrationTest {

    @Autowired
    ScriptedSpeechToText recogniser;

    @Autowired
    MeterRegistry meters;

    @Test
    void aMediaMessageLongerThanTheConnectionBufferIsHeardWhole() throws Exception {
        recogniser.hears("Yes, this is a good time.");
        String callSid = "long-message-" + UUID.randomUUID();
        String stream = "MZlong";
        double rejectedBefore = rejected();
        AudioClip speech = clip("yes-good-time.wav");
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        audio.write(new byte[16_000]); // 1 s of silence
        audio.write(speech.pcm());
        audio.write(new byte[16_000]);
        String longMessage = RawMediaSocket.media(stream, audio.toByteArray());
        assertThat(longMessage.length()).isGreaterThan(60_000); // the connection buffer is 8,192 characters

        try (RawMediaSocket socket = new RawMediaSocket(RawMediaSocket.uri(port, "sample-rate=8000"))) {
            socket.send(RawMediaSocket.connected());
            socket.send(RawMediaSocket.start(callSid, stream, uniquePhone(), Map.of(), "audio/x-raw"));
            String greetingMark = socket.await(m -> m.path("event").asString().equals("mark"), Duration.ofSeconds(20))
                    .path("mark").path("name").asString();
            socket.send(RawMediaSocket.mark(stream, greetingMark)); // the greeting has been heard: the bot listens

            socket.send(longMessage);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc
                    .sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                    .query(String.class).optional()).hasValueSatisfying(
                            transcript -> assertThat(transcript).contains("Yes, this is a good time.")));
            assertThat(socket.closeCode()).isNotDone();
            socket.send(RawMediaSocket.stop(callSid, "callended"));
        }
        assertThat(rejected()).isEqualTo(rejectedBefore);
    }

    private double rejected() {
        return meters.find("vaani.exotel.frames.rejected").counters().stream().mapToDouble(Counter::count).sum();
    }
}
