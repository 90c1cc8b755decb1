package dev.vaani.speech.sarvam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.vaani.fakes.FakeSarvam;
import dev.vaani.speech.FallbackTextToSpeech;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.SpeechResilience;
import dev.vaani.speech.TextToSpeech;
import dev.vaani.speech.offline.OfflineTextToSpeech;
import dev.vaani.testing.ThreadDump;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SarvamTextToSpeechTest {

    private static final String GREETING = "नमस्ते, मैं प्रिया बोल रही हूँ।";

    private final FakeSarvam fake = new FakeSarvam();
    private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
    private final TextToSpeech.AudioSink sink = pcm -> {
        synchronized (heard) {
            heard.writeBytes(pcm);
        }
    };

    @BeforeEach
    void startFake() {
        fake.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private SarvamSettings settings() {
        return SarvamSettings.of(FakeSarvam.API_KEY).withBaseUrl(fake.baseUrl()).withVoice("bulbul:v3", "priya", "hi-IN");
    }

    private TextToSpeech tts(SarvamSettings settings) {
        return new SarvamTextToSpeech(settings, SpeechResilience.synthesisRetry("sarvam-tts", Duration.ofMillis(10)),
                SpeechResilience.synthesisBreaker("sarvam-tts"));
    }

    private byte[] heard() {
        synchronized (heard) {
            return heard.toByteArray();
        }
    }

    private byte[] sent() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        fake.ttsAudioSent().forEach(all::writeBytes);
        return all.toByteArray();
    }

    private SpeechFailure failureOf(TextToSpeech.Synthesis synthesis) {
        Throwable error = catchThrowable(() -> synthesis.completion().get(10, TimeUnit.SECONDS));
        if (error instanceof TimeoutException) {
            throw new AssertionError("the synthesis neither failed nor finished in 10 s; the fake had "
                    + fake.ttsConnectionCount() + " synthesis connections, texts " + fake.ttsTexts()
                    + ", client close codes " + fake.clientCloseCodes() + "; threads:\n"
                    + ThreadDump.of("sarvam-tts", "gate-", "HttpClient-", "WebSocket"), error);
        }
        assertThat(error).hasCauseInstanceOf(SpeechFailure.class);
        return (SpeechFailure) error.getCause();
    }

    @Test
    void aSentenceBecomesTelephoneAudioDeliveredInTheOrderSarvamSentIt() {
        tts(settings()).synthesize(GREETING, 8000, sink).completion().join();

        assertThat(fake.ttsAudioSent()).hasSizeGreaterThan(3);
        assertThat(heard()).isEqualTo(sent());
        assertThat(fake.ttsTexts()).containsExactly(GREETING);
    }

    @Test
    void theConfigAsksForTheSpeakerLanguageAndTheCallsRateAsRawPcm() {
        tts(settings()).synthesize(GREETING, 8000, sink).completion().join();

        var config = fake.ttsConfigs().getFirst();
        assertThat(config.path("speaker").asString()).isEqualTo("priya");
        assertThat(config.path("target_language_code").asString()).isEqualTo("hi-IN");
        assertThat(config.path("speech_sample_rate").asInt()).isEqualTo(8000);
        assertThat(config.path("output_audio_codec").asString()).isEqualTo("linear16");
        assertThat(fake.lastQuery("/text-to-speech/ws")).containsEntry("model", "bulbul:v3")
                .containsEntry("send_completion_event", "true");
        assertThat(heard()).hasSize(8000 * 2 * GREETING.length() * 40 / 1000);
    }

    @Test
    void anEnglishSentenceIsSpokenInIndianEnglishAndAHinglishOneInHindi() {
        var tts = tts(settings());
        tts.synthesize("Is this a good time to talk?", "en", 8000, sink).completion().join();
        tts.synthesize("Aapka budget kitna hai?", "hinglish", 8000, sink).completion().join();

        assertThat(fake.ttsConfigs()).extracting(config -> config.path("target_language_code").asString())
                .containsExactly("en-IN", "hi-IN");
    }

    @Test
    void sentencesSynthesisedOneAfterAnotherKeepTheirOrder() {
        TextToSpeech tts = tts(settings());
        tts.synthesize("पहला वाक्य।", 8000, sink).completion().join();
        tts.synthesize("दूसरा वाक्य।", 8000, sink).completion().join();

        assertThat(fake.ttsTexts()).containsExactly("पहला वाक्य।", "दूसरा वाक्य।");
        assertThat(heard()).isEqualTo(sent());
    }

    @Test
    void cancelMidSentenceStopsTheAudioAndClosesTheSocketCleanly() {
        fake.ttsChunkInterval(Duration.ofMillis(50));
        TextToSpeech.Synthesis synthesis = tts(settings()).synthesize(GREETING, 8000, sink);
        await().until(() -> heard().length > 0);

        synthesis.cancel();
        int atCancel = heard().length;

        assertThat(synthesis.completion()).isCompleted();
        await().until(() -> fake.clientCloseCodes().contains(1000));
        int chunksAtClose = fake.ttsAudioSent().size();
        await().during(Duration.ofMillis(300)).until(() -> heard().length == atCancel);
        assertThat(fake.ttsAudioSent()).hasSize(chunksAtClose);
        assertThat(atCancel).isLessThan(8000 * 2 * GREETING.length() * 40 / 1000);
        assertThat(fake.messagesAfterClientClose()).isZero();
    }

    @Test
    void cancelWhileTheSocketIsStillOpeningLeavesNoSocketOpen() {
        fake.answerUpgradesAfter(Duration.ofMillis(500)); // a handshake over a long link: a barge-in lands inside it
        TextToSpeech.Synthesis synthesis = tts(settings()).synthesize(GREETING, 8000, sink);
        await().until(() -> fake.ttsUpgradesAsked() == 1);

        synthesis.cancel();

        assertThat(synthesis.completion()).isCompleted();
        await().until(() -> fake.ttsConnectionCount() == 1); // the upgrade is answered after the cancel
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.openTtsSockets() == 0);
        assertThat(fake.ttsTexts()).isEmpty();
        assertThat(heard()).isEmpty();
    }

    @Test
    void aWrongKeyIsUnauthorizedAndNotRetried() {
        SpeechFailure failure = failureOf(tts(SarvamSettings.of("wrong").withBaseUrl(fake.baseUrl()))
                .synthesize(GREETING, 8000, sink));

        assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(failure.getMessage()).contains("403").doesNotContain("wrong");
        assertThat(fake.ttsConnectionCount()).isZero();
    }

    @Test
    void aKeyThatCannotBeSentAsAHeaderFailsAtOnceWithoutShowingIt() {
        SpeechFailure failure = failureOf(tts(SarvamSettings.of("sk-line\nbreak").withBaseUrl(fake.baseUrl()))
                .synthesize(GREETING, 8000, sink));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).doesNotContain("sk-line");
        assertThat(fake.ttsConnectionCount()).isZero();
    }

    @Test
    void anAddressThatIsNoUrlFailsTheSentenceRatherThanLeavingItHanging() {
        SpeechFailure failure = failureOf(tts(SarvamSettings.of(FakeSarvam.API_KEY).withBaseUrl("http://sarvam host"))
                .synthesize(GREETING, 8000, sink));

        assertThat(failure.kind()).isEqualTo(Kind.BAD_REQUEST);
    }

    @ParameterizedTest(name = "HTTP {0} on upgrade -> {1}")
    @CsvSource({"400, BAD_REQUEST", "429, RATE_LIMITED", "500, SERVER_ERROR"})
    void aRefusedUpgradeIsMappedByStatus(int status, Kind kind) {
        fake.rejectUpgrades(status);

        assertThat(failureOf(tts(settings()).synthesize(GREETING, 8000, sink)).kind()).isEqualTo(kind);
        assertThat(heard()).isEmpty();
    }

    @ParameterizedTest(name = "error message {0} -> {1}")
    @CsvSource({"invalid_request_error, BAD_REQUEST", "insufficient_quota_error, UNAUTHORIZED",
            "rate_limit_exceeded_error, RATE_LIMITED", "internal_server_error, SERVER_ERROR"})
    void anErrorMessageIsMappedByCode(String code, Kind kind) {
        fake.ttsError(code, Integer.MAX_VALUE);

        assertThat(failureOf(tts(settings()).synthesize(GREETING, 8000, sink)).kind()).isEqualTo(kind);
    }

    @Test
    void badRequestsAreNotRetriedButRateLimitsAndServerErrorsAreUpToThreeAttempts() {
        fake.ttsError("invalid_request_error", Integer.MAX_VALUE);
        failureOf(tts(settings()).synthesize(GREETING, 8000, sink));
        assertThat(fake.ttsConnectionCount()).isEqualTo(1);

        fake.reset().ttsError("internal_server_error", Integer.MAX_VALUE);
        failureOf(tts(settings()).synthesize(GREETING, 8000, sink));
        assertThat(fake.ttsConnectionCount()).isEqualTo(3);
    }

    @Test
    void aPassingRateLimitIsRetriedAndTheSentenceIsSpokenOnce() {
        fake.ttsError("rate_limit_exceeded_error", 2);

        tts(settings()).synthesize(GREETING, 8000, sink).completion().join();

        assertThat(fake.ttsConnectionCount()).isEqualTo(3);
        assertThat(heard()).isEqualTo(sent());
    }

    @Test
    void aSocketDroppedMidSentenceFailsAsConnectionLostWithoutRepeatingWords() {
        fake.ttsDropAfterChunks(2);

        SpeechFailure failure = failureOf(tts(settings()).synthesize(GREETING, 8000, sink));

        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(fake.ttsConnectionCount()).isEqualTo(1);
        // what was in flight when the socket broke may be lost, but nothing is heard twice or out of order
        assertThat(heard()).isNotEmpty().isEqualTo(java.util.Arrays.copyOf(sent(), heard().length));
    }

    @Test
    void aProviderThatGoesQuietTimesOut() {
        fake.ttsSilent();

        SpeechFailure failure = failureOf(tts(settings().withReadTimeout(Duration.ofMillis(300)))
                .synthesize(GREETING, 8000, sink));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void aRateTheSocketCannotGenerateIsABadRequestWithoutConnecting() {
        SpeechFailure failure = failureOf(tts(settings()).synthesize(GREETING, 44100, sink));

        assertThat(failure.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(fake.ttsConnectionCount()).isZero();
    }

    @Test
    void anOpenCircuitBreakerFailsFastAsUnavailable() {
        CircuitBreaker breaker = CircuitBreaker.of("t", CircuitBreakerConfig.ofDefaults());
        breaker.transitionToOpenState();
        TextToSpeech tts = new SarvamTextToSpeech(settings(), SpeechResilience.synthesisRetry("sarvam-tts", Duration.ofMillis(1)),
                breaker);

        assertThat(failureOf(tts.synthesize(GREETING, 8000, sink)).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(fake.ttsConnectionCount()).isZero();
    }

    @Test
    void whenSarvamFailsBeforeAnyAudioTheOfflineVoiceSpeaksTheSentence() {
        fake.ttsError("internal_server_error", Integer.MAX_VALUE);
        TextToSpeech tts = new FallbackTextToSpeech(tts(settings()), new OfflineTextToSpeech());

        tts.synthesize("Hello, this is Priya.", 8000, sink).completion().join();

        assertThat(heard()).isNotEmpty();
        assertThat(fake.ttsAudioSent()).isEmpty();
    }

    @Test
    void anEmptySentenceCompletesWithoutConnecting() {
        tts(settings()).synthesize(" ", 8000, sink).completion().join();

        assertThat(fake.ttsConnectionCount()).isZero();
        assertThat(heard()).isEmpty();
    }
}
