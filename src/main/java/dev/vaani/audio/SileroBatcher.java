package dev.vaani.audio;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the windows of many calls together: one inference over the next window of every call with audio waiting.
 * Once 16 or more calls talk at once that costs about a third of scoring each window alone (49 against 130 µs of CPU
 * a window, docs/benchmarks.md); with one call talking a batch holds one window and costs what that call's own
 * inference did.
 *
 * <p>A call hands its windows to its {@link Stream} and goes on: it never waits, for its own inference or another
 * call's. Each stream's windows are scored in order (the model's state chains from one window to the next), one
 * window of a stream per batch, on the batcher's own threads; each probability goes to the stream's listener on the
 * inference thread, which must only hand it on. Windows of 8 kHz and 16 kHz calls are batched apart.
 */
public final class SileroBatcher implements AutoCloseable {

    /** Receives a stream's probabilities in window order, on an inference thread. */
    @FunctionalInterface
    public interface Listener {
        /**
         * {@code probability} is NaN when inference failed; {@code stateTerm} is the model's memory after the window
         * as the {@link RoomVoiceProbe#stateTerm room-voice probe} reads it (NaN when inference failed).
         */
        void onScored(long window, float probability, float stateTerm);
    }

    static final int MAX_BATCH = 64;
    private static final Logger log = LoggerFactory.getLogger(SileroBatcher.class);

    private final SileroVad model;
    /** Streams with windows waiting, each at most once: a stream in the queue or in a batch is "scheduled". */
    private final LinkedBlockingQueue<Stream> ready = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder windows = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private volatile boolean closed;

    public SileroBatcher(SileroVad model, int threadCount) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("a batcher needs at least one thread, not " + threadCount);
        }
        this.model = model;
        for (int i = 0; i < threadCount; i++) {
            // platform threads of their own: inference is native CPU work that would pin a virtual thread's carrier
            Thread thread = Thread.ofPlatform().daemon().name("vad-inference-" + i).unstarted(this::scoreUntilClosed);
            threads.add(thread);
            thread.start();
        }
    }

    /** A new call's stream at 8000 or 16000 Hz; close it when the call ends. */
    public Stream newStream(int sampleRate, Listener listener) {
        if (sampleRate != 8000 && sampleRate != 16000) {
            throw new IllegalArgumentException("Silero VAD takes 8000 or 16000 Hz, not " + sampleRate);
        }
        return new Stream(sampleRate, listener);
    }

    /** Reads the memory of the model this batcher runs. */
    RoomVoiceProbe roomVoiceProbe() {
        return model.roomVoiceProbe();
    }

    /** Windows scored so far. */
    public long windows() {
        return windows.sum();
    }

    /** Inferences run so far; {@code windows() / batches()} is the mean batch. */
    public long batches() {
        return batches.sum();
    }

    public int threads() {
        return threads.size();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void scoreUntilClosed() {
        Batches own = new Batches();
        List<Stream> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (!closed) {
                batch.add(ready.take());
                ready.drainTo(batch, MAX_BATCH - 1);
                try {
                    own.score(batch, 8000);
                    own.score(batch, 16000);
                } catch (RuntimeException e) { // this thread serves every call: it must outlive any one batch
                    log.error("Silero VAD batch failed", e);
                } finally {
                    for (Stream stream : batch) {
                        stream.afterBatch();
                    }
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            own.close();
        }
    }

    /** One inference thread's tensors, made once for each batch size and rate it meets, then rewritten in place. */
    private final class Batches {
        private final BatchTensors[][] made = new BatchTensors[2][MAX_BATCH + 1];
        private final List<Stream> group = new ArrayList<>(MAX_BATCH);
        private final long[] numbers = new long[MAX_BATCH];

        void score(List<Stream> batch, int sampleRate) {
            group.clear();
            for (Stream stream : batch) {
                if (stream.sampleRate == sampleRate && stream.takeNext(group.size(), this)) {
                    group.add(stream);
                }
            }
            if (group.isEmpty()) {
                return;
            }
            int n = group.size();
            BatchTensors tensors;
            try {
                tensors = tensors(sampleRate, n);
                for (int i = 0; i < n; i++) {
                    group.get(i).writeInput(tensors, i, n);
                }
                model.session().run(tensors.inputs, tensors.outputs).close(); // the outputs are our own tensors
            } catch (OrtException | RuntimeException e) {
                log.warn("Silero VAD batched inference over {} windows failed: {}", n, e.toString());
                for (int i = 0; i < n; i++) {
                    group.get(i).tell(numbers[i], Float.NaN, Float.NaN);
                }
                return;
            }
            windows.add(n);
            batches.increment();
            for (int i = 0; i < n; i++) {
                Stream stream = group.get(i);
                stream.readState(tensors, i, n);
                stream.tell(numbers[i], tensors.speech.get(i), model.roomVoiceProbe().stateTerm(stream.modelState));
            }
        }

        /** Where {@link Stream#takeNext} puts the window number of the stream at position {@code i}. */
        void number(int i, long window) {
            numbers[i] = window;
        }

        private BatchTensors tensors(int sampleRate, int n) throws OrtException {
            int rate = sampleRate == 8000 ? 0 : 1;
            if (made[rate][n] == null) {
                made[rate][n] = new BatchTensors(model, sampleRate, n);
            }
            return made[rate][n];
        }

        void close() {
            for (BatchTensors[] byRate : made) {
                for (BatchTensors tensors : byRate) {
                    if (tensors != null) {
                        tensors.close();
                    }
                }
            }
        }
    }

    /**
     * One call's windows waiting for the model, and the model's memory of the call. The call thread submits; the
     * inference threads take, one at a time (a stream is in at most one batch), so the model's state needs no lock.
     */
    public final class Stream implements AutoCloseable {
        private static final int HALF_STATE = 128;
        private final int sampleRate;
        private final int windowSamples;
        private final Listener listener;
        // the model's memory: touched only by the inference thread holding the stream in a batch
        private final float[] modelState = new float[SileroVad.stateSize()];
        private final float[] context;
        private final float[] row;
        private final WaitingWindows waiting; // guarded by this stream's lock
        private boolean scheduled;
        private boolean streamClosed;

        private Stream(int sampleRate, Listener listener) {
            this.sampleRate = sampleRate;
            this.windowSamples = SileroVad.windowSamples(sampleRate);
            this.listener = listener;
            this.context = new float[SileroVad.contextSamples(sampleRate)];
            this.row = new float[context.length + windowSamples];
            this.waiting = new WaitingWindows(windowSamples);
        }

        /**
         * Queues window number {@code window} ({@link #windowSamples} samples scaled to [-1, 1] from {@code offset})
         * for scoring; {@code freshModel} clears the model's memory of this call first. Never blocks.
         */
        public void submit(float[] samples, int offset, long window, boolean freshModel) {
            boolean schedule;
            synchronized (this) {
                if (streamClosed) {
                    return;
                }
                waiting.add(samples, offset, window, freshModel);
                schedule = !scheduled;
                scheduled = true;
            }
            if (schedule) {
                ready.add(this);
            }
        }

        public int windowSamples() {
            return windowSamples;
        }

        /** Stops scoring this call's windows; windows still waiting are dropped. */
        @Override
        public synchronized void close() {
            streamClosed = true;
            waiting.clear();
        }

        /** Takes the oldest waiting window into {@link #row} (context first); false if there is none. */
        private boolean takeNext(int position, Batches batches) {
            synchronized (this) {
                if (streamClosed || waiting.isEmpty()) {
                    return false;
                }
                if (waiting.oldestIsFresh()) {
                    Arrays.fill(modelState, 0f);
                    Arrays.fill(context, 0f);
                }
                System.arraycopy(context, 0, row, 0, context.length);
                batches.number(position, waiting.takeOldest(row, context.length));
            }
            // the next window is heard with the end of this one before it, as the model was trained
            System.arraycopy(row, row.length - context.length, context, 0, context.length);
            return true;
        }

        private void writeInput(BatchTensors tensors, int i, int n) {
            tensors.input.put(i * row.length, row, 0, row.length);
            tensors.state.put(i * HALF_STATE, modelState, 0, HALF_STATE);
            tensors.state.put((n + i) * HALF_STATE, modelState, HALF_STATE, HALF_STATE);
        }

        private void readState(BatchTensors tensors, int i, int n) {
            tensors.nextState.get(i * HALF_STATE, modelState, 0, HALF_STATE);
            tensors.nextState.get((n + i) * HALF_STATE, modelState, HALF_STATE, HALF_STATE);
        }

        /** Gives the listener a probability; a listener that throws loses that one, not the batch's others. */
        private void tell(long window, float probability, float stateTerm) {
            try {
                listener.onScored(window, probability, stateTerm);
            } catch (RuntimeException e) {
                log.warn("A call's Silero VAD listener failed: {}", e.toString());
            }
        }

        /** Back in the queue if more windows wait, otherwise idle until the next submit. */
        private void afterBatch() {
            synchronized (this) {
                if (streamClosed || waiting.isEmpty()) {
                    scheduled = false;
                    return;
                }
            }
            ready.add(this);
        }
    }
}
