package dev.vaani.testing;

import dev.vaani.speech.TextToSpeech;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic synthesiser for tests: 30 ms of a 440 Hz tone per character, in 100 ms chunks, after an optional
 * delay (to exercise the filler). Cancel stops delivery at once.
 */
public final class ToneTextToSpeech implements TextToSpeech {

    private volatile Duration firstAudioDelay = Duration.ZERO;

    public ToneTextToSpeech slowFirstAudio(Duration delay) {
        this.firstAudioDelay = delay;
        return this;
    }

    @Override
    public String name() {
        return "tone-test";
    }

    public static byte[] audioFor(String text, int sampleRate) {
        int samples = sampleRate * 30 / 1000 * Math.max(1, text.length());
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short value = (short) (3000 * Math.sin(2 * Math.PI * 440 * i / sampleRate));
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }

    @Override
    public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CountDownLatch cancelled = new CountDownLatch(1);
        Duration delay = firstAudioDelay;
        Thread.ofVirtual().start(() -> {
            try {
                if (!delay.isZero() && cancelled.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    done.complete(null);
                    return;
                }
                byte[] audio = audioFor(text, sampleRate);
                int chunk = sampleRate / 10 * 2;
                for (int offset = 0; offset < audio.length && cancelled.getCount() > 0; offset += chunk) {
                    byte[] part = java.util.Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + chunk));
                    sink.onAudio(part);
                }
                done.complete(null);
            } catch (InterruptedException e) {
                done.complete(null);
            }
        });
        return new Synthesis() {
            @Override
            public CompletableFuture<Void> completion() {
                return done;
            }

            @Override
            public void cancel() {
                cancelled.countDown();
                done.complete(null);
            }
        };
    }
}
