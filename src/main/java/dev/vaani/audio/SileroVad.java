package dev.vaani.audio;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Silero VAD v5 model (MIT, bundled under {@code vad/}), run with ONNX Runtime: one session per process, shared
 * by every call ({@link OrtSession#run} is thread-safe), and a {@link Stream} per call that owns the model's
 * recurrent state and audio context, run on the caller's own thread. Live calls normally score their windows
 * together instead, through a {@link SileroBatcher}.
 *
 * <p>The model takes windows of 256 samples at 8 kHz or 512 at 16 kHz, each preceded by the last 32 / 64 samples
 * of the previous window, plus a {@code [2, 1, 128]} state; it answers the probability that the window is speech
 * and the next state.
 *
 * <p>Inference runs for every window a call's energy gate lets through, so it allocates next to nothing: each stream
 * creates its tensors once over direct buffers it rewrites in place (ONNX Runtime reads and writes that memory
 * without copying), outputs included, and closes them with the call.
 */
public final class SileroVad implements AutoCloseable {

    public static final String BUNDLED_MODEL = "vad/silero_vad_v5.onnx";
    private static final int STATE_SIZE = 2 * 128;
    private static final long[] STATE_SHAPE = {2, 1, 128};

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String speechOutput;
    private final String stateOutput;
    private final RoomVoiceProbe roomVoiceProbe;

    private SileroVad(OrtEnvironment environment, OrtSession session, RoomVoiceProbe roomVoiceProbe) {
        this.environment = environment;
        this.session = session;
        this.roomVoiceProbe = roomVoiceProbe;
        List<String> outputs = List.copyOf(session.getOutputNames()); // ordered: probability, next state
        this.speechOutput = outputs.get(0);
        this.stateOutput = outputs.get(1);
    }

    /**
     * Loads the model shipped in the jar, with the room-voice probe trained on its state; fails when ONNX Runtime's
     * native library cannot load on this machine.
     */
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
            return new SileroVad(environment, environment.createSession(model, options), RoomVoiceProbe.loadBundled());
        }
    }

    /** Samples of one model window at 8000 or 16000 Hz: 32 ms. */
    static int windowSamples(int sampleRate) {
        return sampleRate == 16000 ? 512 : 256;
    }

    /** Samples of the previous window that precede each window in the model's input. */
    static int contextSamples(int sampleRate) {
        return sampleRate == 16000 ? 64 : 32;
    }

    static int stateSize() {
        return STATE_SIZE;
    }

    /** Reads this model's memory: a caller's first words or a room of voices. */
    RoomVoiceProbe roomVoiceProbe() {
        return roomVoiceProbe;
    }

    OrtEnvironment environment() {
        return environment;
    }

    OrtSession session() {
        return session;
    }

    String speechOutput() {
        return speechOutput;
    }

    String stateOutput() {
        return stateOutput;
    }

    /**
     * A new per-call stream at 8000 or 16000 Hz (other rates must be resampled to one of these first). It holds native
     * tensors: {@link Stream#close() close} it when the call ends.
     */
    public Stream newStream(int sampleRate) {
        try {
            return new Stream(sampleRate);
        } catch (OrtException e) {
            throw new IllegalStateException("Silero VAD could not allocate its tensors: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    private static FloatBuffer directFloats(int size) {
        return ByteBuffer.allocateDirect(size * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** One call's model state; not thread-safe, used by one call at a time. */
    public final class Stream implements AutoCloseable {
        private final int sampleRate;
        private final int windowSamples;
        private final int contextSamples;
        /** The model's input window: the previous window's last samples, then this window. */
        private final float[] window;
        private final FloatBuffer input;
        private final FloatBuffer state;
        private final FloatBuffer speech;
        private final FloatBuffer nextState;
        private final OnnxTensor inputTensor;
        private final OnnxTensor stateTensor;
        private final OnnxTensor rateTensor;
        private final OnnxTensor speechTensor;
        private final OnnxTensor nextStateTensor;
        private final Map<String, OnnxTensor> inputs;
        private final Map<String, OnnxTensor> outputs;
        private boolean closed;

        private Stream(int sampleRate) throws OrtException {
            if (sampleRate != 8000 && sampleRate != 16000) {
                throw new IllegalArgumentException("Silero VAD takes 8000 or 16000 Hz, not " + sampleRate);
            }
            this.sampleRate = sampleRate;
            this.windowSamples = SileroVad.windowSamples(sampleRate);
            this.contextSamples = SileroVad.contextSamples(sampleRate);
            this.window = new float[contextSamples + windowSamples];
            this.input = directFloats(window.length);
            this.state = directFloats(STATE_SIZE);
            this.speech = directFloats(1);
            this.nextState = directFloats(STATE_SIZE);
            LongBuffer rate = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
            rate.put(0, sampleRate);
            this.inputTensor = OnnxTensor.createTensor(environment, input, new long[] {1, window.length});
            this.stateTensor = OnnxTensor.createTensor(environment, state, STATE_SHAPE);
            this.rateTensor = OnnxTensor.createTensor(environment, rate, new long[0]);
            this.speechTensor = OnnxTensor.createTensor(environment, speech, new long[] {1, 1});
            this.nextStateTensor = OnnxTensor.createTensor(environment, nextState, STATE_SHAPE);
            this.inputs = Map.of("input", inputTensor, "state", stateTensor, "sr", rateTensor);
            this.outputs = Map.of(speechOutput, speechTensor, stateOutput, nextStateTensor);
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
            if (closed) {
                throw new IllegalStateException("this Silero VAD stream is closed");
            }
            System.arraycopy(samples, offset, window, contextSamples, windowSamples);
            input.put(0, window);
            // the outputs are pinned to our own tensors: the result owns nothing and its close frees nothing native
            try (OrtSession.Result ignored = session.run(inputs, outputs)) {
                state.put(0, nextState, 0, STATE_SIZE);
            }
            // the next window is heard with the end of this one before it, as the model was trained
            System.arraycopy(window, window.length - contextSamples, window, 0, contextSamples);
            return speech.get(0);
        }

        /** Forgets the audio heard so far, as at the start of a call. */
        public void reset() {
            Arrays.fill(window, 0f);
            for (int i = 0; i < STATE_SIZE; i++) {
                state.put(i, 0f);
            }
        }

        /**
         * The model's memory after the last window ({@code [2, 1, 128]}, flattened), into {@code into}: what it carries
         * to the next window, for the {@link RoomVoiceProbe}.
         */
        void copyState(float[] into) {
            state.get(0, into, 0, STATE_SIZE);
        }

        /** Frees the stream's native tensors; the shared model stays loaded. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            inputTensor.close();
            stateTensor.close();
            rateTensor.close();
            speechTensor.close();
            nextStateTensor.close();
        }
    }
}
