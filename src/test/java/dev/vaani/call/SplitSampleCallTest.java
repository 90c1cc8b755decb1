package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.clip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.simulator.AudioClip;
import dev.vaani.testing.ScriptedSpeechToText;
import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Exotel promises no media frame size. PCM16 frames of odd length split a sample between two frames; the caller's
 * audio must still reach the recogniser byte for byte. Before, such a frame was dropped as malformed, which shifted
 * every later sample by a byte and made the caller's speech loud noise.
 */
class SplitSampleCallTest extends VaaniIntegrationTest {

    @Autowired
    ScriptedSpeechToText recogniser;

    @Autowired
    MeterRegistry meters;

    @Test
    void framesThatSplitSamplesReachTheRecogniserAsTheCallersAudio() throws Exception {
        String callSid = "split" + UUID.randomUUID().toString().replace("-", "");
        String stream = "MZ" + callSid;
        recogniser.record(callSid);
        double malformedBefore = malformed();
        AudioClip speech = clip("yes-good-time.wav");
        byte[] spoken = Arrays.copyOf(speech.pcm(), speech.speechEndByte() & ~1);

        try (RawMediaSocket socket = new RawMediaSocket(RawMediaSocket.uri(port, "sample-rate=8000"))) {
            socket.send(RawMediaSocket.connected());
            socket.send(RawMediaSocket.start(callSid, stream, uniquePhone(), Map.of(), "audio/x-raw"));
            for (int offset = 0; offset < spoken.length; offset += 1601) {
                socket.send(RawMediaSocket.media(stream,
                        Arrays.copyOfRange(spoken, offset, Math.min(spoken.length, offset + 1601))));
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(recogniser.audioSentOn(callSid)).isEqualTo(spoken));
            assertThat(malformed()).isEqualTo(malformedBefore);
            socket.send(RawMediaSocket.stop(callSid, "callended"));
        }
    }

    private double malformed() {
        Counter counter = meters.find("vaani.exotel.frames.rejected").tag("reason", "malformed").counter();
        return counter == null ? 0 : counter.count();
    }
}
