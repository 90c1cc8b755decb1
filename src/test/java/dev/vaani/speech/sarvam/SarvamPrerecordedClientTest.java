package dev.vaani.speech.sarvam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vaani.fakes.FakeSarvam;
import dev.vaani.fakes.FakeSarvamRest;
import dev.vaani.fakes.Pcm;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.SpeechStreamSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SarvamPrerecordedClientTest {

    private static final SpeechStreamSettings HINGLISH = new SpeechStreamSettings(8000, "multi", List.of(), "c");
    private static final byte[] UTTERANCE = Pcm.speech(Duration.ofMillis(500), 8000);

    private final FakeSarvamRest fake = new FakeSarvamRest();

    @AfterEach
    void stop() {
        fake.close();
    }

    private SarvamPrerecordedClient client(String key) {
        return new SarvamPrerecordedClient(SarvamSettings.of(key).withBaseUrl(fake.baseUrl()));
    }

    @Test
    void aBufferedUtteranceIsSentAsWavAndItsTranscriptReturned() {
        fake.transcript("ढाई करोड़ का बजट है");

        assertThat(client(FakeSarvam.API_KEY).transcribe(UTTERANCE, HINGLISH)).isEqualTo("ढाई करोड़ का बजट है");
        String body = fake.bodies().getFirst();
        assertThat(body).contains("name=\"model\"\r\n\r\nsaaras:v3", "name=\"language_code\"\r\n\r\nhi-IN",
                "name=\"mode\"\r\n\r\ncodemix", "RIFF", "WAVE");
    }

    @Test
    void aKeyThatCannotBeSentAsAHeaderIsABadRequestThatDoesNotShowIt() {
        SpeechFailure failure = catchThrowableOfType(SpeechFailure.class,
                () -> client("sk-line\nbreak").transcribe(UTTERANCE, HINGLISH));

        assertThat(failure.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(failure.getMessage()).doesNotContain("sk-line");
    }

    @Test
    void aWrongKeyIsUnauthorized() {
        SpeechFailure failure = catchThrowableOfType(SpeechFailure.class,
                () -> client("wrong").transcribe(UTTERANCE, HINGLISH));

        assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(failure.getMessage()).contains("403", "invalid_api_key_error");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"429, rate_limit_exceeded_error, RATE_LIMITED", "429, insufficient_quota_error, UNAUTHORIZED",
            "400, invalid_request_error, BAD_REQUEST", "500, internal_server_error, SERVER_ERROR",
            "503, internal_server_error, SERVER_ERROR"})
    void errorsAreMappedByStatusAndCode(int status, String code, Kind kind) {
        fake.fail(status, code);

        SpeechFailure failure = catchThrowableOfType(SpeechFailure.class,
                () -> client(FakeSarvam.API_KEY).transcribe(UTTERANCE, HINGLISH));

        assertThat(failure.kind()).isEqualTo(kind);
    }
}
