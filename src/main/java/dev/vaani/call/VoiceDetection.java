package dev.vaani.call;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.EnergyVad;
import dev.vaani.audio.NeuralVoiceDetector;
import dev.vaani.audio.SileroVad;
import dev.vaani.audio.VadSettings;
import dev.vaani.audio.VoiceActivityDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The voice activity detector each call gets: Silero (one model session for the whole process, a stream per call)
 * when it loads, otherwise the energy detector, which the start-up log and {@code /actuator/health} then report.
 */
@Component
public class VoiceDetection implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VoiceDetection.class);

    private final VadProperties settings;
    private final int energyThreshold;
    private final SileroVad model;
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
        this.description = why;
        log.info("Voice activity detection: {}", description);
    }

    /** A new detector for one call; the caller owns it. */
    public VoiceActivityDetector forCall(AudioFormat format) {
        if (model != null) {
            return new NeuralVoiceDetector(model, format, settings.neuralSettings());
        }
        return new EnergyVad(format, new VadSettings(energyThreshold, 3.0, 0.05, 200));
    }

    /** Turn-taking tuned for the detector calls get. */
    public TurnTaking.Settings turnTakingSettings(CallProperties call) {
        return model != null ? TurnTaking.Settings.from(call, settings.bargeInConfirmMs()) : TurnTaking.Settings.from(call);
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
        if (model != null) {
            model.close();
        }
    }
}
