package dev.vaani.benchmark;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.EnergyVad;
import dev.vaani.audio.NeuralVadSettings;
import dev.vaani.audio.NeuralVoiceDetector;
import dev.vaani.audio.Pcm16;
import dev.vaani.audio.SileroBatcher;
import dev.vaani.audio.SileroVad;
import dev.vaani.audio.VoiceActivityDetector;
import dev.vaani.simulator.Wav;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * CPU cost of voice activity detection per second of call audio (JMH-free): 20 ms frames of 8 kHz audio through the
 * neural detector on a noisy line (the energy gate opens on every window, so the model runs all the time: the worst
 * case), on a quiet line (the gate skips the model), in a talking room (babble and a caller), at 24 kHz (resampled
 * to 16 kHz, 512-sample windows), and through the energy detector for comparison. CPU time is this thread's, so it
 * is the cost for one call; the model runs single-threaded.
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
            report("neural, talking room (babble, a sentence every 4 s), 8 kHz",
                    new NeuralVoiceDetector(model, AudioFormat.PHONE_8K, NeuralVadSettings.DEFAULTS),
                    talkingRoom(seconds), 8000, seconds);
            report("neural, noisy line, 24 kHz (resampled to 16 kHz)",
                    new NeuralVoiceDetector(model, AudioFormat.HD_24K, NeuralVadSettings.DEFAULTS), noisy24k, 24000, seconds);
            report("energy detector, noisy line, 8 kHz", new EnergyVad(AudioFormat.PHONE_8K), noisy8k, 8000, seconds);
            batching(model, Math.min(seconds, 20));
        }
    }

    /**
     * The live calls' path: {@code calls} streams of one {@link SileroBatcher} (one inference thread), each handing
     * over {@code seconds} of windows at once, interleaved as many calls' audio would arrive; the process's CPU per
     * window scored (hand-over, batching, inference and the probability's return) and the mean windows per inference.
     */
    private static void batching(SileroVad model, int seconds) throws Exception {
        int windows = seconds * 1000 / 32;
        float[] audio = new float[windows * 256];
        Random random = new Random(1);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (random.nextGaussian() * 0.02);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int calls : new int[] {1, 1, 4, 16, 64}) { // the first run of 1 warms up
            CountDownLatch scored = new CountDownLatch(calls * windows);
            try (SileroBatcher batcher = new SileroBatcher(model, 1)) {
                List<SileroBatcher.Stream> streams = new ArrayList<>();
                for (int call = 0; call < calls; call++) {
                    streams.add(batcher.newStream(8000, (window, p, stateTerm) -> scored.countDown()));
                }
                long cpu0 = os.getProcessCpuTime();
                for (int w = 0; w < windows; w++) {
                    for (SileroBatcher.Stream stream : streams) {
                        stream.submit(audio, w * 256, w, false);
                    }
                }
                scored.await();
                double usPerWindow = (os.getProcessCpuTime() - cpu0) / 1e3 / ((double) calls * windows);
                System.out.printf(Locale.ROOT, "batched (SileroBatcher, 1 thread), %2d calls talking: %6.1f µs CPU "
                                + "per window, %4.1f windows per inference%n", calls, usPerWindow,
                        (double) batcher.windows() / batcher.batches());
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

    /**
     * The evaluation's babble at -30 dBFS, 10 dB under a caller saying a tuning sentence every 4 s: the detector's
     * talking-room rules (the bed, standing out from it, the room measure) run on every window.
     */
    private static byte[] talkingRoom(int seconds) throws Exception {
        byte[] bed = resource("/turn-taking/noise/babble.wav");
        byte[] sentence = resource("/turn-taking/speech/tune-01.wav");
        double gain = 32768 * Math.pow(10, -30 / 20.0) / Pcm16.rms(bed);
        byte[] pcm = new byte[8000 * seconds * 2];
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            int caller = i % (4 * 16000) < sentence.length - 1 ? Pcm16.sample(sentence, i % (4 * 16000)) : 0;
            Pcm16.putSample(pcm, i, Pcm16.clip(caller + (int) Math.round(Pcm16.sample(bed, i % bed.length) * gain)));
        }
        return pcm;
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = NeuralVadBenchmark.class.getResourceAsStream(name)) {
            return Wav.readMono16(in.readAllBytes(), name).data();
        }
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
