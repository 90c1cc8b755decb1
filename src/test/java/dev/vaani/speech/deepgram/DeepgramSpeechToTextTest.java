package dev.vaani.speech.deepgram;

import static dev.vaani.testing.TestTimers.PROVIDER_TIMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.fakes.FakeDeepgram;
import dev.vaani.fakes.Pcm;
import dev.vaani.speech.RecordingListener;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.SpeechStreamSettings;
import dev.vaani.speech.SpeechToText;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeepgramSpeechToTextTest {

    private static final int RATE = 8000;
    private static final SpeechStreamSettings CALL =
            new SpeechStreamSettings(RATE, "en-IN", List.of("BHK", "Whitefield"), "call-1");

    private final FakeDeepgram fake = new FakeDeepgram();
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

    private DeepgramSettings settings() {
        return DeepgramSettings.of(FakeDeepgram.API_KEY).withBaseUrl(fake.baseUrl());
    }

    private SpeechToText.Stream open(DeepgramSettings settings) {
        stream = new DeepgramSpeechToText(settings, PROVIDER_TIMERS).open(CALL, listener);
        return stream;
    }

    /** Sends audio in 20 ms frames, as the telephony side does. */
    private static void feed(SpeechToText.Stream stream, byte[] audio) {
        int frame = RATE / 50 * 2;
        for (int off = 0; off < audio.length; off += frame) {
            stream.sendAudio(audio, off, Math.min(frame, audio.length - off));
        }
    }

    private static byte[] speech(int ms) {
        return Pcm.speech(Duration.ofMillis(ms), RATE);
    }

    private static byte[] silence(int ms) {
        return Pcm.silence(Duration.ofMillis(ms), RATE);
    }

    @Test
    void speechYieldsSpeechStartedThenGrowingInterimsThenAFinalMarkedEndOfSpeech() {
        fake.script("I want a 2 BHK in Whitefield");
        open(settings());
        feed(stream, speech(1500));
        feed(stream, silence(400));

        listener.awaitFirst(SpeechEvent.Final.class);
        List<SpeechEvent> events = listener.events();
        assertThat(events.getFirst()).isEqualTo(new SpeechEvent.SpeechStarted());
        assertThat(events.getLast()).isEqualTo(new SpeechEvent.Final("I want a 2 BHK in Whitefield", true));
        List<String> interims = listener.eventsOf(SpeechEvent.Interim.class).stream()
                .map(SpeechEvent.Interim::text).toList();
        assertThat(interims).isNotEmpty().startsWith("I").allSatisfy(
                text -> assertThat("I want a 2 BHK in Whitefield").startsWith(text));
        assertThat(events.indexOf(events.getLast())).isGreaterThan(events.indexOf(listener.eventsOf(
                SpeechEvent.Interim.class).getLast()));
    }

    @Test
    void audioSentBeforeTheSocketOpensIsDeliveredOnceConnected() {
        fake.script("hello");
        byte[] audio = speech(500);
        open(settings());
        stream.sendAudio(audio, 0, audio.length);

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.receivedAudioBytes() == audio.length);
    }

    @Test
    void aLongSilenceAfterTheFinalYieldsUtteranceEnd() {
        fake.script("yes");
        open(settings());
        feed(stream, speech(600));
        feed(stream, silence(1400));

        listener.awaitFirst(SpeechEvent.UtteranceEnd.class);
        assertThat(listener.events().getLast()).isEqualTo(new SpeechEvent.UtteranceEnd());
        assertThat(listener.events()).contains(new SpeechEvent.Final("yes", true));
    }

    @Test
    void keepAliveIsSentWhileNoAudioFlows() {
        open(settings().withKeepAliveInterval(Duration.ofMillis(100)));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.receivedTextMessages().contains("{\"type\":\"KeepAlive\"}"));
    }

    @Test
    void finalizeUtteranceFlushesTheCurrentSpeechAsAFinal() {
        fake.script("call me tomorrow");
        open(settings());
        feed(stream, speech(700));
        listener.awaitFirst(SpeechEvent.Interim.class);

        stream.finalizeUtterance();

        assertThat(listener.awaitFirst(SpeechEvent.Final.class)).isEqualTo(new SpeechEvent.Final("call me tomorrow", false));
        assertThat(fake.receivedTextMessages()).contains("{\"type\":\"Finalize\"}");
    }

    @Test
    void aFinalizeWithNoWordsToFlushIsAnsweredWithAnEmptyFinal() {
        open(settings());
        feed(stream, silence(500));
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.receivedAudioBytes() > 0);

        stream.finalizeUtterance();

        assertThat(listener.awaitFirst(SpeechEvent.Final.class)).isEqualTo(new SpeechEvent.Final("", true));
    }

    @Test
    void theUpgradeRequestCarriesTheStreamingParametersAndKeyterms() {
        open(settings());
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.connectionCount() == 1);

        String query = fake.upgradeTargets().getFirst().getRawQuery();
        assertThat(query).contains("model=nova-3", "language=en-IN", "encoding=linear16", "sample_rate=8000",
                "channels=1", "interim_results=true", "endpointing=300", "utterance_end_ms=1000", "vad_events=true",
                "keyterm=BHK", "keyterm=Whitefield");
    }

    @Test
    void closeSendsCloseStreamAndSilencesTheListener() {
        fake.script("one", "two");
        open(settings());
        feed(stream, speech(500));
        listener.awaitFirst(SpeechEvent.SpeechStarted.class);

        stream.close();
        int seen = listener.events().size();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.receivedTextMessages().contains("{\"type\":\"CloseStream\"}"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> listener.events().size() == seen);
    }

    @Test
    void aRejectedKeyFailsAsUnauthorizedWithDeepgramsReason() {
        fake.rejectUpgrades(401);
        open(settings());

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(failure.recoverable()).isFalse();
        assertThat(failure.message()).contains("401", "Rejected by test knob").doesNotContain(FakeDeepgram.API_KEY);
    }

    @Test
    void anAddressThatIsNoUrlFailsForGood() {
        open(DeepgramSettings.of(FakeDeepgram.API_KEY).withBaseUrl("http://deep gram"));

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(failure.recoverable()).isFalse();
    }

    @Test
    void aKeyThatCannotBeSentAsAHeaderFailsForGoodWithoutShowingIt() {
        open(DeepgramSettings.of("dg-line\nbreak").withBaseUrl(fake.baseUrl()));

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(failure.recoverable()).isFalse();
        assertThat(failure.message()).doesNotContain("dg-line");
    }

    @ParameterizedTest
    @CsvSource({"403, UNAUTHORIZED, false", "429, RATE_LIMITED, true", "503, SERVER_ERROR, true",
            "400, BAD_REQUEST, false"})
    void aRejectedUpgradeIsMappedByStatus(int status, Kind kind, boolean recoverable) {
        fake.rejectUpgrades(status);
        open(settings());

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.recoverable()).isEqualTo(recoverable);
    }

    @Test
    void aMissingApiKeyFailsWithoutConnecting() {
        open(DeepgramSettings.of(" ").withBaseUrl(fake.baseUrl()));

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(failure.recoverable()).isFalse();
        assertThat(fake.connectionCount()).isZero();
    }

    @Test
    void aNet0001CloseIsARecoverableConnectionLoss() {
        fake.closeWithNet0001AfterAudio(Duration.ofMillis(200));
        open(settings());
        feed(stream, silence(400));

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(failure.recoverable()).isTrue();
        assertThat(failure.message()).contains("1011", "net0001");
    }

    @Test
    void anAbruptDropIsARecoverableConnectionLoss() {
        fake.dropConnectionAfterAudio(Duration.ofMillis(200));
        open(settings());
        feed(stream, silence(400));

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(failure.recoverable()).isTrue();
    }

    @Test
    void nothingIsDeliveredAfterAFailure() {
        fake.script("late words");
        fake.closeWithNet0001AfterAudio(Duration.ofMillis(100));
        open(settings());
        feed(stream, silence(200));
        listener.awaitFirst(SpeechEvent.Failure.class);

        feed(stream, speech(600));
        feed(stream, silence(400));

        assertThat(listener.events()).hasSize(1);
    }

    @Test
    void anOpenCircuitBreakerFailsFastAsUnavailable() {
        CircuitBreaker breaker = CircuitBreaker.of("test", CircuitBreakerConfig.custom()
                .minimumNumberOfCalls(2).slidingWindowSize(2).failureRateThreshold(50).build());
        DeepgramSpeechToText stt = new DeepgramSpeechToText(settings(), breaker, PROVIDER_TIMERS);
        fake.rejectUpgrades(503);
        for (int i = 0; i < 2; i++) {
            RecordingListener attempt = new RecordingListener();
            try (SpeechToText.Stream failing = stt.open(CALL, attempt)) {
                attempt.awaitFirst(SpeechEvent.Failure.class);
            }
        }
        fake.acceptUpgrades();

        stream = stt.open(CALL, listener);

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void anUpgradeThatIsNeverAnsweredFailsAsARecoverableTimeout() {
        fake.leaveUpgradesUnanswered();

        open(settings().withConnectTimeout(Duration.ofMillis(300)));

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.recoverable()).isTrue();
    }

    @Test
    void requestsRefusedAsBadDoNotOpenTheBreaker() {
        CircuitBreaker breaker = CircuitBreaker.of("test", CircuitBreakerConfig.custom()
                .minimumNumberOfCalls(2).slidingWindowSize(2).failureRateThreshold(50).build());
        DeepgramSpeechToText stt = new DeepgramSpeechToText(settings(), breaker, PROVIDER_TIMERS);
        fake.rejectUpgrades(400);

        for (int i = 0; i < 3; i++) {
            RecordingListener attempt = new RecordingListener();
            try (SpeechToText.Stream refused = stt.open(CALL, attempt)) {
                assertThat(attempt.awaitFirst(SpeechEvent.Failure.class).kind()).isEqualTo(Kind.BAD_REQUEST);
            }
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Test
    void aFinalizeAskedForWhileTheSocketOpensGoesAfterTheAudioBeforeIt() {
        fake.script("two BHK in Whitefield").answerUpgradesAfter(Duration.ofMillis(300));
        open(settings());

        feed(stream, speech(600));
        stream.finalizeUtterance();

        assertThat(listener.awaitFirst(SpeechEvent.Final.class).text()).isEqualTo("two BHK in Whitefield");
    }

    @Test
    void aDeepgramThatStopsReadingCostsTheCallNoMoreThanTheLatestAudio() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            fake.script("two BHK in Whitefield");
            open(settings());
            await().until(() -> !fake.upgradeTargets().isEmpty());
            fake.stopReading();

            feed(stream, silence(30 * 60_000)); // far more than the socket's buffers hold

            assertThat(registry.counter("vaani.speech.audio.dropped.bytes", "queue", "deepgram").count()).isPositive();
            fake.resumeReading();
            feed(stream, speech(600));
            stream.finalizeUtterance();
            assertThat(listener.awaitFirst(SpeechEvent.Final.class).text()).isEqualTo("two BHK in Whitefield");
            assertThat(listener.eventsOf(SpeechEvent.Failure.class)).isEmpty();
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void aDeepgramThatStopsAnsweringFailsTheStreamAsARecoverableTimeout() {
        open(settings().withStallTimeout(Duration.ofMillis(600)));
        await().until(() -> !fake.upgradeTargets().isEmpty());

        fake.stopReading();

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.recoverable()).isTrue();
    }

    @Test
    void aQuietStreamWhoseServerAnswersIsNotTakenForStalled() {
        open(settings().withStallTimeout(Duration.ofMillis(300)));

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> listener.eventsOf(SpeechEvent.Failure.class).isEmpty());
    }
}
