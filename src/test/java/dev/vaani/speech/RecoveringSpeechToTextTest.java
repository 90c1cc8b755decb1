package dev.vaani.speech;

import static dev.vaani.testing.TestTimers.PROVIDER_TIMERS;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vaani.fakes.FakeDeepgram;
import dev.vaani.fakes.Pcm;
import dev.vaani.speech.deepgram.DeepgramPrerecordedClient;
import dev.vaani.speech.deepgram.DeepgramSettings;
import dev.vaani.speech.deepgram.DeepgramSpeechToText;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecoveringSpeechToTextTest {

    private static final int RATE = 8000;
    private static final SpeechStreamSettings CALL = new SpeechStreamSettings(RATE, "en-IN", List.of(), "call-9");

    private final FakeDeepgram deepgram = new FakeDeepgram();
    private final WireMockServer prerecorded = new WireMockServer(options().dynamicPort());
    private final RecordingListener listener = new RecordingListener();
    private SpeechToText.Stream stream;

    @BeforeEach
    void start() {
        deepgram.start();
        prerecorded.start();
        prerecorded.stubFor(post(urlPathEqualTo("/v1/listen")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"metadata":{"request_id":"r1","duration":1.0,"channels":1},
                         "results":{"channels":[{"alternatives":[{"transcript":"please call back","confidence":0.97,
                         "words":[]}]}]}}""")));
    }

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        deepgram.close();
        prerecorded.stop();
    }

    private SpeechToText.Stream open() {
        DeepgramSettings live = DeepgramSettings.of(FakeDeepgram.API_KEY).withBaseUrl(deepgram.baseUrl());
        DeepgramSettings rest = DeepgramSettings.of(FakeDeepgram.API_KEY).withBaseUrl(prerecorded.baseUrl());
        SpeechToText stt = new RecoveringSpeechToText(new DeepgramSpeechToText(live, PROVIDER_TIMERS),
                new DeepgramPrerecordedClient(rest),
                new RecoveringSpeechToText.Settings(2, Duration.ofMillis(20), Duration.ofSeconds(30)), PROVIDER_TIMERS);
        stream = stt.open(CALL, listener);
        return stream;
    }

    private void say(int speechMs, int silenceMs) {
        byte[] speech = Pcm.speech(Duration.ofMillis(speechMs), RATE);
        byte[] silence = Pcm.silence(Duration.ofMillis(silenceMs), RATE);
        stream.sendAudio(speech, 0, speech.length);
        stream.sendAudio(silence, 0, silence.length);
    }

    @Test
    void aDroppedStreamIsReopenedAndTheUtteranceIsHeardAgain() {
        deepgram.script("words lost with the first socket", "I am interested");
        deepgram.dropConnectionAfterAudio(Duration.ofMillis(300));
        open();

        say(700, 400);

        assertThat(listener.awaitFirst(SpeechEvent.Final.class)).isEqualTo(new SpeechEvent.Final("I am interested", true));
        assertThat(listener.eventsOf(SpeechEvent.Failure.class)).isEmpty();
        assertThat(deepgram.connectionCount()).isEqualTo(2);
    }

    @Test
    void whenReopeningFailsTheUtteranceIsTranscribedByThePrerecordedEndpoint() {
        deepgram.dropConnectionAfterAudio(Duration.ofMillis(300));
        open();
        await().atMost(Duration.ofSeconds(10)).until(() -> deepgram.connectionCount() == 1);
        deepgram.rejectUpgrades(503);

        say(700, 400);

        SpeechEvent.Failure failure = listener.awaitFirst(SpeechEvent.Failure.class);
        assertThat(failure.recoverable()).isFalse();
        assertThat(listener.events()).endsWith(new SpeechEvent.Final("please call back", true), failure);
        List<LoggedRequest> requests = prerecorded.findAll(postRequestedFor(urlPathEqualTo("/v1/listen"))
                .withQueryParam("encoding", equalTo("linear16")).withQueryParam("sample_rate", equalTo("8000"))
                .withHeader("Authorization", equalTo("Token " + FakeDeepgram.API_KEY)));
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.getBody()).hasSize(2 * RATE * 11 / 10));
    }
}
