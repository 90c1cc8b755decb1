package dev.vaani.benchmark;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.EnergyVad;
import dev.vaani.audio.NeuralVadSettings;
import dev.vaani.audio.NeuralVoiceDetector;
import dev.vaani.audio.SileroVad;
import dev.vaani.audio.VoiceActivityDetector;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * CPU cost of voice activity detection per second of call audio (JMH-free): 20 ms frames of 8 kHz audio through the
 * neural detector on a noisy line (the energy gate opens on every window, so the model runs all the time: the worst
 * case), on a quiet line (the gate skips the model), at 24 kHz (resampled to 16 kHz, 512-sample windows), and
 * through the energy detector for comparison. CPU time is this thread's, so it is the cost for one call; the model
 * runs single-threaded.
 *
 * <pre>./mvnw -q test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.args="-cp %classpath dev.vaani.benchmark.NeuralVadBenchmark" -Dexec.classpathScope=test</pre>
 */
public final class NeuralVadBenchmark {

    private NeuralVadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        try (SileroVad model = SileroVad.loadBundled()) {
            byte[] noisy8k = noise(8000, seconds, -32);
            byte[] quiet8k = new byte[noisy8k.length];
            byte[] noisy24k = noise(24000, seconds, -32);
            // warm-up: JIT and ONNX Runtime's first runs
            measure(new NeuralVoiceDetector(model, AudioFormat.PHONE_8K, NeuralVadSettings.DEFAULTS), noisy8k, 8000);
            report("neural, noisy line (model on every window), 8 kHz",
                    new NeuralVoiceDetector(model, AudioFormat.PHONE_8K, NeuralVadSettings.DEFAULTS), noisy8k, 8000, seconds);
            report("neural, quiet line (energy gate skips the model), 8 kHz",
                    new NeuralVoiceDetector(model, AudioFormat.PHONE_8K, NeuralVadSettings.DEFAULTS), quiet8k, 8000, seconds);
            report("neural, noisy line, 24 kHz (resampled to 16 kHz)",
                    new NeuralVoiceDetector(model, AudioFormat.HD_24K, NeuralVadSettings.DEFAULTS), noisy24k, 24000, seconds);
            report("energy detector, noisy line, 8 kHz", new EnergyVad(AudioFormat.PHONE_8K), noisy8k, 8000, seconds);
        }
        batching(seconds);
    }

    /**
     * Would batching the windows of many calls into one inference be cheaper? The same model and session options,
     * run on {@code calls} windows at once (input [calls, 288], state [2, calls, 128]): CPU per window.
     */
    private static void batching(int seconds) throws Exception {
        byte[] model;
        try (var in = NeuralVadBenchmark.class.getClassLoader().getResourceAsStream(SileroVad.BUNDLED_MODEL)) {
            model = in.readAllBytes();
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (var options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (var session = environment.createSession(model, options)) {
                int windows = seconds * 1000 / 32; // one call's windows in the measured time
                for (int calls : new int[] {1, 1, 4, 16, 64}) { // the first run of 1 warms up
                    Random random = new Random(calls);
                    float[] input = new float[calls * 288];
                    for (int i = 0; i < input.length; i++) {
                        input[i] = (float) (random.nextGaussian() * 0.02);
                    }
                    float[] state = new float[2 * calls * 128];
                    com.sun.management.ThreadMXBean threads =
                            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    int runs = Math.max(1, windows / calls);
                    try (var rate = OnnxTensor.createTensor(environment, 8000L)) {
                        for (int run = 0; run < runs; run++) {
                            try (var in = OnnxTensor.createTensor(environment,
                                    FloatBuffer.wrap(input), new long[] {calls, 288});
                                 var st = OnnxTensor.createTensor(environment,
                                         FloatBuffer.wrap(state), new long[] {2, calls, 128});
                                 var result = session.run(Map.of("input", in, "state", st, "sr", rate))) {
                                ((OnnxTensor) result.get(1)).getFloatBuffer().get(state);
                            }
                        }
                    }
                    double usPerWindow = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / ((double) runs * calls);
                    System.out.printf(Locale.ROOT, "batched inference, %2d calls' windows per run: %6.1f µs CPU per "
                            + "window (tensors made per run)%n", calls, usPerWindow);
                }
            }
        }
    }

    private static void report(String name, VoiceActivityDetector vad, byte[] pcm, int rate, int seconds) {
        long[] cpuAndAlloc = measure(vad, pcm, rate);
        double cpuMsPerCallSecond = cpuAndAlloc[0] / 1e6 / seconds;
        System.out.printf(Locale.ROOT, "%-58s %7.3f ms CPU per call-second (%5.2f %% of a core; %4.0f calls per core), "
                        + "%6.0f bytes allocated per call-second%n", name, cpuMsPerCallSecond, cpuMsPerCallSecond / 10,
                1000 / cpuMsPerCallSecond, (double) cpuAndAlloc[1] / seconds);
    }

    private static long[] measure(VoiceActivityDetector vad, byte[] pcm, int rate) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        int frame = rate / 50 * 2;
        long speech = 0;
        long alloc0 = threads.getThreadAllocatedBytes(thread);
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int at = 0; at + frame <= pcm.length; at += frame) {
            speech += vad.process(pcm, at, frame).isSpeech() ? 1 : 0;
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long alloc = threads.getThreadAllocatedBytes(thread) - alloc0;
        if (speech < 0) {
            System.out.println(speech);
        }
        return new long[] {cpu, alloc};
    }

    private static byte[] noise(int rate, int seconds, double dbfs) {
        Random random = new Random(1);
        byte[] pcm = new byte[rate * seconds * 2];
        double sigma = 32768 * Math.pow(10, dbfs / 20) * Math.sqrt(3);
        double smoothed = 0;
        for (int i = 0; i < pcm.length; i += 2) {
            smoothed = 0.5 * smoothed + 0.5 * random.nextGaussian() * sigma;
            int s = (int) Math.max(-32768, Math.min(32767, Math.round(smoothed)));
            pcm[i] = (byte) s;
            pcm[i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }
}
