package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.clip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.simulator.AudioClip;
import dev.vaani.testing.ScriptedSpeechToText;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A media frame's payload array goes back to its stream once the call has consumed it, and a later frame decodes into
 * it. Whatever the call's executor still has to read must never be overwritten: the caller's audio reaches the
 * recogniser byte for byte however fast the frames come.
 */
class ReusedPayloadCallTest extends VaaniIntegrationTest {

    @Autowired
    ScriptedSpeechToText recogniser;

    @Test
    void framesSentBackToBackReachTheRecogniserAsTheCallersAudio() throws Exception {
        String callSid = "reuse" + UUID.randomUUID().toString().replace("-", "");
        String stream = "MZ" + callSid;
        recogniser.record(callSid);
        AudioClip speech = clip("yes-good-time.wav");
        byte[] spoken = Arrays.copyOf(speech.pcm(), speech.speechEndByte() / 1600 * 1600);

        try (RawMediaSocket socket = new RawMediaSocket(RawMediaSocket.uri(port, "sample-rate=8000"))) {
            socket.send(RawMediaSocket.connected());
            socket.send(RawMediaSocket.start(callSid, stream, uniquePhone(), Map.of(), "audio/x-raw"));
            for (int offset = 0; offset < spoken.length; offset += 1600) { // 100 ms frames, no pause between them
                socket.send(RawMediaSocket.media(stream, Arrays.copyOfRange(spoken, offset, offset + 1600)));
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(recogniser.audioSentOn(callSid)).isEqualTo(spoken));
            socket.send(RawMediaSocket.stop(callSid, "callended"));
        }
    }
}
