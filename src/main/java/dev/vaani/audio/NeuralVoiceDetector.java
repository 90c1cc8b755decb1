package dev.vaani.audio;

import ai.onnxruntime.OrtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speech, not energy: a frame is speech when the Silero model says so, with hysteresis. One per call.
 *
 * <ul>
 *   <li><b>Energy gate.</b> Windows quieter than {@link NeuralVadSettings#gateRms()} are silence without running the
 *       model, so a quiet line costs almost nothing; after a long quiet stretch the model's memory is cleared.</li>
 *   <li><b>Hysteresis.</b> Speech starts when the probability reaches the start threshold for
 *       {@code startWindows} windows in a row and stops only when it stays below the stop threshold for
 *       {@code stopMs}; values in between keep the current verdict, so a word's soft ending does not flicker.</li>
 *   <li><b>Back to the line's own level.</b> After speech the model's memory keeps its probability high for about
 *       half a second on a noisy line; a window whose energy is back near the line's noise floor counts towards
 *       stopping too, so the end of a turn is heard as soon as the caller stops.</li>
 *   <li><b>Adapting to the line.</b> The start threshold rises above what the line's own noise scores (a moving
 *       average of the probability on non-speech windows), so a noisy line needs clearer speech.</li>
 *   <li><b>Standing out from a talking room.</b> Babble (other people talking near the caller) is speech to the
 *       model, so probability alone cannot reject it. On a line whose room talks (its non-speech windows average a
 *       speech probability of 0.15 or more), speech starts only in a window {@code standoutFactor} (3×, about
 *       10 dB) above the line's bed, the level the line sits at for 70 % of the last {@code bedMs} (4 s), and stops
 *       once the line is back within 1.5× of the bed. A caller close to the phone stands out from the room; the
 *       room's voices do not. A quiet line's bed is near zero,
 *       so there it costs nothing; a pause shorter than 30 % of the window does not lower the bed. Speech cannot
 *       start in the call's first second, while the bed is learnt (the greeting is protected longer than that).</li>
 * </ul>
 *
 * <p>Frames of any size at 8, 16 or 24 kHz (24 kHz is resampled to 16 kHz); verdicts change once per model window
 * (32 ms). Per-frame work reuses its buffers. Not thread-safe.
 */
public final class NeuralVoiceDetector implements VoiceActivityDetector {

    private static final Logger log = LoggerFactory.getLogger(NeuralVoiceDetector.class);
    private static final float SCALE = 1f / 32768f;
    private static final double BED_QUANTILE = 0.3; // the line sits at or above this level 70 % of the time
    private static final int BED_MIN_MS = 1000;      // the bed is known after a second of the line
    // A room whose windows average this probability or more is talking (babble scored 0.2-0.45 on the evaluation's
    // tuning half, white, pink, brown noise and hum 0.00-0.01).
    private static final float ROOM_TALKS = 0.15f;
    // Where the room talks, the caller has stopped once the line is back within 1.5x (3.5 dB) of the bed.
    private static final double ROOM_STOP_FACTOR = 1.5;

    private final SileroVad.Stream model;
    private final NeuralVadSettings settings;
    private final Resampler resampler;
    private final byte[] resampled;
    private final int resampleStepBytes;
    private final float[] window;
    private final int windowSamples;
    private final int windowMs;
    private int filled;
    private double windowSquares;
    private boolean speech;
    private int startRun;
    private int belowStopMs;
    private int gatedMs;
    private float probability;
    private float noiseProbability;
    private double noiseFloorRms;
    private final float[] bed;        // the last bedMs of window RMS, a ring
    private final float[] bedSorted;  // scratch for the quantile, reused
    private int bedCount;
    private int bedAt;
    private double bedRms;
    private float roomSpeechiness;
    private long inferences;
    private long gatedWindows;
    private boolean failed;

    public NeuralVoiceDetector(SileroVad vad, AudioFormat format, NeuralVadSettings settings) {
        int modelRate = format.sampleRate() == 8000 ? 8000 : 16000;
        this.model = vad.newStream(modelRate);
        this.settings = settings;
        this.resampler = format.sampleRate() == modelRate ? null : new Resampler(format.sampleRate(), modelRate);
        this.resampleStepBytes = format.frameBytes(100);
        this.resampled = resampler == null ? null : new byte[resampler.maxOutputBytes(resampleStepBytes)];
        this.windowSamples = model.windowSamples();
        this.window = new float[windowSamples];
        this.windowMs = windowSamples * 1000 / modelRate;
        this.bed = new float[Math.max(1, settings.bedMs() / windowMs)];
        this.bedSorted = new float[bed.length];
    }

    @Override
    public VadDecision process(byte[] frame, int offset, int length) {
        if (resampler == null) {
            take(frame, offset, length);
        } else {
            // 100 ms of input at a time keeps the reused output buffer big enough for any frame size
            for (int at = offset; at < offset + length; at += resampleStepBytes) {
                int n = Math.min(resampleStepBytes, offset + length - at);
                take(resampled, 0, resampler.process(frame, at, n, resampled, 0));
            }
        }
        return speech ? VadDecision.SPEECH : VadDecision.SILENCE;
    }

    private void take(byte[] pcm, int offset, int length) {
        for (int i = offset; i + 1 < offset + length; i += 2) {
            float sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            window[filled++] = sample * SCALE;
            windowSquares += (double) sample * sample;
            if (filled == windowSamples) {
                onWindow(Math.sqrt(windowSquares / windowSamples));
                filled = 0;
                windowSquares = 0;
            }
        }
    }

    private void onWindow(double rms) {
        remember(rms);
        if (rms < settings.gateRms() || failed) {
            gatedWindows++;
            gatedMs += windowMs;
            if (gatedMs >= settings.resetAfterQuietMs() && gatedMs - windowMs < settings.resetAfterQuietMs()) {
                model.reset();
            }
            decide(0f, rms);
            return;
        }
        gatedMs = 0;
        try {
            inferences++;
            decide(model.probability(window, 0), rms);
        } catch (OrtException | RuntimeException e) {
            failed = true; // the energy gate alone is a poor detector, but a call must never die of its VAD
            log.warn("Silero VAD inference failed; this call now treats every frame as silence: {}", e.toString());
            decide(0f, rms);
        }
    }

    private void decide(float p, double rms) {
        probability = p;
        float start = startThreshold();
        if (!speech) {
            // how much the room itself sounds like speech: every window heard while the caller is not speaking
            roomSpeechiness += (float) settings.noiseAdaptation() * (p - roomSpeechiness);
            if (p < start) { // windows the room's voices scored high are for the bed rule, not the threshold
                noiseProbability += (float) settings.noiseAdaptation() * (p - noiseProbability);
            }
            if (p < settings.stopThreshold()) { // the model's word that this is the line, not a word's onset
                noiseFloorRms += settings.noiseAdaptation() * (rms - noiseFloorRms);
            }
            startRun = p >= start && standsOut(rms) ? startRun + 1 : 0;
            if (startRun >= settings.startWindows()) {
                speech = true;
                belowStopMs = 0;
            }
            return;
        }
        startRun = 0;
        if (p < stopThreshold(start) || rms < noiseFloorRms * settings.floorStopFactor()
                || (roomTalks() && rms < ROOM_STOP_FACTOR * bedRms)) { // back down among the room's voices
            belowStopMs += windowMs;
            if (belowStopMs >= settings.stopMs()) {
                speech = false;
            }
        } else {
            belowStopMs = 0;
        }
    }

    private void remember(double rms) {
        bed[bedAt] = (float) rms;
        bedAt = (bedAt + 1) % bed.length;
        bedCount = Math.min(bedCount + 1, bed.length);
    }

    /**
     * Whether a window is loud enough, against the line's bed, to be the caller rather than the room. Asked only of
     * a line whose room talks: steady noise (traffic, fans, hum) does not fool the model, and a caller at 5 dB above
     * it does not stand out 3x.
     */
    private boolean standsOut(double rms) {
        if (settings.standoutFactor() <= 0) {
            return true;
        }
        if (bedCount * windowMs < BED_MIN_MS) {
            return false; // a room that starts talking with the call would otherwise stand out from nothing
        }
        if (!roomTalks()) {
            return true;
        }
        System.arraycopy(bed, 0, bedSorted, 0, bedCount);
        java.util.Arrays.sort(bedSorted, 0, bedCount); // 125 floats once per 32 ms window, only while not in speech
        bedRms = bedSorted[(int) (BED_QUANTILE * (bedCount - 1))];
        return rms >= settings.standoutFactor() * bedRms;
    }

    private boolean roomTalks() {
        return settings.standoutFactor() > 0 && roomSpeechiness >= ROOM_TALKS;
    }

    /** The probability a window needs to start speech on this line now. */
    public float startThreshold() {
        return (float) Math.min(settings.maxStartThreshold(),
                Math.max(settings.startThreshold(), noiseProbability + settings.noiseMargin()));
    }

    private float stopThreshold(float start) {
        return (float) Math.min(settings.stopThreshold() + (start - settings.startThreshold()), start - 0.05);
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public void reset() {
        model.reset();
        if (resampler != null) {
            resampler.reset();
        }
        filled = 0;
        windowSquares = 0;
        speech = false;
        startRun = 0;
        belowStopMs = 0;
        gatedMs = 0;
        probability = 0;
        noiseProbability = 0;
        noiseFloorRms = 0;
        bedCount = 0;
        bedAt = 0;
        bedRms = 0;
        roomSpeechiness = 0;
    }

    /** The model's last speech probability (0 for gated windows). */
    public float lastProbability() {
        return probability;
    }

    /** The line's noise level as learnt from non-speech windows (RMS, 16-bit units). */
    public double noiseFloorRms() {
        return noiseFloorRms;
    }

    /** The line's bed level as last computed (RMS, 16-bit units): what speech must stand out from to start. */
    public double bedRms() {
        return bedRms;
    }

    /** Windows the model actually ran on. */
    public long inferences() {
        return inferences;
    }

    /** Windows the energy gate found too quiet to be worth the model. */
    public long gatedWindows() {
        return gatedWindows;
    }
}
