package dev.vaani.simulator;

import dev.vaani.audio.Pcm16;
import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedCallTest {

    private FakeBotServer bot;

    @BeforeEach
    void startBot() throws InterruptedException {
        bot = new FakeBotServer();
    }

    @AfterEach
    void stopBot() throws InterruptedException {
        bot.close();
    }

    static AudioClip callerSpeech(int ms) {
        byte[] silence = new byte[1600];
        byte[] tone = FakeBotServer.tone(ms, 8000);
        byte[] pcm = new byte[silence.length * 2 + tone.length];
        System.arraycopy(tone, 0, pcm, silence.length, tone.length);
        return AudioClip.of("tone-" + ms, 8000, pcm);
    }

    private SimulatorOptions.Builder options() {
        return SimulatorOptions.builder().url(bot.url()).leadId("lead-42").campaignId("camp-7");
    }

    private void greetAndReply() {
        bot.onStart = ws -> {
            bot.sendSpeech(ws, 400, 3200);
            bot.sendMark(ws, "greeting");
        };
        bot.onCallerSpeechEnd = ws -> {
            bot.sendSpeech(ws, 400, 3200);
            bot.sendMark(ws, "reply");
        };
    }

    @Test
    void speaksExotelsWireFormatFromConnectedToStop() {
        greetAndReply();
        Scenario scenario = Scenario.builder("protocol").waitForBotToFinish(200).say(callerSpeech(400))
                .waitForBotToFinish(200).hangUp()
                .expectGreeting().expectBotRepliesAtLeast(1).expectNoChunkViolations().build();

        CallReport report = new SimulatedCall(options().basicAuth("user:secret").build(), scenario).run();

        assertThat(report.failures()).isEmpty();
        assertThat(bot.resource).startsWith("/media?sample-rate=8000&lead_id=lead-42&campaign_id=camp-7");
        assertThat(bot.authorization).isEqualTo("Basic " + Base64.getEncoder().encodeToString("user:secret".getBytes()));

        List<FakeBotServer.Received> all = bot.received;
        assertThat(all.getFirst().json().toString()).isEqualTo("{\"event\":\"connected\"}");
        JsonNode start = all.get(1).json();
        assertThat(start.path("event").asString()).isEqualTo("start");
        assertThat(start.path("sequence_number").asString()).isEqualTo("1");
        JsonNode body = start.path("start");
        assertThat(body.path("stream_sid").asString()).startsWith("MZ").isEqualTo(start.path("stream_sid").asString());
        assertThat(body.path("call_sid").asString()).startsWith("CA");
        assertThat(body.path("from").asString()).isEqualTo("+919876543210");
        assertThat(body.path("custom_parameters").path("lead_id").asString()).isEqualTo("lead-42");
        assertThat(body.path("custom_parameters").path("campaign_id").asString()).isEqualTo("camp-7");
        assertThat(body.path("media_format").path("sample_rate").asString()).isEqualTo("8000");
        assertThat(body.path("media_format").path("encoding").asString()).isEqualTo("audio/x-raw");

        List<FakeBotServer.Received> media = bot.events("media");
        assertThat(media).hasSizeGreaterThan(10);
        for (int i = 0; i < media.size() - 1; i++) { // the last may be short: the caller hung up mid-chunk
            JsonNode m = media.get(i).json();
            assertThat(Base64.getDecoder().decode(m.path("media").path("payload").asString())).hasSize(1600);
            assertThat(m.path("media").path("chunk").asString()).isEqualTo(Integer.toString(i + 1));
            assertThat(m.path("media").path("timestamp").asString()).isEqualTo(Integer.toString((i + 1) * 100));
        }
        JsonNode stop = all.getLast().json();
        assertThat(stop.path("event").asString()).isEqualTo("stop");
        assertThat(stop.path("stop").path("reason").asString()).isEqualTo("callended");
        assertThat(stop.path("stop").path("call_sid").asString()).isEqualTo(body.path("call_sid").asString());
        List<Integer> sequence = all.stream().skip(1).map(r -> r.json().path("sequence_number").asInt()).toList();
        assertThat(sequence).isSorted().doesNotHaveDuplicates();

        assertThat(bot.echoedMarks()).containsExactly("greeting", "reply");
        assertThat(report.utterances()).hasSize(2).allSatisfy(u -> assertThat(u.silent()).isFalse());
        assertThat(report.utterances().getFirst().audio()).hasSize(6400);
        assertThat(report.turns()).singleElement().satisfies(t -> {
            assertThat(t.latencyReceivedMs()).isPresent();
            assertThat(t.latencyPlayedMs()).isPresent();
            assertThat(t.bargeIn()).isFalse();
        });
        assertThat(report.serverClosed()).isFalse();
        assertThat(report.chunkViolations()).isZero();
        assertThat(report.malformedMessages()).isZero();
    }

    @Test
    void camelCaseOptionRenamesKeys() {
        Scenario scenario = Scenario.builder("camel").pause(200).hangUp().build();
        new SimulatedCall(options().camelCaseKeys(true).build(), scenario).run();
        JsonNode start = bot.events("start").getFirst().json();
        assertThat(start.has("streamSid")).isTrue();
        assertThat(start.path("start").path("customParameters").path("lead_id").asString()).isEqualTo("lead-42");
        assertThat(start.path("start").path("mediaFormat").path("sampleRate").asString()).isEqualTo("8000");
    }

    @Test
    void echoesAMarkOnlyAfterItsAudioHasPlayed() {
        bot.onStart = ws -> {
            bot.sendSpeech(ws, 1000, 3200);
            bot.sendMark(ws, "one-second");
        };
        Scenario scenario = Scenario.builder("mark").waitForBotToFinish(100).hangUp().build();

        CallReport report = new SimulatedCall(options().build(), scenario).run();

        FakeBotServer.Received echo = bot.events("mark").getFirst();
        long heldNanos = echo.nanos() - bot.markSentNanos.get("one-second");
        // The audio cannot have played faster than real time, so the echo is at least its length after it was sent.
        assertThat(Duration.ofNanos(heldNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(report.marksEchoed()).isEqualTo(1);
        assertThat(report.utterances()).singleElement().satisfies(u -> assertThat(u.audio()).hasSize(16000));
    }

    @Test
    void clearDropsQueuedAudioAndMeasuresTheBargeIn() {
        bot.onStart = ws -> {
            bot.sendSpeech(ws, 4000, 3200);
            bot.sendMark(ws, "long");
        };
        bot.onCallerSpeechStart = ws -> bot.sendClear(ws);
        Scenario scenario = Scenario.builder("barge-in").bargeIn(500, callerSpeech(400)).pause(300).hangUp()
                .expectBargeInCleared().build();

        CallReport report = new SimulatedCall(options().build(), scenario).run();

        assertThat(report.failures()).isEmpty();
        assertThat(report.clearsReceived()).isEqualTo(1);
        CallReport.BotUtterance first = report.utterances().getFirst();
        assertThat(first.interrupted()).isTrue();
        assertThat(first.audio().length).isLessThan(64000);
        assertThat(report.turns()).singleElement().satisfies(t -> {
            assertThat(t.bargeIn()).isTrue();
            assertThat(t.bargeInReactionMs()).isPresent();
        });
        assertThat(bot.echoedMarks()).containsExactly("long"); // echoed on clear, like Twilio
    }

    @Test
    void canDropPendingMarksOnClearInstead() {
        bot.onStart = ws -> {
            bot.sendSpeech(ws, 4000, 3200);
            bot.sendMark(ws, "long");
        };
        bot.onCallerSpeechStart = ws -> bot.sendClear(ws);
        Scenario scenario = Scenario.builder("barge-in").bargeIn(500, callerSpeech(400)).pause(300).hangUp().build();

        CallReport report = new SimulatedCall(options().echoMarksOnClear(false).build(), scenario).run();

        assertThat(report.clearsReceived()).isEqualTo(1);
        assertThat(bot.echoedMarks()).isEmpty();
    }

    @Test
    void countsChunkRuleViolationsAndMalformedMessages() {
        bot.onStart = ws -> {
            bot.sendMedia(ws, new byte[4096]);
            bot.sendMedia(ws, new byte[3200]);
            ws.send("{\"event\":\"hangup\"}");
            ws.send("not json");
            bot.sendMark(ws, "end");
        };
        Scenario scenario = Scenario.builder("violations").waitForBotToFinish(100).hangUp()
                .expectNoChunkViolations().build();

        CallReport report = new SimulatedCall(options().build(), scenario).run();

        assertThat(report.chunkViolations()).isEqualTo(1);
        assertThat(report.chunkViolationExamples()).singleElement().asString().contains("4096", "320");
        assertThat(report.malformedMessages()).isEqualTo(2);
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().asString().contains("size rules");
    }

    @Test
    void notesWhenTheServerHangsUp() {
        bot.onStart = ws -> {
            bot.sendSpeech(ws, 400, 3200);
            bot.sendMark(ws, "bye");
        };
        bot.onCallerSpeechEnd = ws -> ws.close(1000, "done");
        Scenario scenario = Scenario.builder("bot hangs up").waitForBotToFinish(100).say(callerSpeech(300))
                .expectServerHangsUp().build();

        CallReport report = new SimulatedCall(options().build(), scenario).run();

        assertThat(report.failures()).isEmpty();
        assertThat(report.serverClosed()).isTrue();
        assertThat(report.closeCode()).hasValue(1000);
        assertThat(bot.events("stop")).isEmpty();
    }

    @Test
    void aServerThatDiesMidCallIsALostConnectionNotAHangUp() {
        bot.onStart = ws -> {
            bot.sendSpeech(ws, 400, 3200);
            bot.sendMark(ws, "greeting");
        };
        // the server process dies: the socket ends with no close frame, as after kill -9
        bot.onCallerSpeechEnd = ws -> ((org.java_websocket.WebSocketImpl) ws).closeConnection(1006, "server died");
        Scenario scenario = Scenario.builder("server dies").waitForBotToFinish(100).say(callerSpeech(300))
                .expectServerHangsUp().build();

        CallReport report = new SimulatedCall(options().build(), scenario).run();

        assertThat(report.connectionLost()).isTrue();
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).anySatisfy(f -> assertThat(f).contains("connection", "lost"));
        java.io.StringWriter printed = new java.io.StringWriter();
        ReportPrinter.print(report, new java.io.PrintWriter(printed, true));
        assertThat(printed.toString()).contains("connection lost", "ended by a lost connection", "FAIL")
                .doesNotContain("hung up");
    }

    @Test
    void recordsCallerLeftAndBotRight(@TempDir Path dir) throws Exception {
        greetAndReply();
        Path wav = dir.resolve("call.wav");
        Scenario scenario = Scenario.builder("recording").waitForBotToFinish(200).say(callerSpeech(400))
                .waitForBotToFinish(200).hangUp().build();

        CallReport report = new SimulatedCall(options().recording(wav).build(), scenario).run();

        Wav.WavAudio audio = Wav.parse(Files.readAllBytes(wav), "call.wav");
        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.sampleRate()).isEqualTo(8000);
        byte[] left = channel(audio.data(), 0);
        byte[] right = channel(audio.data(), 1);
        assertThat(Pcm16.rms(left)).isGreaterThan(300);
        assertThat(Pcm16.rms(right)).isGreaterThan(300);
        long botMs = report.utterances().getFirst().startMs();
        byte[] greeting = report.utterances().getFirst().audio();
        // Report times are whole milliseconds, so the greeting starts within 8 samples (16 bytes) of startMs.
        boolean aligned = java.util.stream.IntStream.range(0, 9).map(k -> (int) (botMs * 16) + k * 2)
                .anyMatch(at -> java.util.Arrays.equals(right, at, at + greeting.length, greeting, 0, greeting.length));
        assertThat(aligned).as("greeting found in the right channel at %d ms", botMs).isTrue();
    }

    private static byte[] channel(byte[] stereo, int channel) {
        byte[] out = new byte[stereo.length / 2];
        for (int i = 0; i < out.length / 2; i++) {
            out[i * 2] = stereo[i * 4 + channel * 2];
            out[i * 2 + 1] = stereo[i * 4 + channel * 2 + 1];
        }
        return out;
    }
}
