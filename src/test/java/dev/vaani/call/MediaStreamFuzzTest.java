package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.clip;
import static dev.vaani.call.CallTestSupport.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.ScriptedSpeechToText;
import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A second /media stream full of malformed and out-of-order frames, sent while a healthy call is in progress: every
 * bad frame is dropped and counted, an oversized frame closes only its own socket, and the healthy call and the
 * server carry on as if nothing happened.
 */
class MediaStreamFuzzTest extends VaaniIntegrationTest {

    private static final String REJECTED = "vaani.exotel.frames.rejected";

    @Autowired
    ScriptedSpeechToText recogniser;

    @Autowired
    MeterRegistry meters;

    @Autowired
    LiveCalls liveCalls;

    @Test
    void malformedFramesOnOneStreamNeverDisturbAHealthyCall() throws Exception {
        long leadId = insertLead("Asha Rao", uniquePhone());
        recogniser.hears("Yes, this is a good time.", "I am looking for a two BHK apartment.");
        Scenario scenario = Scenario.builder("healthy call beside a fuzzer")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .say(clip("two-bhk.wav"))
                .waitForBotToFinish(800)
                .hangUp()
                .timeout(Duration.ofSeconds(90))
                .expectGreeting()
                .expectBotRepliesAtLeast(2)
                .expectNoChunkViolations()
                .build();
        String healthySid = "fuzz-healthy-" + UUID.randomUUID();
        double malformedBefore = rejected("malformed");
        double outOfOrderBefore = rejected("out_of_order");

        try (ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<CallReport> healthy = CompletableFuture.supplyAsync(() -> new SimulatedCall(
                    SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media").leadId(Long.toString(leadId))
                            .callSid(healthySid).build(), scenario).run(), runner);
            await().atMost(Duration.ofSeconds(15)).until(() -> liveCalls.liveCount() >= 1);

            String fuzzSid = "fuzz-bad-" + UUID.randomUUID();
            String stream = "MZfuzz";
            List<String> malformed = List.of(
                    "{not json",
                    "[1,2,3]",
                    "{\"event\":42}",
                    "{\"stream_sid\":\"MZfuzz\"}",
                    "{\"event\":\"hangup\",\"stream_sid\":\"MZfuzz\"}",
                    "{\"event\":\"media\",\"stream_sid\":\"MZfuzz\",\"media\":{\"payload\":\"!!not base64!!\"}}",
                    "{\"event\":\"media\",\"stream_sid\":\"MZfuzz\",\"media\":{\"payload\":42}}",
                    "{\"event\":\"media\",\"sequence_number\":123456789012345678901234567890,\"media\":{\"payload\":\"AAAAAA==\"}}",
                    "{\"event\":\"media\",\"media\":{\"chunk\":\"99999999999999999999\",\"payload\":\"AAAAAA==\"}}",
                    "{\"event\":\"media\",\"media\":{\"timestamp\":1e400,\"payload\":\"AAAAAA==\"}}",
                    "{\"event\":\"dtmf\",\"stream_sid\":\"MZfuzz\",\"dtmf\":{}}",
                    "{\"event\":\"mark\",\"stream_sid\":\"MZfuzz\"}",
                    "{\"event\":\"media\"} trailing");
            String start = RawMediaSocket.start(fuzzSid, stream, uniquePhone(), Map.of(), "audio/x-raw");
            try (RawMediaSocket fuzz = new RawMediaSocket(RawMediaSocket.uri(port, "sample-rate=8000"))) {
                fuzz.send(RawMediaSocket.media(stream, new byte[320])); // media before start
                fuzz.send(RawMediaSocket.mark(stream, "u0"));            // mark before start
                fuzz.send(RawMediaSocket.connected());
                for (String frame : malformed.subList(0, 5)) {
                    fuzz.send(frame);
                }
                fuzz.send(start);
                for (String frame : malformed.subList(5, malformed.size())) {
                    fuzz.send(frame);
                }
                fuzz.send(RawMediaSocket.connected()); // connected after start
                fuzz.send(start);                      // start twice
                fuzz.send(RawMediaSocket.media(stream, new byte[640])); // a legal frame in between
                fuzz.send(RawMediaSocket.stop(fuzzSid, "callended"));
                fuzz.send(RawMediaSocket.media(stream, new byte[320])); // events after stop
                fuzz.send(RawMediaSocket.mark(stream, "u0"));
                fuzz.send(RawMediaSocket.stop(fuzzSid, "callended"));

                int outOfOrder = 2 + 2 + 3;
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(rejected("malformed") - malformedBefore).isEqualTo(malformed.size());
                    assertThat(rejected("out_of_order") - outOfOrderBefore).isEqualTo(outOfOrder);
                });
                assertThat(fuzz.closeCode()).isNotDone();

                String oversized = "{\"event\":\"media\",\"stream_sid\":\"MZfuzz\",\"media\":{\"payload\":\""
                        + "A".repeat(300_000) + "\"}}";
                fuzz.sendQuietly(oversized);
                assertThat(fuzz.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(1009);
            }
            assertThat(healthy).isNotDone(); // the healthy call was still going when the fuzzer was cut off

            CallReport report = healthy.get(2, TimeUnit.MINUTES);
            assertThat(report.failures()).withFailMessage(() -> "healthy call failed: " + describe(report)).isEmpty();
            assertThat(report.malformedMessages()).isZero();
            assertThat(report.serverClosed()).isFalse();
            assertThat(report.utterances()).hasSizeGreaterThanOrEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc
                    .sql("SELECT ended_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(fuzzSid)
                    .query(Boolean.class).single()).isTrue());
        }

        // and the server still takes new calls
        recogniser.hears("Yes, this is a good time.");
        CallReport after = new SimulatedCall(SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media")
                .build(), Scenario.builder("a call after the fuzzing").waitForBotToFinish(500).hangUp()
                .timeout(Duration.ofSeconds(30)).expectGreeting().build()).run();
        assertThat(after.failures()).withFailMessage(() -> describe(after)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> liveCalls.liveCount() == 0);
    }

    private double rejected(String reason) {
        Counter counter = meters.find(REJECTED).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
