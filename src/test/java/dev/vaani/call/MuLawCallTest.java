package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.clip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.audio.MuLaw;
import dev.vaani.simulator.AudioClip;
import dev.vaani.testing.ScriptedSpeechToText;
import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A stream whose start event announces audio/x-mulaw: payloads are one byte per sample, of any length, and are
 * decoded to PCM16 before recognition. The caller's 800 ms of silence after speaking ends the turn only if it is
 * read as 800 ms; read as PCM16 it would be 400 ms, too short for the recogniser or the turn-taking to end a turn.
 */
class MuLawCallTest extends VaaniIntegrationTest {

    @Autowired
    ScriptedSpeechToText recogniser;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Test
    void muLawPayloadsAreDecodedBeforeRecognition() throws Exception {
        long leadId = insertLead("Vikram Sethi", uniquePhone());
        String callSid = "ulaw" + UUID.randomUUID().toString().replace("-", "");
        String stream = "MZ" + callSid;
        recogniser.hears("Yes, this is a good time.");
        double malformedBefore = malformed();
        AudioClip speech = clip("yes-good-time.wav");
        byte[] spoken = MuLaw.encode(speech.pcm(), 0, speech.speechEndByte());
        byte[] silence = MuLaw.encode(new byte[2 * 8 * 800], 0, 2 * 8 * 800); // 800 ms

        try (RawMediaSocket socket = new RawMediaSocket(RawMediaSocket.uri(port, "sample-rate=8000"))) {
            socket.send(RawMediaSocket.connected());
            socket.send(RawMediaSocket.start(callSid, stream, uniquePhone(), Map.of("lead_id", Long.toString(leadId)),
                    "audio/x-mulaw"));
            Set<String> echoed = new HashSet<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                echoMarks(socket, stream, echoed);
                return transcript(callSid).size() >= 1; // the greeting was heard
            });

            sendInPieces(socket, stream, spoken, 801); // odd lengths are fine for μ-law
            sendInPieces(socket, stream, silence, 799);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                echoMarks(socket, stream, echoed);
                assertThat(transcript(callSid).findValuesAsString("text")).contains("Yes, this is a good time.");
            });
            assertThat(malformed()).isEqualTo(malformedBefore);
            socket.send(RawMediaSocket.stop(callSid, "callended"));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(Boolean.class).single()).isTrue());
    }

    private static void sendInPieces(RawMediaSocket socket, String stream, byte[] mulaw, int piece) throws Exception {
        for (int offset = 0; offset < mulaw.length; offset += piece) {
            socket.send(RawMediaSocket.media(stream, Arrays.copyOfRange(mulaw, offset, Math.min(mulaw.length,
                    offset + piece))));
        }
    }

    private static void echoMarks(RawMediaSocket socket, String stream, Set<String> echoed) throws Exception {
        for (JsonNode message : socket.received()) {
            String name = message.path("mark").path("name").asString();
            if (message.path("event").asString().equals("mark") && echoed.add(name)) {
                socket.send(RawMediaSocket.mark(stream, name));
            }
        }
    }

    private JsonNode transcript(String callSid) throws Exception {
        String text = jdbc.sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).optional().orElse("[]");
        return json.readTree(text);
    }

    private double malformed() {
        Counter counter = meters.find("vaani.exotel.frames.rejected").tag("reason", "malformed").counter();
        return counter == null ? 0 : counter.count();
    }
}
