package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.simulator.Wav;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NeuralVoiceDetectorTest {

    private static final int RATE = 8000;
    private static final int FRAME_BYTES = 320;
    private static final SileroVad vad = TestSilero.model();

    @Test
    void steadyNoiseAtMinus32DbfsIsNeverSpeech() {
        byte[] noise = new byte[RATE * 2 * 10];
        mixNoise(noise, -32, 3);
        assertThat(speechFrames(detector(AudioFormat.PHONE_8K), noise, 0, noise.length)).isZero();
    }

    @Test
    void aSentenceThroughThatNoiseIsSpeechFromNearItsOnsetToNearItsEnd() throws Exception {
        byte[] speech = callerClip();
        int lead = RATE * 2 * 3;
        byte[] audio = new byte[lead + speech.length + RATE * 2 * 2];
        System.arraycopy(speech, 0, audio, lead, speech.length);
        mixNoise(audio, -32, 5);
        int[] verdicts = verdicts(detector(AudioFormat.PHONE_8K), audio);
        int onsetFrame = (lead + firstLoudByte(speech)) / FRAME_BYTES;
        int endFrame = (lead + lastLoudByte(speech)) / FRAME_BYTES;
        assertThat(firstSpeechFrame(verdicts, 0)).as("speech found within 160 ms of its onset")
                .isBetween(onsetFrame, onsetFrame + 8);
        assertThat(lastSpeechFrame(verdicts)).as("silence found within 200 ms of its end")
                .isBetween(endFrame - 10, endFrame + 10);
    }

    @Test
    void steadyNoiseIsNotEvenAPossibleOnset() {
        byte[] noise = new byte[RATE * 2 * 10];
        mixNoise(noise, -32, 6);
        NeuralVoiceDetector detector = detector(AudioFormat.PHONE_8K);
        for (int at = 0; at + FRAME_BYTES <= noise.length; at += FRAME_BYTES) {
            assertThat(detector.process(noise, at, FRAME_BYTES)).isEqualTo(VadDecision.SILENCE);
        }
    }

    @Test
    void voicesBelowTheCallerAreNotEvenAPossibleOnset() throws Exception {
        byte[] room = babble(-30, 30);
        NeuralVoiceDetector detector = detector(AudioFormat.PHONE_8K);
        for (int at = 0; at + FRAME_BYTES <= room.length; at += FRAME_BYTES) {
            assertThat(detector.process(room, at, FRAME_BYTES)).isEqualTo(VadDecision.SILENCE);
        }
    }

    @Test
    void aWordUnderHeavyNoiseIsAPossibleOnsetBeforeTheDetectorIsSure() throws Exception {
        byte[] speech = clip("/turn-taking/speech/tune-05.wav"); // "Can you call me back...", tuning half
        int lead = RATE * 2 * 3;
        byte[] audio = new byte[lead + speech.length];
        System.arraycopy(speech, 0, audio, lead, speech.length);
        mixNoise(audio, -25, 7); // about 5 dB below the caller
        NeuralVoiceDetector detector = detector(AudioFormat.PHONE_8K);
        int firstOnset = -1;
        int firstSpeech = -1;
        for (int i = 0; i < audio.length / FRAME_BYTES && firstSpeech < 0; i++) {
            VadDecision verdict = detector.process(audio, i * FRAME_BYTES, FRAME_BYTES);
            firstOnset = firstOnset < 0 && verdict == VadDecision.ONSET ? i : firstOnset;
            firstSpeech = verdict == VadDecision.SPEECH ? i : -1;
        }
        int onsetFrame = (lead + firstLoudByte(speech)) / FRAME_BYTES;
        assertThat(firstOnset).as("a possible onset, not before the word").isGreaterThanOrEqualTo(onsetFrame);
        assertThat(firstSpeech - firstOnset).as("frames the onset comes before the detector is sure").isGreaterThanOrEqualTo(5);
    }

    @Test
    void works24kHzCallsThroughTheResampler() throws Exception {
        byte[] speech8k = callerClip();
        byte[] speech = new Resampler(8000, 24000).process(speech8k, 0, speech8k.length);
        NeuralVoiceDetector detector = detector(AudioFormat.HD_24K);
        assertThat(speechFrames(detector, speech, 0, speech.length)).isGreaterThan(20);
        assertThat(detector.inferences()).isPositive();
    }

    @Test
    void voicesTenDbBelowTheCallerAreTheRoomAndNeverStartSpeech() throws Exception {
        byte[] room = babble(-30, 30);
        NeuralVoiceDetector detector = detector(AudioFormat.PHONE_8K);
        assertThat(speechFrames(detector, room, 0, room.length)).isZero();
        assertThat(detector.bedRms()).as("the room's level, learnt").isPositive();
    }

    @Test
    void aRoomThatGrowsFifteenDbLouderIsNotSpeechOnceTheLineHasCaughtUp() throws Exception {
        byte[] quieter = babble(-40, 10);
        byte[] louder = babble(-25, 10);
        byte[] room = new byte[quieter.length + louder.length];
        System.arraycopy(quieter, 0, room, 0, quieter.length);
        System.arraycopy(louder, 0, room, quieter.length, louder.length);
        NeuralVoiceDetector detector = detector(AudioFormat.PHONE_8K);
        speechFrames(detector, room, 0, quieter.length + louder.length / 2);
        assertThat(speechFrames(detector, room, quieter.length + louder.length / 2, room.length))
                .as("speech frames 5 to 10 s after the room grew louder").isZero();
    }

    @Test
    void aCallerTenDbAboveTheRoomIsHeardFromNearTheirOnset() throws Exception {
        assertThat(firstSpeechAfterOnsetMs(-30)).as("speech found within 160 ms of its onset").isBetween(0, 160);
    }

    @Test
    void voicesFiveDbBelowTheCallerAreTheRoomAndNeverStartSpeech() throws Exception {
        byte[] room = babble(-25, 30);
        assertThat(speechFrames(detector(AudioFormat.PHONE_8K), room, 0, room.length)).isZero();
    }

    @Test
    void aCallerOnlyFiveDbAboveTheRoomIsStillHeardWithin200Ms() throws Exception {
        assertThat(firstSpeechAfterOnsetMs(-25)).isBetween(0, 200);
    }

    @Test
    void aCallerWhoHasJustAnsweredIsHeardAgainAsSoonOnALineFiveDbBelowThem() throws Exception {
        // tuning half: a paused answer, 1.7 s of the bot's reply, then an interruption, over brown noise. The model's
        // memory of the answer once taught the line that its room talks; the interruption then took 730 ms.
        byte[] answer = clip("/turn-taking/speech/tune-06-pause.wav");
        byte[] interruption = clip("/turn-taking/speech/tune-02.wav");
        int answerAt = RATE * 2 * 6;
        int interruptionAt = answerAt + lastLoudByte(answer) + RATE * 2 * 17 / 10 - firstLoudByte(interruption);
        byte[] audio = noiseBed("brown", -25, (interruptionAt + interruption.length) / (RATE * 2) + 2);
        add(audio, answer, answerAt);
        add(audio, interruption, interruptionAt);
        int onsetFrame = (interruptionAt + firstLoudByte(interruption)) / FRAME_BYTES;
        NeuralVoiceDetector detector = detector(AudioFormat.PHONE_8K);
        int firstLeaning = -1;
        for (int i = 0; i < audio.length / FRAME_BYTES && firstLeaning < 0; i++) {
            boolean leans = detector.process(audio, i * FRAME_BYTES, FRAME_BYTES).leansToSpeech();
            firstLeaning = i >= onsetFrame && leans ? i : -1;
        }
        assertThat((firstLeaning - onsetFrame) * 20).as("ms from the interruption's onset to the bot pausing")
                .isBetween(0, 200);
    }

    /** The caller at -20 dBFS, 8 s into a room talking at {@code roomDbfs}: when speech is first found. */
    private static int firstSpeechAfterOnsetMs(double roomDbfs) throws Exception {
        byte[] speech = callerClip();
        int lead = RATE * 2 * 8;
        byte[] audio = babble(roomDbfs, 8 + speech.length / (RATE * 2) + 2);
        double gain = Math.pow(10, -20 / 20.0) * 32768 / activeRms(speech);
        for (int i = 0; i + 1 < speech.length; i += 2) {
            int at = lead + i;
            Pcm16.putSample(audio, at, Pcm16.clip(Pcm16.sample(audio, at) + (int) Math.round(Pcm16.sample(speech, i) * gain)));
        }
        int onsetFrame = (lead + firstLoudByte(speech)) / FRAME_BYTES;
        int first = firstSpeechFrame(verdicts(detector(AudioFormat.PHONE_8K), audio), onsetFrame - 25);
        return first < 0 ? -1 : (first - onsetFrame) * 20;
    }

    @Test
    void quietWindowsSkipTheModel() {
        NeuralVoiceDetector detector = detector(AudioFormat.PHONE_8K);
        byte[] silence = new byte[RATE * 2 * 2];
        speechFrames(detector, silence, 0, silence.length);
        assertThat(detector.inferences()).isZero();
        assertThat(detector.gatedWindows()).isEqualTo(2000 / 32);
    }

    private static NeuralVoiceDetector detector(AudioFormat format) {
        return new NeuralVoiceDetector(vad, format, NeuralVadSettings.DEFAULTS);
    }

    private static int[] verdicts(NeuralVoiceDetector detector, byte[] audio) {
        int[] out = new int[audio.length / FRAME_BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = detector.process(audio, i * FRAME_BYTES, FRAME_BYTES).isSpeech() ? 1 : 0;
        }
        return out;
    }

    private static int speechFrames(NeuralVoiceDetector detector, byte[] audio, int from, int to) {
        int count = 0;
        for (int at = from; at + FRAME_BYTES <= to; at += FRAME_BYTES) {
            count += detector.process(audio, at, FRAME_BYTES).isSpeech() ? 1 : 0;
        }
        return count;
    }

    private static void add(byte[] audio, byte[] clip, int at) {
        for (int i = 0; i + 1 < clip.length && at + i + 1 < audio.length; i += 2) {
            Pcm16.putSample(audio, at + i, Pcm16.clip(Pcm16.sample(audio, at + i) + Pcm16.sample(clip, i)));
        }
    }

    private static int firstSpeechFrame(int[] verdicts, int from) {
        for (int i = from; i < verdicts.length; i++) {
            if (verdicts[i] == 1) {
                return i;
            }
        }
        return -1;
    }

    private static int lastSpeechFrame(int[] verdicts) {
        for (int i = verdicts.length - 1; i >= 0; i--) {
            if (verdicts[i] == 1) {
                return i;
            }
        }
        return -1;
    }

    private static int firstLoudByte(byte[] pcm) {
        for (int i = 0; i + FRAME_BYTES <= pcm.length; i += FRAME_BYTES) {
            if (Pcm16.rms(pcm, i, FRAME_BYTES) > 500) {
                return i;
            }
        }
        return -1;
    }

    private static int lastLoudByte(byte[] pcm) {
        for (int i = pcm.length - FRAME_BYTES; i >= 0; i -= FRAME_BYTES) {
            if (Pcm16.rms(pcm, i, FRAME_BYTES) > 500) {
                return i + FRAME_BYTES;
            }
        }
        return -1;
    }

    private static byte[] callerClip() throws Exception {
        return clip("/simulator/clips/yes-good-time.wav");
    }

    private static byte[] clip(String resource) throws Exception {
        try (InputStream in = NeuralVoiceDetectorTest.class.getResourceAsStream(resource)) {
            return Wav.readMono16(in.readAllBytes(), resource).data();
        }
    }

    /** The evaluation's babble bed (four voices at once), looped to {@code seconds} at {@code dbfs} RMS. */
    private static byte[] babble(double dbfs, int seconds) throws Exception {
        return noiseBed("babble", dbfs, seconds);
    }

    private static byte[] noiseBed(String name, double dbfs, int seconds) throws Exception {
        byte[] bed = clip("/turn-taking/noise/" + name + ".wav");
        double gain = Math.pow(10, dbfs / 20) * 32768 / Pcm16.rms(bed);
        byte[] out = new byte[RATE * 2 * seconds];
        for (int i = 0; i + 1 < out.length; i += 2) {
            Pcm16.putSample(out, i, Pcm16.clip((int) Math.round(Pcm16.sample(bed, i % bed.length) * gain)));
        }
        return out;
    }

    /** RMS of the clip's loud 20 ms frames: its active speech level, as the evaluation measures it. */
    private static double activeRms(byte[] pcm) {
        double sum = 0;
        int frames = 0;
        for (int at = 0; at + FRAME_BYTES <= pcm.length; at += FRAME_BYTES) {
            double rms = Pcm16.rms(pcm, at, FRAME_BYTES);
            if (rms > 300) {
                sum += rms * rms;
                frames++;
            }
        }
        return Math.sqrt(sum / frames);
    }

    /** Low-passed white noise at {@code dbfs} RMS, as the simulator's {@code --noise-dbfs} makes it. */
    static void mixNoise(byte[] pcm, double dbfs, long seed) {
        Random random = new Random(seed);
        double sigma = 32768 * Math.pow(10, dbfs / 20) * Math.sqrt(3);
        double smoothed = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            smoothed = 0.5 * smoothed + 0.5 * random.nextGaussian() * sigma;
            Pcm16.putSample(pcm, i, Pcm16.clip(Pcm16.sample(pcm, i) + (int) Math.round(smoothed)));
        }
    }
}
