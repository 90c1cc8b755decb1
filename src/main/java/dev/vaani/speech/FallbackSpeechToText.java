package dev.vaani.speech;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises with the primary (cloud) recogniser and, when its stream fails for good (after its own retries),
 * goes on with the fallback (offline) recogniser for the rest of the call instead of leaving the call deaf.
 *
 * <p>Shape and concurrency rule shared by every {@code Fallback*} wrapper: the wrapper is stateless; each call's (or
 * request's) switching object holds which delegate is active and what the caller has already got from it. The
 * provider calls back on its own thread while the call acts on its own, so that state is read and changed only
 * under the switching object's lock, and delegates are called outside the lock (a delegate may call back on the
 * calling thread, or wait on its own thread).
 */
public final class FallbackSpeechToText implements SpeechToText {

    private static final Logger log = LoggerFactory.getLogger(FallbackSpeechToText.class);

    private final SpeechToText primary;
    private final SpeechToText fallback;

    public FallbackSpeechToText(SpeechToText primary, SpeechToText fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return primary.name();
    }

    @Override
    public Stream open(SpeechStreamSettings settings, SpeechListener listener) {
        SwitchingStream stream = new SwitchingStream(settings, listener);
        stream.started(primary.open(settings, stream::onPrimaryEvent));
        return stream;
    }

    private final class SwitchingStream implements Stream {
        private final SpeechStreamSettings settings;
        private final SpeechListener listener;
        /** Guarded by this: the stream audio goes to; null until the primary's open returns. */
        private Stream current;
        /** Guarded by this. */
        private boolean switched;
        /** Guarded by this. */
        private boolean closed;

        SwitchingStream(SpeechStreamSettings settings, SpeechListener listener) {
            this.settings = settings;
            this.listener = listener;
        }

        /** The primary's stream; it may have failed for good (and been replaced) before its open returned. */
        void started(Stream first) {
            boolean unused;
            synchronized (this) {
                unused = switched || closed;
                if (!unused) {
                    current = first;
                }
            }
            if (unused) {
                first.close();
            }
        }

        private void onPrimaryEvent(SpeechEvent event) {
            if (event instanceof SpeechEvent.Failure failure && !failure.recoverable()) {
                switchToFallback(failure);
                return;
            }
            boolean pass;
            synchronized (this) {
                pass = !switched && !closed;
            }
            if (pass) {
                listener.onEvent(event);
            }
        }

        private void switchToFallback(SpeechEvent.Failure failure) {
            synchronized (this) {
                if (switched || closed) {
                    return;
                }
                switched = true; // from now on the primary's events are dropped
            }
            log.warn("Call {}: {} failed for good ({}: {}); recognising with {} from now on", settings.callSid(),
                    primary.name(), failure.kind(), failure.message(), fallback.name());
            Stream second = fallback.open(settings, listener);
            Stream old;
            boolean closedMeanwhile;
            synchronized (this) {
                old = current;
                closedMeanwhile = closed;
                current = second;
            }
            if (closedMeanwhile) {
                second.close(); // the call ended while the fallback was opening; close() already closed the old one
            } else if (old != null) {
                old.close();
            }
        }

        @Override
        public void sendAudio(byte[] pcm, int offset, int length) {
            Stream stream;
            synchronized (this) {
                stream = closed ? null : current;
            }
            if (stream != null) {
                stream.sendAudio(pcm, offset, length);
            }
        }

        @Override
        public void finalizeUtterance() {
            Stream stream;
            synchronized (this) {
                stream = closed ? null : current;
            }
            if (stream != null) {
                stream.finalizeUtterance();
            }
        }

        @Override
        public void close() {
            Stream stream;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                stream = current;
            }
            if (stream != null) {
                stream.close();
            }
        }
    }
}
