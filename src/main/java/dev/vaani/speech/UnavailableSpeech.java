package dev.vaani.speech;

import java.util.concurrent.CompletableFuture;

/**
 * Stand-ins used when no recogniser or synthesiser can run here (no key and no offline engine installed): every
 * request fails at once with a clear reason, so a call apologises and ends instead of hanging.
 */
public final class UnavailableSpeech {

    private UnavailableSpeech() {
    }

    public static SpeechToText recogniser(String reason) {
        return new SpeechToText() {
            @Override
            public String name() {
                return "unavailable";
            }

            @Override
            public Stream open(SpeechStreamSettings settings, SpeechListener listener) {
                listener.onEvent(new SpeechEvent.Failure(SpeechFailure.Kind.UNAVAILABLE, reason, false));
                return new Stream() {
                    @Override
                    public void sendAudio(byte[] pcm, int offset, int length) {
                    }

                    @Override
                    public void finalizeUtterance() {
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    public static TextToSpeech synthesiser(String reason) {
        return new TextToSpeech() {
            @Override
            public String name() {
                return "unavailable";
            }

            @Override
            public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
                CompletableFuture<Void> failed = CompletableFuture.failedFuture(
                        new SpeechFailure(SpeechFailure.Kind.UNAVAILABLE, reason));
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
    }
}
