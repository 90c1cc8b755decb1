package dev.vaani.speech.sarvam;

import static dev.vaani.testing.TestTimers.PROVIDER_TIMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.fakes.FakeSarvam;
import dev.vaani.fakes.Pcm;
import dev.vaani.speech.FallbackSpeechToText;
import dev.vaani.speech.RecordingListener;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.SpeechListener;
import dev.vaani.speech.SpeechStreamSettings;
import dev.vaani.speech.SpeechToText;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SarvamSpeechToTextTest {

    private static final int RATE = 8000;
    private static final String WHITEFIELD = "मुझे व्हाइटफील्ड में टू बीएचके फ्लैट चाहिए";
    private static final String BUDGET = "बजट पचास लाख के आसपास";
    private static final SpeechStreamSettings HINDI_CALL = new SpeechStreamSettings(RATE, "hi", List.of(), "call-1");

    private final FakeSarvam fake = new FakeSarvam();
    private final RecordingListener listener = new RecordingListener();
    private SpeechToText.Stream stream;

    @BeforeEach
    void startFake() {
        fake.start();
    }

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        fake.close();
    }

    private SarvamSettings settings() {
        return SarvamSettings.of(FakeSarvam.API_KEY).withBaseUrl(fake.baseUrl());
    }

    private SpeechToText.Stream open(SarvamSettings settings, SpeechStreamSettings call) {
        stream = new SarvamSpeechToText(settings, PROVIDER_TIMERS).open(call, listener);
        return stream;
    }

    /** 20 ms frames, as the telephony side sends them. */
    private static void feed(SpeechToText.Stream stream, byte[] audio) {
        int frame = RATE / 50 * 2;
        for (int off = 0; off < audio.length; off += frame) {
            stream.sendAudio(audio, off, Math.min(frame, audio.length - off));
        }
    }

    private static void say(SpeechToText.Stream stream) {
        feed(stream, Pcm.speech(Duration.ofMillis(800), RATE));
        feed(stream, Pcm.silence(Duration.ofMillis(700), RATE));
    }

    @Test
    void aHindiUtteranceArrivesAsSpeechStartedThenOneDevanagariFinal() {
        fake.script(WHITEFIELD);
        say(open(settings(), HINDI_CALL));

        listener.awaitFirst(SpeechEvent.Final.class);
        assertThat(listener.events()).containsExactly(new SpeechEvent.SpeechStarted(),
                new SpeechEvent.Final(WHITEFIELD, true));
    }

    @Test
    void transcriptsArriveInTheOrderTheCallerSpoke() {
        fake.script(WHITEFIELD, BUDGET);
        SpeechToText.Stream s = open(settings(), HINDI_CALL);
        say(s);
        say(s);

        await().until(() -> listener.eventsOf(SpeechEvent.Final.class).size() == 2);
        assertThat(listener.eventsOf(SpeechEvent.Final.class)).extracting(SpeechEvent.Final::text)
                .containsExactly(WHITEFIELD, BUDGET);
    }

    @Test
    void aHindiCallAsksForHindiInNativeScriptWithTheKeyInTheHeader() {
        fake.script(WHITEFIELD);
        say(open(settings(), HINDI_CALL));
        listener.awaitFirst(SpeechEvent.Final.class);

        assertThat(fake.lastQuery("/speech-to-text/ws")).containsEntry("language-code", "hi-IN")
                .containsEntry("model", "saaras:v3").containsEntry("mode", "transcribe")
                .containsEntry("sample_rate", "8000").containsEntry("input_audio_codec", "pcm_s16le")
                .containsEntry("vad_signals", "true").containsEntry("flush_signal", "true");
    }

    @Test
    void aHinglishCallGetsCodeMixedOutput() {
        fake.script(new FakeSarvam.Said("मुझे टू बीएचके चाहिए व्हाइटफील्ड में", "मुझे two BHK चाहिए Whitefield में",
                "mujhe two BHK chahiye Whitefield mein"));
        say(open(settings(), new SpeechStreamSettings(RATE, "multi", List.of(), "call-2")));

        assertThat(listener.awaitFirst(SpeechEvent.Final.class).text()).isEqualTo("मुझे two BHK चाहिए Whitefield में");
        assertThat(fake.lastQuery("/speech-to-text/ws")).containsEntry("mode", "codemix")
                .containsEntry("language-code", "hi-IN");
    }

    @Test
    void saarikaIsNotSentAModeItWouldRefuse() {
        fake.script(BUDGET);
        say(open(settings().withStt("saarika:v2.5", null), new SpeechStreamSettings(RATE, "multi", List.of(), "c")));

        assertThat(listener.awaitFirst(SpeechEvent.Final.class).text()).isEqualTo(BUDGET);
        assertThat(fake.lastQuery("/speech-to-text/ws")).doesNotContainKey("mode");
    }

    @Test
    void audioGoesAsBase64JsonInHundredMillisecondChunks() throws Exception {
        say(open(settings(), HINDI_CALL));
        await().until(() -> fake.sttMessages().size() >= 15);

        JsonNode first = new JsonMapper().readTree(fake.sttMessages().getFirst());
        assertThat(first.path("audio").path("encoding").asString()).isEqualTo("audio/wav");
        assertThat(first.path("audio").path("sample_rate").asString()).isEqualTo("8000");
        byte[] pcm = java.util.Base64.getDecoder().decode(first.path("audio").path("data").asString());
        assertThat(pcm).hasSize(RATE * 2 / 10).isEqualTo(java.util.Arrays.copyOf(Pcm.speech(Duration.ofMillis(100), RATE), 1600));
    }

    @Test
    void finalizeUtteranceFlushesSoTheTranscriptComesWithoutWaitingForSilence() {
        fake.script(WHITEFIELD).endOfSpeechAfter(Duration.ofSeconds(30));
        SpeechToText.Stream s = open(settings(), HINDI_CALL);
        feed(s, Pcm.speech(Duration.ofMillis(850), RATE));
        s.finalizeUtterance();

        assertThat(listener.awaitFirst(SpeechEvent.Final.class)).isEqualTo(new SpeechEvent.Final(WHITEFIELD, true));
        assertThat(fake.sttMessages().getLast()).isEqualTo("{\"type\":\"flush\"}");
    }

    @Test
    void anUtteranceWithNoWordsEndsAsUtteranceEnd() {
        say(open(settings(), HINDI_CALL)); // nothing scripted: Sarvam's transcript is ""

        listener.awaitFirst(SpeechEvent.UtteranceEnd.class);
        assertThat(listener.eventsOf(SpeechEvent.Final.class)).isEmpty();
    }

    @Test
    void aWrongKeyIsRefusedWith403AndFailsAsUnauthorized() {
        open(SarvamSettings.of("wrong-key").withBaseUrl(fake.baseUrl()), HINDI_CALL);

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(failure.recoverable()).isFalse();
        assertThat(failure.message()).contains("403").doesNotContain("wrong-key");
    }

    @Test
    void anAddressThatIsNoUrlFailsForGood() {
        open(SarvamSettings.of(FakeSarvam.API_KEY).withBaseUrl("http://sarvam host"), HINDI_CALL);

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(failure.recoverable()).isFalse();
    }

    @Test
    void aKeyThatCannotBeSentAsAHeaderFailsForGoodWithoutShowingIt() {
        open(SarvamSettings.of("sk-line\nbreak").withBaseUrl(fake.baseUrl()), HINDI_CALL);

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(failure.recoverable()).isFalse();
        assertThat(failure.message()).doesNotContain("sk-line");
    }

    @ParameterizedTest(name = "HTTP {0} on upgrade -> {1}, recoverable={2}")
    @CsvSource({"400, BAD_REQUEST, false", "429, RATE_LIMITED, true", "500, SERVER_ERROR, true",
            "503, SERVER_ERROR, true"})
    void aRefusedUpgradeIsMappedByStatus(int status, Kind kind, boolean recoverable) {
        fake.rejectUpgrades(status);
        open(settings(), HINDI_CALL);

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.recoverable()).isEqualTo(recoverable);
    }

    @ParameterizedTest(name = "error message {0} -> {1}, recoverable={2}")
    @CsvSource({"rate_limit_exceeded_error, RATE_LIMITED, true", "internal_server_error, SERVER_ERROR, true",
            "insufficient_quota_error, UNAUTHORIZED, false", "invalid_request_error, BAD_REQUEST, false"})
    void anErrorMessageOnTheOpenSocketIsMappedByCode(String code, Kind kind, boolean recoverable) {
        fake.sttErrorAfterAudio(Duration.ofMillis(300), code);
        say(open(settings(), HINDI_CALL));

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.recoverable()).isEqualTo(recoverable);
        assertThat(listener.eventsOf(SpeechEvent.Failure.class)).hasSize(1);
    }

    @Test
    void aDroppedSocketIsARecoverableConnectionLoss() {
        fake.sttDropAfterAudio(Duration.ofMillis(300));
        say(open(settings(), HINDI_CALL));

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(failure.recoverable()).isTrue();
    }

    @Test
    void aMissingKeyFailsWithoutConnecting() {
        open(SarvamSettings.of("").withBaseUrl(fake.baseUrl()), HINDI_CALL);

        assertThat(listener.awaitFirst(SpeechEvent.Failure.class).kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(fake.sttConnectionCount()).isZero();
    }

    @Test
    void nothingIsDeliveredAfterClose() {
        fake.script(WHITEFIELD);
        SpeechToText.Stream s = open(settings(), HINDI_CALL);
        feed(s, Pcm.speech(Duration.ofMillis(500), RATE));
        listener.awaitFirst(SpeechEvent.SpeechStarted.class);
        s.close();
        feed(s, Pcm.silence(Duration.ofMillis(700), RATE));

        await().during(Duration.ofMillis(300)).until(() -> listener.eventsOf(SpeechEvent.Final.class).isEmpty());
    }

    @Test
    void anOpenCircuitBreakerFailsFastAsUnavailable() {
        CircuitBreaker breaker = CircuitBreaker.of("t", CircuitBreakerConfig.ofDefaults());
        breaker.transitionToOpenState();
        stream = new SarvamSpeechToText(settings(), breaker, PROVIDER_TIMERS).open(HINDI_CALL, listener);

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(fake.sttConnectionCount()).isZero();
    }

    @Test
    void aRefusedKeyHandsTheCallToTheFallbackRecogniser() {
        List<SpeechStreamSettings> fallbackOpened = new CopyOnWriteArrayList<>();
        SpeechToText offline = new SpeechToText() {
            @Override
            public String name() {
                return "offline";
            }

            @Override
            public Stream open(SpeechStreamSettings settings, SpeechListener l) {
                fallbackOpened.add(settings);
                return new Stream() {
                    public void sendAudio(byte[] pcm, int offset, int length) {}
                    public void finalizeUtterance() {}
                    public void close() {}
                };
            }
        };
        SpeechToText stt = new FallbackSpeechToText(
                new SarvamSpeechToText(SarvamSettings.of("wrong-key").withBaseUrl(fake.baseUrl()), PROVIDER_TIMERS), offline);
        stream = stt.open(HINDI_CALL, listener);

        await().until(() -> fallbackOpened.size() == 1);
        assertThat(listener.eventsOf(SpeechEvent.Failure.class)).isEmpty();
        assertThat(stt.name()).isEqualTo("sarvam");
    }

    @Test
    void anUpgradeThatIsNeverAnsweredFailsAsARecoverableTimeout() {
        fake.leaveUpgradesUnanswered();

        open(settings().withConnectTimeout(Duration.ofMillis(300)), HINDI_CALL);

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.recoverable()).isTrue();
    }

    @Test
    void requestsRefusedAsBadDoNotOpenTheBreaker() {
        CircuitBreaker breaker = CircuitBreaker.of("test", CircuitBreakerConfig.custom()
                .minimumNumberOfCalls(2).slidingWindowSize(2).failureRateThreshold(50).build());
        SarvamSpeechToText stt = new SarvamSpeechToText(settings(), breaker, PROVIDER_TIMERS);
        fake.rejectUpgrades(400);

        for (int i = 0; i < 3; i++) {
            RecordingListener attempt = new RecordingListener();
            try (SpeechToText.Stream refused = stt.open(HINDI_CALL, attempt)) {
                assertThat(attempt.awaitFirst(SpeechEvent.Failure.class).kind()).isEqualTo(Kind.BAD_REQUEST);
            }
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Test
    void aFlushAskedForWhileTheSocketOpensGoesAfterTheAudioBeforeIt() {
        fake.script(WHITEFIELD).answerUpgradesAfter(Duration.ofMillis(300));
        SpeechToText.Stream stream = open(settings(), HINDI_CALL);

        feed(stream, Pcm.speech(Duration.ofMillis(800), RATE));
        stream.finalizeUtterance();

        assertThat(listener.awaitFirst(SpeechEvent.Final.class).text()).isEqualTo(WHITEFIELD);
        assertThat(fake.sttMessages()).hasSize(9).last().isEqualTo("{\"type\":\"flush\"}");
    }

    @Test
    void aSarvamThatStopsReadingCostsTheCallNoMoreThanTheLatestAudio() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            fake.script(WHITEFIELD);
            SpeechToText.Stream stream = open(settings(), HINDI_CALL);
            await().until(() -> fake.sttConnectionCount() == 1);
            fake.stopReading();

            feed(stream, Pcm.silence(Duration.ofMinutes(30), RATE)); // far more than the socket's buffers hold

            assertThat(registry.counter("vaani.speech.audio.dropped.bytes", "queue", "sarvam").count()).isPositive();
            fake.resumeReading();
            say(stream);
            stream.finalizeUtterance();
            assertThat(listener.awaitFirst(SpeechEvent.Final.class).text()).isEqualTo(WHITEFIELD);
            assertThat(listener.eventsOf(SpeechEvent.Failure.class)).isEmpty();
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void aSarvamThatStopsAnsweringFailsTheStreamAsARecoverableTimeout() {
        open(settings().withReadTimeout(Duration.ofMillis(600)), HINDI_CALL);
        await().until(() -> fake.sttConnectionCount() == 1);

        fake.stopReading();

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.recoverable()).isTrue();
    }

    @Test
    void aQuietStreamWhoseServerAnswersIsNotTakenForStalled() {
        open(settings().withReadTimeout(Duration.ofMillis(300)), HINDI_CALL);

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> listener.eventsOf(SpeechEvent.Failure.class).isEmpty());
    }
}
