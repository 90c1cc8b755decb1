package dev.vaani.speech.offline;

import dev.vaani.audio.Pcm16;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechListener;
import dev.vaani.speech.SpeechToText;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's recognition stream. The caller's thread only enqueues; a dedicated worker thread creates, feeds and
 * frees the native decoder, so the decoder is touched by exactly one thread and freed exactly once.
 *
 * <p>A platform thread rather than a virtual one: decoding is CPU-bound native code, which pins a virtual thread's
 * carrier and would starve every other virtual thread in the server.
 */
final class PocketSphinxStream implements SpeechToText.Stream {

    private static final Logger log = LoggerFactory.getLogger(PocketSphinxStream.class);

    private sealed interface Command {}

    private record Audio(byte[] pcm) implements Command {}

    private record Finalize() implements Command {}

    private record Stop() implements Command {}

    /** Audio waiting for the decoder is bounded: past this the oldest is dropped (counted), the newest kept. */
    static final int MAX_QUEUED_AUDIO_BYTES = 10 * 2 * 16_000; // 10 s at 16 kHz, 20 s at 8 kHz

    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger queuedAudioBytes = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final int sampleRate;
    private final SpeechListener listener;
    private final String callSid;
    private final Thread worker;

    private byte pendingByte;
    private boolean hasPendingByte;
    private boolean heardSpeech;
    private String lastInterim = "";

    PocketSphinxStream(int sampleRate, SpeechListener listener, String callSid,
                       Supplier<PocketSphinxDecoder> decoderFactory) {
        this.sampleRate = sampleRate;
        this.listener = listener;
        this.callSid = callSid;
        this.worker = Thread.ofPlatform().daemon().name("offline-stt-" + callSid).unstarted(() -> run(decoderFactory));
        worker.start();
    }

    @Override
    public void sendAudio(byte[] pcm, int offset, int length) {
        if (!closed.get() && length > 0) {
            var copy = new byte[length];
            System.arraycopy(pcm, offset, copy, 0, length);
            commands.add(new Audio(copy));
            if (queuedAudioBytes.addAndGet(length) > MAX_QUEUED_AUDIO_BYTES) {
                dropOldestAudio();
            }
        }
    }

    /** The decoder fell behind: forget the oldest queued audio until the queue is back within its bound. */
    private void dropOldestAudio() {
        int dropped = 0;
        for (var it = commands.iterator(); it.hasNext() && queuedAudioBytes.get() > MAX_QUEUED_AUDIO_BYTES; ) {
            if (it.next() instanceof Audio audio && commands.remove(audio)) {
                queuedAudioBytes.addAndGet(-audio.pcm().length);
                dropped += audio.pcm().length;
            }
        }
        if (dropped > 0) {
            io.micrometer.core.instrument.Metrics.counter("vaani.speech.audio.dropped.bytes", "queue", "offline")
                    .increment(dropped);
        }
    }

    @Override
    public void finalizeUtterance() {
        if (!closed.get()) {
            commands.add(new Finalize());
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            commands.add(new Stop());
        }
    }

    /** For tests: waits until the worker freed the decoder. */
    boolean awaitTermination(java.time.Duration timeout) throws InterruptedException {
        return worker.join(timeout);
    }

    private void run(Supplier<PocketSphinxDecoder> decoderFactory) {
        try (var decoder = decoderFactory.get()) {
            decoder.startUtterance();
            while (true) {
                switch (commands.take()) {
                    case Audio audio -> {
                        queuedAudioBytes.addAndGet(-audio.pcm().length);
                        decode(decoder, audio.pcm());
                    }
                    case Finalize ignored -> finish(decoder, true);
                    case Stop ignored -> {
                        decoder.endUtterance();
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Offline recognition failed for call {}", callSid, e);
            emit(new SpeechEvent.Failure(SpeechFailure.Kind.UNAVAILABLE,
                    "offline recognition failed: " + e.getMessage(), false));
        } finally {
            commands.clear();
        }
    }

    private void decode(PocketSphinxDecoder decoder, byte[] pcm) {
        decoder.process(toDecoderRate(alignedSamples(pcm)));
        boolean inSpeech = decoder.inSpeech();
        if (inSpeech && !heardSpeech) {
            heardSpeech = true;
            emit(new SpeechEvent.SpeechStarted());
        }
        if (inSpeech) {
            String partial = decoder.hypothesis();
            if (!partial.isEmpty() && !partial.equals(lastInterim)) {
                lastInterim = partial;
                emit(new SpeechEvent.Interim(partial));
            }
        } else if (heardSpeech) {
            finish(decoder, false);
        }
    }

    /**
     * Ends the utterance on the decoder's VAD or on request, reports it and starts listening for the next. A request
     * is always answered, with no words if none were made out, so the call need not wait to learn that.
     */
    private void finish(PocketSphinxDecoder decoder, boolean requested) {
        decoder.endUtterance();
        String text = decoder.hypothesis();
        if (!text.isEmpty() || requested) {
            emit(new SpeechEvent.Final(text, true));
        } else if (heardSpeech) {
            emit(new SpeechEvent.UtteranceEnd());
        }
        heardSpeech = false;
        lastInterim = "";
        decoder.startUtterance();
    }

    /** Frames may split a sample across two sendAudio calls; carry the odd byte over. */
    private short[] alignedSamples(byte[] pcm) {
        byte[] bytes = pcm;
        if (hasPendingByte) {
            bytes = new byte[pcm.length + 1];
            bytes[0] = pendingByte;
            System.arraycopy(pcm, 0, bytes, 1, pcm.length);
        }
        hasPendingByte = bytes.length % 2 != 0;
        if (hasPendingByte) {
            pendingByte = bytes[bytes.length - 1];
        }
        return Pcm16.toSamples(bytes, 0, bytes.length - (hasPendingByte ? 1 : 0));
    }

    private dev.vaani.audio.Resampler resampler;

    private short[] toDecoderRate(short[] samples) {
        if (sampleRate == PocketSphinxDecoder.SAMPLE_RATE) {
            return samples;
        }
        if (sampleRate * 2 == PocketSphinxDecoder.SAMPLE_RATE) {
            return TelephoneBandExtension.widen(samples);
        }
        if (resampler == null) {
            resampler = new dev.vaani.audio.Resampler(sampleRate, PocketSphinxDecoder.SAMPLE_RATE);
        }
        byte[] pcm = Pcm16.toBytes(samples, 0, samples.length);
        byte[] resampled = resampler.process(pcm, 0, pcm.length);
        return Pcm16.toSamples(resampled, 0, resampled.length);
    }

    private void emit(SpeechEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("Speech listener failed on {} for call {}", event, callSid, e);
        }
    }
}
