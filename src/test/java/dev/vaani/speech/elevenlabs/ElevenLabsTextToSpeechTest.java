package dev.vaani.speech.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.fakes.FakeElevenLabs;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.SpeechResilience;
import dev.vaani.speech.TextToSpeech;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElevenLabsTextToSpeechTest {

    private static final String SENTENCE = "Namaste, I am calling about your flat enquiry.";

    private final FakeElevenLabs fake = new FakeElevenLabs();
    private final List<byte[]> chunks = new CopyOnWriteArrayList<>();
    private ElevenLabsTextToSpeech tts;

    @BeforeEach
    void start() {
        fake.start();
        tts = tts(ElevenLabsSettings.of(FakeElevenLabs.API_KEY));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private ElevenLabsTextToSpeech tts(ElevenLabsSettings settings) {
        return new ElevenLabsTextToSpeech(settings.withBaseUrl(fake.baseUrl()),
                SpeechResilience.synthesisRetry("elevenlabs", Duration.ofMillis(5)),
                SpeechResilience.synthesisBreaker("elevenlabs"));
    }

    private TextToSpeech.Synthesis say(String text, int rate) {
        return tts.synthesize(text, rate, chunks::add);
    }

    private byte[] received() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        return all.toByteArray();
    }

    private static SpeechFailure failureOf(TextToSpeech.Synthesis synthesis) {
        try {
            synthesis.completion().join();
        } catch (CompletionException e) {
            return (SpeechFailure) e.getCause();
        }
        throw new AssertionError("synthesis succeeded");
    }

    @Test
    void aKeyThatCannotBeSentAsAHeaderFailsTheSentenceWithoutThrowingOrShowingIt() {
        TextToSpeech.Synthesis synthesis = tts(ElevenLabsSettings.of("xi-line\nbreak")).synthesize(SENTENCE, 8000,
                chunks::add);

        SpeechFailure failure = failureOf(synthesis);
        assertThat(failure.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(failure.getMessage()).doesNotContain("xi-line");
    }

    @Test
    void anAddressThatIsNoUrlFailsTheSentenceWithoutThrowing() {
        var broken = new ElevenLabsTextToSpeech(ElevenLabsSettings.of(FakeElevenLabs.API_KEY)
                .withBaseUrl("http://eleven labs"), SpeechResilience.synthesisRetry("elevenlabs", Duration.ofMillis(5)),
                SpeechResilience.synthesisBreaker("elevenlabs"));

        assertThat(failureOf(broken.synthesize(SENTENCE, 8000, chunks::add)).kind()).isEqualTo(Kind.BAD_REQUEST);
    }

    @Test
    void streamsTheWholeSentenceInOrderAtTheCallsRate() {
        say(SENTENCE, 8000).completion().join();

        assertThat(received()).isEqualTo(FakeElevenLabs.audioFor(SENTENCE, 8000));
        assertThat(chunks).hasSizeGreaterThan(1);
    }

    @Test
    void requestsTheCallsRateVoiceModelAndKey() {
        say("Hello.", 16000).completion().join();

        FakeElevenLabs.Request request = fake.requests().getFirst();
        assertThat(request.sampleRate()).isEqualTo(16000);
        assertThat(request.voiceId()).isEqualTo("21m00Tcm4TlvDq8ikWAM");
        assertThat(request.body().get("model_id").asString()).isEqualTo("eleven_flash_v2_5");
        assertThat(request.body().get("text").asString()).isEqualTo("Hello.");
    }

    @Test
    void everyChunkHoldsWholeSamplesEvenWhenTheServerSplitsThemOddly() {
        fake.chunkBytes(333);

        say(SENTENCE, 8000).completion().join();

        assertThat(chunks).isNotEmpty().allSatisfy(chunk -> assertThat(chunk.length % 2).isZero());
    }

    @Test
    void cancelStopsDeliveryAtOnceAndCompletesNormally() {
        fake.chunkBytes(320).delayBetweenChunks(Duration.ofMillis(30));
        TextToSpeech.Synthesis synthesis = say(SENTENCE, 8000);
        await().atMost(Duration.ofSeconds(10)).until(() -> !chunks.isEmpty());

        synthesis.cancel();
        int delivered = chunks.size();

        assertThat(synthesis.completion()).isCompleted().isNotCompletedExceptionally();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> chunks.size() == delivered);
        assertThat(received().length).isLessThan(FakeElevenLabs.audioFor(SENTENCE, 8000).length);
    }

    @ParameterizedTest
    @CsvSource({
            "401, UNAUTHORIZED, Invalid API key",
            "429, RATE_LIMITED, too_many_concurrent_requests",
            "500, SERVER_ERROR, Something went wrong",
            "422, BAD_REQUEST, field required"})
    void providerErrorsAreTypedAndCarryTheProvidersMessage(int status, Kind kind, String message) {
        fake.failAllRequests(status);

        SpeechFailure failure = failureOf(say(SENTENCE, 8000));

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.getMessage()).contains(String.valueOf(status), message)
                .doesNotContain(FakeElevenLabs.API_KEY);
        assertThat(chunks).isEmpty();
    }

    @Test
    void aWrongKeyIsUnauthorizedAndNotRetried() {
        tts = tts(ElevenLabsSettings.of("wrong-key"));

        assertThat(failureOf(say(SENTENCE, 8000)).kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void aServerErrorBeforeAnyAudioIsRetried() {
        fake.failNextRequest(500);

        say(SENTENCE, 8000).completion().join();

        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(received()).isEqualTo(FakeElevenLabs.audioFor(SENTENCE, 8000));
    }

    @Test
    void retriesStopAfterTwo() {
        fake.failAllRequests(503);

        assertThat(failureOf(say(SENTENCE, 8000)).kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(fake.requestCount()).isEqualTo(3);
    }

    @Test
    void aBodyCutAfterAudioStartedIsAConnectionLossWithoutRetry() {
        fake.chunkBytes(400).cutBodyAfter(1200);

        SpeechFailure failure = failureOf(say(SENTENCE, 8000));

        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(received()).hasSize(1200);
    }

    @Test
    void anUnsupportedRateIsABadRequestWithoutCallingTheProvider() {
        assertThat(failureOf(say(SENTENCE, 11025)).kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(fake.requestCount()).isZero();
    }
}
