package dev.vaani.speech;

import static dev.vaani.testing.TestTimers.PROVIDER_TIMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * A provider's stream calls its listener holding its own lock (as {@link RecognitionSocket} does, so events keep
 * their order); the recovering stream must not then need its lock on that thread while a caller's audio holds it.
 */
class RecoveringSpeechToTextLockOrderTest {

    private static final SpeechStreamSettings CALL = new SpeechStreamSettings(8000, "en-IN", List.of(), "call-lock");

    /** An inner stream that, like RecognitionSocket, takes one lock to send audio and to call its listener. */
    private static final class LockingStream implements SpeechToText.Stream {
        final ReentrantLock lock = new ReentrantLock();
        final CountDownLatch audioArrived = new CountDownLatch(1);
        SpeechListener listener;

        @Override
        public void sendAudio(byte[] pcm, int offset, int length) {
            audioArrived.countDown();
            lock.lock();
            lock.unlock();
        }

        @Override
        public void finalizeUtterance() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anEventTheProviderSendsWhileTheCallersAudioWaitsForItsLockDoesNotDeadlock() throws Exception {
        LockingStream inner = new LockingStream();
        SpeechToText provider = new SpeechToText() {
            @Override
            public String name() {
                return "locking";
            }

            @Override
            public Stream open(SpeechStreamSettings settings, SpeechListener listener) {
                inner.listener = listener;
                return inner;
            }
        };
        RecordingListener heard = new RecordingListener();
        SpeechToText.Stream stream = new RecoveringSpeechToText(provider, (audio, settings) -> "",
                RecoveringSpeechToText.Settings.defaults(), PROVIDER_TIMERS).open(CALL, heard);
        byte[] audio = new byte[320];

        CountDownLatch providerHoldsItsLock = new CountDownLatch(1);
        CompletableFuture<Void> providerThread = CompletableFuture.runAsync(() -> {
            inner.lock.lock();
            try {
                providerHoldsItsLock.countDown();
                await(inner.audioArrived); // the caller's audio is in, waiting for this lock
                inner.listener.onEvent(new SpeechEvent.Interim("hello"));
            } finally {
                inner.lock.unlock();
            }
        }, Thread::startVirtualThread);
        await(providerHoldsItsLock);
        CompletableFuture<Void> callerThread = CompletableFuture.runAsync(() -> stream.sendAudio(audio, 0, audio.length),
                Thread::startVirtualThread);

        // before, each waited for the other for good
        providerThread.get(5, TimeUnit.SECONDS);
        callerThread.get(5, TimeUnit.SECONDS);
        assertThat(heard.awaitFirst(SpeechEvent.Interim.class)).isEqualTo(new SpeechEvent.Interim("hello"));
        stream.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
