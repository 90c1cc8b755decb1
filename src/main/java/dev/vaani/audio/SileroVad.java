package dev.vaani.audio;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * The Silero VAD v5 model (MIT, bundled under {@code vad/}), run with ONNX Runtime: one session per process, shared
 * by every call ({@link OrtSession#run} is thread-safe), and a {@link Stream} per call that owns the model's
 * recurrent state and audio context. Each call runs inference on its own thread, so no call ever waits for
 * another's.
 *
 * <p>The model takes windows of 256 samples at 8 kHz or 512 at 16 kHz, each preceded by the last 32 / 64 samples
 * of the previous window, plus a {@code [2, 1, 128]} state; it answers the probability that the window is speech
 * and the next state.
 */
public final class SileroVad implements AutoCloseable {

    public static final String BUNDLED_MODEL = "vad/silero_vad_v5.onnx";
    private static final int STATE_SIZE = 2 * 128;
    private static final long[] STATE_SHAPE = {2, 1, 128};

    private final OrtEnvironment environment;
    private final OrtSession session;

    private SileroVad(OrtEnvironment environment, OrtSession session) {
        this.environment = environment;
        this.session = session;
    }

    /** Loads the model shipped in the jar; fails when ONNX Runtime's native library cannot load on this machine. */
    public static SileroVad loadBundled() throws OrtException {
        byte[] model;
        try (InputStream in = SileroVad.class.getClassLoader().getResourceAsStream(BUNDLED_MODEL)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_MODEL + " is missing from the class path");
            }
            model = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // One thread per inference: calls run in parallel on their own threads; a window is too small to split.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return new SileroVad(environment, environment.createSession(model, options));
        }
    }

    /** A new per-call stream at 8000 or 16000 Hz (other rates must be resampled to one of these first). */
    public Stream newStream(int sampleRate) {
        return new Stream(sampleRate);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    /** One call's model state; not thread-safe, used by one call at a time. */
    public final class Stream {
        private final int sampleRate;
        private final int windowSamples;
        private final int contextSamples;
        private final long[] inputShape;
        private final FloatBuffer input;
        private final FloatBuffer state = FloatBuffer.allocate(STATE_SIZE);
        private final LongBuffer rate;

        private Stream(int sampleRate) {
            if (sampleRate != 8000 && sampleRate != 16000) {
                throw new IllegalArgumentException("Silero VAD takes 8000 or 16000 Hz, not " + sampleRate);
            }
            this.sampleRate = sampleRate;
            this.windowSamples = sampleRate == 16000 ? 512 : 256;
            this.contextSamples = sampleRate == 16000 ? 64 : 32;
            this.inputShape = new long[] {1, contextSamples + windowSamples};
            this.input = FloatBuffer.allocate(contextSamples + windowSamples);
            this.rate = LongBuffer.wrap(new long[] {sampleRate});
        }

        public int sampleRate() {
            return sampleRate;
        }

        /** Samples the model needs per call of {@link #probability}. */
        public int windowSamples() {
            return windowSamples;
        }

        /**
         * The probability (0..1) that this window is speech. {@code samples} holds {@link #windowSamples()} samples
         * scaled to [-1, 1] from {@code offset}.
         */
        public float probability(float[] samples, int offset) throws OrtException {
            float[] in = input.array();
            System.arraycopy(samples, offset, in, contextSamples, windowSamples);
            input.rewind();
            state.rewind();
            rate.rewind();
            try (OnnxTensor audio = OnnxTensor.createTensor(environment, input, inputShape);
                 OnnxTensor previous = OnnxTensor.createTensor(environment, state, STATE_SHAPE);
                 OnnxTensor sr = OnnxTensor.createTensor(environment, rate, new long[0]);
                 OrtSession.Result result = session.run(Map.of("input", audio, "state", previous, "sr", sr))) {
                float speech = ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
                state.clear();
                state.put(((OnnxTensor) result.get(1)).getFloatBuffer());
                // the next window is heard with the end of this one before it, as the model was trained
                System.arraycopy(in, in.length - contextSamples, in, 0, contextSamples);
                return speech;
            }
        }

        /** Forgets the audio heard so far, as at the start of a call. */
        public void reset() {
            java.util.Arrays.fill(state.array(), 0f);
            java.util.Arrays.fill(input.array(), 0f);
        }
    }
}
