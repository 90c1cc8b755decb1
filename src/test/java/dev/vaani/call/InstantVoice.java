package dev.vaani.call;

import dev.vaani.speech.TextToSpeech;
import java.util.concurrent.CompletableFuture;

/**
 * Speech synthesis for call tests on a virtual clock: answers at once with {@code msPerWord} of a 440 Hz tone per word,
 * so a reply's timing follows from its words alone.
 */
final class InstantVoice implements TextToSpeech {

    private final int msPerWord;

    InstantVoice(int msPerWord) {
        this.msPerWord = msPerWord;
    }

    @Override
    public String name() {
        return "instant";
    }

    @Override
    public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
        int words = text.trim().split("\\s+").length;
        byte[] pcm = new byte[words * sampleRate * msPerWord / 1000 * 2];
        for (int i = 0; i < pcm.length; i += 2) {
            short sample = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i / 2) / sampleRate));
            pcm[i] = (byte) sample;
            pcm[i + 1] = (byte) (sample >> 8);
        }
        sink.onAudio(pcm);
        return new Synthesis() {
            @Override
            public CompletableFuture<Void> completion() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void cancel() {
            }
        };
    }
}
