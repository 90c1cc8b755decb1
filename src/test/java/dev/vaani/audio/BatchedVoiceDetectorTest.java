package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.SerialExecutor;
import dev.vaani.simulator.Wav;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchedVoiceDetectorTest {

    private static final int RATE = 8000;
    private static final int FRAME_BYTES = 320;
    private static final SileroVad model = TestSilero.model();

    @Test
    void givesEveryFrameTheVerdictTheCallsOwnDetectorGives() throws Exception {
        byte[] line = line(5, -32);
        try (SileroBatcher batcher = new SileroBatcher(model, 1)) {
            Call call = new Call(batcher, AudioFormat.PHONE_8K, line);
            call.play();
            assertThat(call.verdicts()).isEqualTo(alone(AudioFormat.PHONE_8K, line));
        }
    }

    @Test
    void givesTheCallsOwnDetectorsVerdictsOverATalkingRoomWhereTheModelsMemoryCounts() throws Exception {
        byte[] line = talkingRoom();
        try (SileroBatcher batcher = new SileroBatcher(model, 1)) {
            Call call = new Call(batcher, AudioFormat.PHONE_8K, line);
            call.play();
            assertThat(call.verdicts()).isEqualTo(alone(AudioFormat.PHONE_8K, line));
        }
    }

    @Test
    void manyCallsAtOnceEachGetTheirOwnVerdicts() throws Exception {
        List<Call> calls = new ArrayList<>();
        try (SileroBatcher batcher = new SileroBatcher(model, 1)) {
            for (int i = 0; i < 8; i++) {
                calls.add(new Call(batcher, AudioFormat.PHONE_8K, line(i + 1, -26 - i)));
            }
            for (Call call : calls) {
                call.startPlaying();
            }
            for (Call call : calls) {
                call.awaitAllFrames();
            }
            assertThat(batcher.batches()).as("calls' windows were scored together").isLessThan(batcher.windows());
        }
        for (Call call : calls) {
            assertThat(call.verdicts()).isEqualTo(alone(AudioFormat.PHONE_8K, call.audio));
        }
    }

    @Test
    void aHundredCallsOnVirtualThreadsEachGetEveryFrameBack() throws Exception {
        byte[] line = line(4, -30);
        int calls = 100;
        int messages = line.length / (5 * FRAME_BYTES);
        CountDownLatch allFrames = new CountDownLatch(calls * messages * 5);
        try (SileroBatcher batcher = new SileroBatcher(model, 1);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<SerialExecutor> callThreads = new ArrayList<>();
            List<BatchedVoiceDetector> detectors = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                SerialExecutor callThread = new SerialExecutor(threads, "call " + i); // as a live call runs
                callThreads.add(callThread);
                detectors.add(new BatchedVoiceDetector(batcher, AudioFormat.PHONE_8K, NeuralVadSettings.DEFAULTS,
                        callThread, (speech, frame, offset, length) -> allFrames.countDown()));
            }
            // media messages of 100 ms, every call's in turn, as a busy server receives them
            for (int m = 0; m < messages; m++) {
                int at = m * 5 * FRAME_BYTES;
                for (int i = 0; i < calls; i++) {
                    BatchedVoiceDetector detector = detectors.get(i);
                    int message = at;
                    callThreads.get(i).execute(() -> {
                        for (int f = 0; f < 5; f++) {
                            detector.accept(line, message + f * FRAME_BYTES, FRAME_BYTES);
                        }
                    });
                }
            }
            assertThat(allFrames.await(120, TimeUnit.SECONDS)).as("frames never answered: %d", allFrames.getCount())
                    .isTrue();
        }
    }

    @Test
    void works24kHzCallsThroughTheResampler() throws Exception {
        byte[] line8k = line(2, -32);
        byte[] line = new Resampler(8000, 24000).process(line8k, 0, line8k.length);
        try (SileroBatcher batcher = new SileroBatcher(model, 1)) {
            Call call = new Call(batcher, AudioFormat.HD_24K, line);
            call.play();
            int[] verdicts = call.verdicts();
            assertThat(verdicts).isEqualTo(alone(AudioFormat.HD_24K, line));
            assertThat(Arrays.stream(verdicts).filter(v -> v == VadDecision.SPEECH.ordinal()).count()).as("speech frames")
                    .isGreaterThan(20);
        }
    }

    @Test
    void framesOfAQuietLinePassStraightThrough() throws Exception {
        try (SileroBatcher batcher = new SileroBatcher(model, 1)) {
            List<Boolean> heard = new ArrayList<>();
            BatchedVoiceDetector detector = new BatchedVoiceDetector(batcher, AudioFormat.PHONE_8K,
                    NeuralVadSettings.DEFAULTS, task -> {
                        throw new AssertionError("a quiet line never waits for the model");
                    }, (verdict, frame, offset, length) -> heard.add(verdict.isSpeech()));
            byte[] silence = new byte[FRAME_BYTES];
            for (int i = 0; i < 100; i++) {
                detector.accept(silence, 0, FRAME_BYTES);
                assertThat(heard).as("frame %d answered at once", i).hasSize(i + 1);
            }
            assertThat(heard).containsOnly(false);
            assertThat(batcher.windows()).isZero();
        }
    }

    @Test
    void aCallWhoseWindowsAreNeverScoredStillGetsEveryFrameBackASecondLate() throws Exception {
        SileroBatcher stopped = new SileroBatcher(model, 1);
        stopped.close(); // windows handed to it now wait forever
        List<Boolean> heard = new ArrayList<>();
        long[] nanos = {0};
        BatchedVoiceDetector detector = new BatchedVoiceDetector(stopped, AudioFormat.PHONE_8K,
                NeuralVadSettings.DEFAULTS, Runnable::run, (verdict, frame, offset, length) -> heard.add(verdict.isSpeech()),
                () -> nanos[0]);
        byte[] line = line(6, -30);
        int frames = line.length / FRAME_BYTES;
        for (int i = 0; i < frames; i++) {
            nanos[0] = i * 20_000_000L; // real time: a frame every 20 ms
            detector.accept(line, i * FRAME_BYTES, FRAME_BYTES);
            assertThat(detector.framesWaiting()).as("frame %d", i).isLessThanOrEqualTo(51);
        }
        assertThat(heard.size()).isGreaterThanOrEqualTo(frames - 51);
        assertThat(heard).as("unscored windows count as silence").containsOnly(false);
        assertThat(detector.lateWindows()).isPositive();
    }

    @Test
    void framesAreHandedBackUnchangedAndInOrder() throws Exception {
        byte[] line = line(3, -30);
        try (SileroBatcher batcher = new SileroBatcher(model, 1)) {
            Call call = new Call(batcher, AudioFormat.PHONE_8K, line);
            call.play();
            assertThat(call.returned.toByteArray()).isEqualTo(Arrays.copyOf(line, call.frames * call.frameBytes));
        }
    }

    /** One call: its frames fed on its own serial thread, as a live call's executor would. */
    private static final class Call {
        final byte[] audio;
        final int frameBytes;
        final int frames;
        final ExecutorService thread = Executors.newSingleThreadExecutor();
        final int[] verdicts;
        final java.io.ByteArrayOutputStream returned = new java.io.ByteArrayOutputStream();
        final CountDownLatch allHeard;
        final BatchedVoiceDetector detector;
        int heard;

        Call(SileroBatcher batcher, AudioFormat format, byte[] audio) {
            this.audio = audio;
            this.frameBytes = format.frameBytes(20);
            this.frames = audio.length / frameBytes;
            this.verdicts = new int[frames];
            this.allHeard = new CountDownLatch(frames);
            this.detector = new BatchedVoiceDetector(batcher, format, NeuralVadSettings.DEFAULTS, thread,
                    (verdict, frame, offset, length) -> {
                        verdicts[heard++] = verdict.ordinal();
                        returned.write(frame, offset, length);
                        allHeard.countDown();
                    });
        }

        void startPlaying() {
            for (int i = 0; i < frames; i++) {
                int at = i * frameBytes;
                thread.execute(() -> detector.accept(audio, at, frameBytes));
            }
        }

        void awaitAllFrames() throws Exception {
            assertThat(allHeard.await(60, TimeUnit.SECONDS)).as("every frame got its verdict").isTrue();
            thread.submit(detector::close).get();
            thread.shutdown();
        }

        void play() throws Exception {
            startPlaying();
            awaitAllFrames();
        }

        int[] verdicts() {
            return verdicts;
        }
    }

    private static int[] alone(AudioFormat format, byte[] audio) {
        NeuralVoiceDetector detector = new NeuralVoiceDetector(model, format, NeuralVadSettings.DEFAULTS);
        int frameBytes = format.frameBytes(20);
        int[] out = new int[audio.length / frameBytes];
        for (int i = 0; i < out.length; i++) {
            out[i] = detector.process(audio, i * frameBytes, frameBytes).ordinal();
        }
        detector.close();
        return out;
    }

    /**
     * The crowd of four 5 dB under four callers in turn, 3 s apart: where a window 2x the room's bed starts speech only
     * when the model's memory is sure of a caller.
     */
    private static byte[] talkingRoom() throws Exception {
        byte[] room = clip("/turn-taking/check/crowd4.wav");
        double gain = 32768 * Math.pow(10, -25 / 20.0) / Pcm16.rms(room);
        byte[] line = new byte[RATE * 2 * 30];
        for (int i = 0; i + 1 < line.length; i += 2) {
            Pcm16.putSample(line, i, (int) Math.round(Pcm16.sample(room, i % room.length) * gain));
        }
        int at = RATE * 2 * 6;
        for (String sentence : new String[] {"blind-01", "blind-02", "blind-03", "blind-04"}) {
            byte[] caller = clip("/turn-taking/speech/" + sentence + ".wav");
            for (int i = 0; i + 1 < caller.length && at + i + 1 < line.length; i += 2) {
                Pcm16.putSample(line, at + i, Pcm16.clip(Pcm16.sample(line, at + i) + Pcm16.sample(caller, i)));
            }
            at += caller.length + RATE * 2 * 3;
        }
        return line;
    }

    private static byte[] clip(String resource) throws Exception {
        try (InputStream in = BatchedVoiceDetectorTest.class.getResourceAsStream(resource)) {
            return Wav.readMono16(in.readAllBytes(), resource).data();
        }
    }

    /**
     * A line with everything the detector does: a second of silence (gated), the caller over noise at
     * {@code noiseDbfs}, two quiet seconds (the model is cleared), the caller again.
     */
    private static byte[] line(long seed, double noiseDbfs) throws Exception {
        byte[] speech;
        try (InputStream in = BatchedVoiceDetectorTest.class.getResourceAsStream("/simulator/clips/yes-good-time.wav")) {
            speech = Wav.readMono16(in.readAllBytes(), "yes-good-time.wav").data();
        }
        int second = RATE * 2;
        byte[] noisy = new byte[second * 2 + speech.length];
        System.arraycopy(speech, 0, noisy, second, speech.length);
        NeuralVoiceDetectorTest.mixNoise(noisy, noiseDbfs, seed);
        byte[] line = new byte[second + noisy.length + second * 2 + speech.length];
        System.arraycopy(noisy, 0, line, second, noisy.length);
        System.arraycopy(speech, 0, line, second + noisy.length + second * 2, speech.length);
        return line;
    }
}
