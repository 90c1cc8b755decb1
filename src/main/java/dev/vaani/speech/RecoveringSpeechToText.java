package dev.vaani.speech;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a call's recognition alive across dropped provider streams. It remembers the audio of the current utterance
 * (since the last final, bounded), and on a recoverable failure reopens the stream with exponential backoff, replaying
 * that audio into the new stream. When {@code maxReopens} attempts in a row fail, it transcribes the remembered audio
 * with the {@link UtteranceTranscriber} (e.g. Deepgram pre-recorded) so the caller's words are not lost, emits it as
 * {@code Final(text, true)}, and then gives up with a non-recoverable Failure so the call can apologise or switch engine.
 *
 * <p>Only non-recoverable failures reach the listener. Finals seen so far are not replayed: remembered audio is cut at
 * every Final and UtteranceEnd, so a reopened stream or the fallback only hears words not yet delivered.
 */
public final class RecoveringSpeechToText implements SpeechToText {

    private static final Logger log = LoggerFactory.getLogger(RecoveringSpeechToText.class);

    /**
     * @param maxReopens      consecutive reopen attempts before falling back (default 3)
     * @param initialBackoff  wait before the first reopen, doubled each attempt (default 200 ms)
     * @param maxUtterance    how much of the current utterance to remember (default 30 s)
     */
    public record Settings(int maxReopens, Duration initialBackoff, Duration maxUtterance) {
        public static Settings defaults() {
            return new Settings(3, Duration.ofMillis(200), Duration.ofSeconds(30));
        }
    }

    private final SpeechToText delegate;
    private final UtteranceTranscriber fallback;
    private final Settings settings;
    private final IntervalFunction backoff;
    private final ScheduledExecutorService timers;

    /** @param timers the application's provider timers: reopens wait on them, never on a call's thread */
    public RecoveringSpeechToText(SpeechToText delegate, UtteranceTranscriber fallback, Settings settings,
                                  ScheduledExecutorService timers) {
        this.delegate = delegate;
        this.timers = timers;
        this.fallback = fallback;
        this.settings = settings;
        this.backoff = IntervalFunction.ofExponentialBackoff(settings.initialBackoff(), 2.0);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Stream open(SpeechStreamSettings streamSettings, SpeechListener listener) {
        RecoveringStream stream = new RecoveringStream(streamSettings, listener);
        stream.connect();
        return stream;
    }

    private final class RecoveringStream implements Stream {

        private final SpeechStreamSettings streamSettings;
        private final SpeechListener listener;
        private final UtteranceBuffer utterance;
        private final ReentrantLock lock = new ReentrantLock();
        // The inner stream calls its listener holding its own lock, and this stream calls into the inner one holding
        // this lock: taking this lock on the inner stream's thread deadlocked the two (a caller's audio against a
        // provider's failure). So the inner stream's events only queue here, and are handled in order on this thread.
        private final ExecutorService innerEvents =
                Executors.newSingleThreadExecutor(Thread.ofVirtual().name("stt-events").factory());
        private Stream current;
        private int generation;
        private int failedAttempts;
        private boolean closed;

        RecoveringStream(SpeechStreamSettings streamSettings, SpeechListener listener) {
            this.streamSettings = streamSettings;
            this.listener = listener;
            this.utterance = new UtteranceBuffer(
                    (int) (streamSettings.sampleRate() * 2L * settings.maxUtterance().toSeconds()));
        }

        void connect() {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                int mine = ++generation;
                current = delegate.open(streamSettings, event -> innerEvents.execute(() -> onInnerEvent(mine, event)));
                byte[] replay = utterance.snapshot();
                if (replay.length > 0) {
                    current.sendAudio(replay, 0, replay.length);
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void sendAudio(byte[] pcm, int offset, int length) {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                utterance.append(pcm, offset, length);
                current.sendAudio(pcm, offset, length);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void finalizeUtterance() {
            lock.lock();
            try {
                if (!closed) {
                    current.finalizeUtterance();
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) { // closed already when it gave up
                    closed = true;
                    current.close();
                }
            } finally {
                lock.unlock();
            }
            innerEvents.shutdown(); // events still queued find the stream closed
        }

        private void onInnerEvent(int from, SpeechEvent event) {
            lock.lock();
            try {
                if (closed || from != generation) {
                    return; // a superseded stream
                }
                switch (event) {
                    case SpeechEvent.Failure failure when failure.recoverable() -> recover(failure);
                    case SpeechEvent.Failure failure -> listener.onEvent(failure);
                    case SpeechEvent.Final f -> {
                        failedAttempts = 0;
                        utterance.clear();
                        listener.onEvent(f);
                    }
                    case SpeechEvent.UtteranceEnd end -> {
                        failedAttempts = 0;
                        utterance.clear();
                        listener.onEvent(end);
                    }
                    default -> {
                        failedAttempts = 0;
                        listener.onEvent(event);
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        /** Called with the lock held. */
        private void recover(SpeechEvent.Failure failure) {
            current.close();
            generation++; // nothing from the failed stream counts any more
            if (failedAttempts < settings.maxReopens()) {
                long wait = backoff.apply(++failedAttempts);
                log.info("Reopening speech stream call={} attempt={} in {} ms after {}: {}", streamSettings.callSid(),
                        failedAttempts, wait, failure.kind(), failure.message());
                timers.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
                return;
            }
            byte[] audio = utterance.snapshot();
            utterance.clear();
            int mine = generation;
            Thread.ofVirtual().name("stt-fallback").start(() -> fallBack(mine, audio, failure));
        }

        private void fallBack(int mine, byte[] audio, SpeechEvent.Failure cause) {
            SpeechEvent.Failure giveUp = new SpeechEvent.Failure(cause.kind(),
                    "Speech stream lost after " + settings.maxReopens() + " reopen attempts: " + cause.message(),
                    false);
            String text = "";
            if (audio.length > 0) {
                try {
                    text = fallback.transcribe(audio, streamSettings);
                } catch (SpeechFailure e) {
                    log.warn("Fallback transcription failed call={} kind={}: {}", streamSettings.callSid(), e.kind(),
                            e.getMessage());
                }
            }
            lock.lock();
            try {
                if (closed || mine != generation) {
                    return;
                }
                if (!text.isBlank()) {
                    listener.onEvent(new SpeechEvent.Final(text, true));
                }
                listener.onEvent(giveUp);
                closed = true;
            } finally {
                lock.unlock();
            }
        }
    }
}
