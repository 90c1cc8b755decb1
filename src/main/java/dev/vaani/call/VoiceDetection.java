package dev.vaani.call;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.BatchedVoiceDetector;
import dev.vaani.audio.EnergyVad;
import dev.vaani.audio.NeuralVoiceDetector;
import dev.vaani.audio.SileroBatcher;
import dev.vaani.audio.SileroVad;
import dev.vaani.audio.VadSettings;
import dev.vaani.audio.VoiceActivityDetector;
import dev.vaani.audio.VoiceActivityStream;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The voice activity detector each call gets: Silero (one model session for the whole process, a stream per call,
 * the windows of all calls scored together in batches) when it loads, otherwise the energy detector, which the
 * start-up log and {@code /actuator/health} then report.
 */
@Component
public class VoiceDetection implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VoiceDetection.class);

    private final VadProperties settings;
    private final int energyThreshold;
    private final SileroVad model;
    private final SileroBatcher batcher;
    private final String description;

    public VoiceDetection(VadProperties settings, CallProperties call) {
        this.settings = settings;
        this.energyThreshold = call.vadThreshold();
        SileroVad loaded = null;
        String why;
        if (settings.mode() == VadProperties.Mode.ENERGY) {
            why = "energy (VAD_MODE=energy)";
        } else {
            try {
                loaded = SileroVad.loadBundled();
                why = "silero-v5 (neural, energy-gated)";
            } catch (Exception | LinkageError e) {
                why = "energy (fallback: Silero VAD could not load: " + e.getMessage() + ")";
                log.warn("Voice activity: the Silero model could not load ({}); calls fall back to the energy "
                        + "detector, which takes steady noise for speech", e.toString());
            }
        }
        this.model = loaded;
        this.batcher = loaded != null && settings.inferenceThreads() > 0
                ? new SileroBatcher(loaded, settings.inferenceThreads()) : null;
        if (batcher != null) {
            why += ", calls' windows scored together on " + settings.inferenceThreads() + " inference thread"
                    + (settings.inferenceThreads() == 1 ? "" : "s");
        }
        this.description = why;
        log.info("Voice activity detection: {}", description);
    }

    /**
     * Voice activity for one call, which owns it: each frame comes back to {@code heard} with its verdict, at once or
     * (batched inference) later through {@code callThread}, the call's serial executor.
     */
    public VoiceActivityStream forCall(AudioFormat format, Executor callThread, VoiceActivityStream.Listener heard) {
        if (batcher != null) {
            return new BatchedVoiceDetector(batcher, format, settings.neuralSettings(), callThread, heard);
        }
        return VoiceActivityStream.immediate(detectorFor(format), heard);
    }

    /** A detector that decides each frame as it comes, on the caller's thread. */
    private VoiceActivityDetector detectorFor(AudioFormat format) {
        if (model != null) {
            return new NeuralVoiceDetector(model, format, settings.neuralSettings());
        }
        return new EnergyVad(format, new VadSettings(energyThreshold, 3.0, 0.05, 200));
    }

    /** Turn-taking tuned for the detector calls get. */
    public TurnTakingSettings turnTakingSettings(CallProperties call) {
        return model != null ? TurnTakingSettings.from(call, settings.bargeInConfirmMs(), settings.pauseConfirmMs()) : TurnTakingSettings.from(call);
    }

    public boolean neural() {
        return model != null;
    }

    /** What calls use, for health and logs. */
    public String description() {
        return description;
    }

    @Override
    public void destroy() throws Exception {
        if (batcher != null) {
            batcher.close();
        }
        if (model != null) {
            model.close();
        }
    }
}
