package dev.vaani.audio;

import ai.onnxruntime.OrtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speech, not energy: a frame is speech when the Silero model says so, with hysteresis ({@link SpeechHysteresis}),
 * the model running on the caller's own thread. Windows quieter than {@link NeuralVadSettings#gateRms()} are silence
 * without running the model, so a quiet line costs almost nothing; after a long quiet stretch the model's memory is
 * cleared. Live calls that share batched inference use {@link BatchedVoiceDetector}, which gives the same verdicts.
 *
 * <p>Frames of any size at 8, 16 or 24 kHz (24 kHz is resampled to 16 kHz); verdicts change once per model window
 * (32 ms). Per-frame work reuses its buffers. One per call; not thread-safe.
 */
public final class NeuralVoiceDetector implements VoiceActivityDetector {

    private static final Logger log = LoggerFactory.getLogger(NeuralVoiceDetector.class);

    private final SileroVad.Stream model;
    private final ModelWindows windows;
    private final SpeechHysteresis verdict;
    private final RoomVoiceProbe probe;
    private final float[] state = new float[SileroVad.stateSize()];
    private long inferences;
    private long gatedWindows;
    private boolean failed;

    public NeuralVoiceDetector(SileroVad vad, AudioFormat format, NeuralVadSettings settings) {
        this.windows = new ModelWindows(format, settings, this::onWindow);
        this.model = vad.newStream(windows.modelRate());
        this.probe = vad.roomVoiceProbe();
        this.verdict = new SpeechHysteresis(settings, windows.windowMs(), probe);
    }

    @Override
    public VadDecision process(byte[] frame, int offset, int length) {
        windows.take(frame, offset, length);
        return verdict.verdict();
    }

    private void onWindow(float[] samples, double rms, boolean gated, boolean freshModel) {
        if (gated || failed) {
            gatedWindows++;
            verdict.decide(0f, rms);
            return;
        }
        if (freshModel) {
            model.reset();
        }
        try {
            inferences++;
            float probability = model.probability(samples, 0);
            model.copyState(state);
            verdict.decide(probability, probe.stateTerm(state), rms);
        } catch (OrtException | RuntimeException e) {
            failed = true; // the energy gate alone is a poor detector, but a call must never die of its VAD
            log.warn("Silero VAD inference failed; this call now treats every frame as silence: {}", e.toString());
            verdict.decide(0f, rms);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public void reset() {
        model.reset();
        windows.reset();
        verdict.reset();
    }

    /** The line's bed level as last computed (RMS, 16-bit units): what speech must stand out from to start. */
    public double bedRms() {
        return verdict.bedRms();
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
