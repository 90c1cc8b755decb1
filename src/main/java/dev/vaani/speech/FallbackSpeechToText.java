package dev.vaani.speech;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises with the primary (cloud) recogniser and, when its stream fails for good (after its own retries),
 * goes on with the fallback (offline) recogniser for the rest of the call instead of leaving the call deaf.
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
        return new SwitchingStream(settings, listener);
    }

    private final class SwitchingStream implements Stream {
        private final SpeechStreamSettings settings;
        private final SpeechListener listener;
        private volatile Stream current;
        private volatile boolean switched;
        private volatile boolean closed;

        SwitchingStream(SpeechStreamSettings settings, SpeechListener listener) {
            this.settings = settings;
            this.listener = listener;
            Stream first = primary.open(settings, this::onPrimaryEvent);
            synchronized (this) {
                if (!switched) {
                    current = first;
                }
            }
        }

        private void onPrimaryEvent(SpeechEvent event) {
            if (event instanceof SpeechEvent.Failure failure && !failure.recoverable()) {
                switchToFallback(failure);
                return;
            }
            if (!switched && !closed) {
                listener.onEvent(event);
            }
        }

        private synchronized void switchToFallback(SpeechEvent.Failure failure) {
            if (switched || closed) {
                return;
            }
            switched = true;
            log.warn("Call {}: {} failed for good ({}: {}); recognising with {} from now on", settings.callSid(),
                    primary.name(), failure.kind(), failure.message(), fallback.name());
            Stream old = current;
            current = fallback.open(settings, listener);
            if (old != null) {
                old.close();
            }
        }

        @Override
        public void sendAudio(byte[] pcm, int offset, int length) {
            Stream stream = current;
            if (stream != null) {
                stream.sendAudio(pcm, offset, length);
            }
        }

        @Override
        public void finalizeUtterance() {
            Stream stream = current;
            if (stream != null) {
                stream.finalizeUtterance();
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (current != null) {
                current.close();
            }
        }
    }
}
