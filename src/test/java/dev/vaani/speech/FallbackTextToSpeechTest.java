package dev.vaani.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaani.testing.ToneTextToSpeech;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FallbackTextToSpeechTest {

    private final ToneTextToSpeech offline = new ToneTextToSpeech();

    @Test
    void aSentenceTheCloudCannotSpeakIsSpokenByTheFallback() throws Exception {
        FallbackTextToSpeech tts = new FallbackTextToSpeech(UnavailableSpeech.synthesiser("down"), offline);
        ByteArrayOutputStream audio = new ByteArrayOutputStream();

        tts.synthesize("Which area do you prefer?", 8000, pcm -> audio.write(pcm, 0, pcm.length))
                .completion().get(5, TimeUnit.SECONDS);

        assertThat(audio.toByteArray()).isEqualTo(ToneTextToSpeech.audioFor("Which area do you prefer?", 8000));
    }

    @Test
    void aFailureAfterAudioStartedIsReportedNotRepeated() {
        TextToSpeech failsMidway = new TextToSpeech() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
                sink.onAudio(new byte[320]);
                CompletableFuture<Void> failed = CompletableFuture.failedFuture(
                        new SpeechFailure(SpeechFailure.Kind.CONNECTION_LOST, "cut"));
                return new Synthesis() {
                    @Override
                    public CompletableFuture<Void> completion() {
                        return failed;
                    }

                    @Override
                    public void cancel() {
                    }
                };
            }
        };
        FallbackTextToSpeech tts = new FallbackTextToSpeech(failsMidway, offline);
        ByteArrayOutputStream audio = new ByteArrayOutputStream();

        assertThatThrownBy(() -> tts.synthesize("Hello", 8000, pcm -> audio.write(pcm, 0, pcm.length))
                .completion().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(audio.size()).isEqualTo(320);
    }
}
