package dev.vaani.audio;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The neural detector of a live call whose windows are scored with other calls' ({@link SileroBatcher}): the same
 * verdicts as {@link NeuralVoiceDetector}, frame by frame, without ever waiting for the model. A frame whose windows
 * are still being scored is kept (copied) until they are; then its verdict comes to the listener on the call's own
 * thread. While nothing is being scored (a quiet line, whose windows the energy gate decides) frames pass straight
 * through.
 *
 * <p>Probabilities come back through one hand-over task at a time: however many windows the model scores while the
 * call's thread is busy, they wake it once. Steady-state work allocates nothing of its own; the rings of waiting
 * windows and frames grow only if inference falls behind. One per call; used from the call's thread only (the
 * hand-over excepted).
 */
public final class BatchedVoiceDetector implements VoiceActivityStream {

    private static final Logger log = LoggerFactory.getLogger(BatchedVoiceDetector.class);
    /**
     * How long a frame waits for the model at most: an overloaded machine may score late, but the call's turn-taking
     * must not stall behind it, so after a second the windows not yet scored count as silence.
     */
    static final long MAX_WAIT_NANOS = 1_000_000_000L;

    private final ModelWindows windows;
    private final SpeechHysteresis verdict;
    private final SileroBatcher.Stream model;
    private final Listener listener;
    // windows cut but not yet decided, a ring indexed by window number
    private float[] windowRms = new float[16];
    private float[] windowProbability = new float[16];
    private float[] windowStateTerm = new float[16];
    private boolean[] windowScored = new boolean[16];
    private long windowsCut;
    private long windowsDecided;
    // frames waiting for their windows' verdicts, a ring
    private byte[][] frames = new byte[8][];
    private int[] frameLengths = new int[8];
    private long[] frameDue = new long[8];
    private long[] frameKeptAt = new long[8];
    private int framesHead;
    private int framesWaiting;
    private boolean failed;
    private boolean closed;
    private long lateWindows;
    private boolean warnedLate;
    // probabilities handed over by the inference thread, guarded by handOver; one drain task posted at a time
    private final Object handOver = new Object();
    private long[] handedWindows = new long[8];
    private float[] handedProbabilities = new float[8];
    private float[] handedStateTerms = new float[8];
    private int handed;
    private boolean drainPosted;
    private final Executor callThread;
    private final Runnable drainHandedOver = this::drainHandedOver;
    private final LongSupplier nanoClock;
    // the call thread's copy of what was handed over
    private long[] takenWindows = new long[8];
    private float[] takenProbabilities = new float[8];
    private float[] takenStateTerms = new float[8];

    /** {@code callThread} runs one task at a time, in order: the call's own serial executor. */
    public BatchedVoiceDetector(SileroBatcher batcher, AudioFormat format, NeuralVadSettings settings,
                                Executor callThread, Listener listener) {
        this(batcher, format, settings, callThread, listener, System::nanoTime);
    }

    /** As above, with the clock that measures how long frames wait for the model. */
    BatchedVoiceDetector(SileroBatcher batcher, AudioFormat format, NeuralVadSettings settings,
                         Executor callThread, Listener listener, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.windows = new ModelWindows(format, settings, this::onWindow);
        this.verdict = new SpeechHysteresis(settings, windows.windowMs(), batcher.roomVoiceProbe());
        this.listener = listener;
        this.callThread = callThread;
        this.model = batcher.newStream(windows.modelRate(), this::handOver);
    }

    @Override
    public void accept(byte[] frame, int offset, int length) {
        if (closed) {
            return;
        }
        windows.take(frame, offset, length);
        release();
        if (framesWaiting == 0 && windowsDecided == windowsCut) {
            listener.onFrame(verdict.verdict(), frame, offset, length);
        } else {
            keep(frame, offset, length);
            if (nanoClock.getAsLong() - frameKeptAt[framesHead] > MAX_WAIT_NANOS) {
                giveUpOnUnscoredWindows();
            }
        }
    }

    private void giveUpOnUnscoredWindows() {
        if (!warnedLate) {
            warnedLate = true;
            log.warn("Silero VAD is more than {} ms behind this call; its unscored windows count as silence",
                    MAX_WAIT_NANOS / 1_000_000);
        }
        for (long w = windowsDecided; w < windowsCut; w++) {
            if (!windowScored[slot(w)]) {
                windowScored[slot(w)] = true; // its probability, if it still comes, finds the window decided
                lateWindows++;
            }
        }
        release();
    }

    private void onWindow(float[] samples, double rms, boolean gated, boolean freshModel) {
        if (windowsCut - windowsDecided == windowRms.length) {
            growWindows();
        }
        int at = slot(windowsCut);
        windowRms[at] = (float) rms;
        windowProbability[at] = 0f;
        windowStateTerm[at] = Float.NaN;
        windowScored[at] = gated || failed;
        if (!windowScored[at]) {
            model.submit(samples, 0, windowsCut, freshModel);
        }
        windowsCut++;
    }

    /** On the inference thread: keep the probability and wake the call's thread unless a wake-up is on its way. */
    private void handOver(long window, float probability, float stateTerm) {
        boolean post;
        synchronized (handOver) {
            if (handed == handedWindows.length) {
                handedWindows = Arrays.copyOf(handedWindows, handed * 2);
                handedProbabilities = Arrays.copyOf(handedProbabilities, handed * 2);
                handedStateTerms = Arrays.copyOf(handedStateTerms, handed * 2);
            }
            handedWindows[handed] = window;
            handedProbabilities[handed] = probability;
            handedStateTerms[handed] = stateTerm;
            handed++;
            post = !drainPosted;
            drainPosted = true;
        }
        if (post) {
            callThread.execute(drainHandedOver);
        }
    }

    private void drainHandedOver() {
        int taken;
        synchronized (handOver) {
            taken = handed;
            if (takenWindows.length < taken) {
                takenWindows = new long[handedWindows.length];
                takenProbabilities = new float[handedWindows.length];
                takenStateTerms = new float[handedWindows.length];
            }
            System.arraycopy(handedWindows, 0, takenWindows, 0, taken);
            System.arraycopy(handedProbabilities, 0, takenProbabilities, 0, taken);
            System.arraycopy(handedStateTerms, 0, takenStateTerms, 0, taken);
            handed = 0;
            drainPosted = false;
        }
        for (int i = 0; i < taken; i++) {
            onScored(takenWindows[i], takenProbabilities[i], takenStateTerms[i]);
        }
    }

    private void onScored(long window, float probability, float stateTerm) {
        if (closed || window < windowsDecided) {
            return;
        }
        int at = slot(window);
        if (Float.isNaN(probability)) {
            if (!failed) {
                log.warn("Silero VAD inference failed; this call now treats every frame as silence");
            }
            failed = true; // the energy gate alone is a poor detector, but a call must never die of its VAD
            probability = 0f;
        }
        windowProbability[at] = probability;
        windowStateTerm[at] = stateTerm;
        windowScored[at] = true;
        release();
    }

    /** Decides scored windows in order, handing each waiting frame its verdict once the windows it ends are decided. */
    private void release() {
        while (true) {
            if (framesWaiting > 0 && frameDue[framesHead] <= windowsDecided) {
                listener.onFrame(verdict.verdict(), frames[framesHead], 0, frameLengths[framesHead]);
                framesHead = (framesHead + 1) % frames.length;
                framesWaiting--;
            } else if (windowsDecided < windowsCut && windowScored[slot(windowsDecided)]) {
                int at = slot(windowsDecided);
                verdict.decide(windowProbability[at], windowStateTerm[at], windowRms[at]);
                windowsDecided++;
            } else {
                return;
            }
        }
    }

    private void keep(byte[] frame, int offset, int length) {
        if (framesWaiting == frames.length) {
            growFrames();
        }
        int at = (framesHead + framesWaiting) % frames.length;
        if (frames[at] == null || frames[at].length < length) {
            frames[at] = new byte[length];
        }
        System.arraycopy(frame, offset, frames[at], 0, length);
        frameLengths[at] = length;
        frameDue[at] = windowsCut;
        frameKeptAt[at] = nanoClock.getAsLong();
        framesWaiting++;
    }

    private int slot(long window) {
        return (int) (window % windowRms.length);
    }

    private void growWindows() {
        int size = windowRms.length * 2;
        float[] rms = new float[size];
        float[] probability = new float[size];
        float[] stateTerm = new float[size];
        boolean[] scored = new boolean[size];
        for (long w = windowsDecided; w < windowsCut; w++) {
            int from = slot(w);
            int to = (int) (w % size);
            rms[to] = windowRms[from];
            probability[to] = windowProbability[from];
            stateTerm[to] = windowStateTerm[from];
            scored[to] = windowScored[from];
        }
        windowRms = rms;
        windowProbability = probability;
        windowStateTerm = stateTerm;
        windowScored = scored;
    }

    private void growFrames() {
        int size = frames.length * 2;
        byte[][] kept = new byte[size][];
        int[] lengths = new int[size];
        long[] due = new long[size];
        long[] keptAt = new long[size];
        for (int i = 0; i < framesWaiting; i++) {
            int from = (framesHead + i) % frames.length;
            kept[i] = frames[from];
            lengths[i] = frameLengths[from];
            due[i] = frameDue[from];
            keptAt[i] = frameKeptAt[from];
        }
        frames = kept;
        frameLengths = lengths;
        frameDue = due;
        frameKeptAt = keptAt;
        framesHead = 0;
    }

    /** Windows decided as silence because the model had not scored them a second later. */
    public long lateWindows() {
        return lateWindows;
    }

    /** Frames still waiting for their verdicts. */
    public int framesWaiting() {
        return framesWaiting;
    }

    @Override
    public void close() {
        closed = true;
        model.close();
    }
}
