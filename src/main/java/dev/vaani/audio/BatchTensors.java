package dev.vaani.audio;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * The tensors of one batch size at one rate: input {@code [n, context + window]} and state {@code [2, n, 128]} in,
 * probability {@code [n, 1]} and next state out, all over direct buffers that are rewritten in place for every batch
 * (ONNX Runtime reads and writes that memory without copying). Made once per size by an inference thread, which
 * closes them when it stops.
 */
final class BatchTensors implements AutoCloseable {

    final FloatBuffer input;
    final FloatBuffer state;
    final FloatBuffer speech;
    final FloatBuffer nextState;
    final Map<String, OnnxTensor> inputs;
    final Map<String, OnnxTensor> outputs;

    BatchTensors(SileroVad model, int sampleRate, int n) throws OrtException {
        int row = SileroVad.contextSamples(sampleRate) + SileroVad.windowSamples(sampleRate);
        long[] stateShape = {2, n, SileroVad.stateSize() / 2};
        input = directFloats(n * row);
        state = directFloats(n * SileroVad.stateSize());
        speech = directFloats(n);
        nextState = directFloats(n * SileroVad.stateSize());
        LongBuffer rate = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        rate.put(0, sampleRate);
        OrtEnvironment env = model.environment();
        inputs = Map.of("input", OnnxTensor.createTensor(env, input, new long[] {n, row}),
                "state", OnnxTensor.createTensor(env, state, stateShape),
                "sr", OnnxTensor.createTensor(env, rate, new long[0]));
        outputs = Map.of(model.speechOutput(), OnnxTensor.createTensor(env, speech, new long[] {n, 1}),
                model.stateOutput(), OnnxTensor.createTensor(env, nextState, stateShape));
    }

    private static FloatBuffer directFloats(int size) {
        return ByteBuffer.allocateDirect(size * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void close() {
        inputs.values().forEach(OnnxTensor::close);
        outputs.values().forEach(OnnxTensor::close);
    }
}
