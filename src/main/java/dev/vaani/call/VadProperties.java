package dev.vaani.call;

import dev.vaani.audio.NeuralVadSettings;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How calls tell speech from silence and noise.
 *
 * @param mode           {@code neural} (Silero VAD, gated by energy; the default) or {@code energy} (VAD_MODE)
 * @param startThreshold speech probability that starts speech (raised automatically on noisy lines)
 * @param stopThreshold  speech probability below which speech ends
 * @param gateRms        windows quieter than this RMS (16-bit units) skip the model
 * @param bargeInConfirmMs with the neural detector, caller speech this long while the answer is being prepared
 *                       cancels it (noise does not fool the model, so it can be shorter than the energy
 *                       detector's vaani.call setting)
 * @param pauseConfirmMs with the neural detector, caller speech or a possible onset over the bot for this long
 *                       pauses it; the bot resumes if it was not speech
 * @param inferenceThreads threads that score the windows of all calls together, in batches; 0 scores each call's
 *                       windows on the call's own thread instead
 */
@Validated
@ConfigurationProperties("vaani.vad")
public record VadProperties(
        @NotNull @DefaultValue("neural") Mode mode,
        @DecimalMin("0.05") @DecimalMax("0.95") @DefaultValue("0.6") double startThreshold,
        @DecimalMin("0.01") @DecimalMax("0.9") @DefaultValue("0.35") double stopThreshold,
        @Min(0) @DefaultValue("150") double gateRms,
        @Min(20) @DefaultValue("60") int bargeInConfirmMs,
        @Min(20) @DefaultValue("20") int pauseConfirmMs,
        @Min(0) @DefaultValue("1") int inferenceThreads) {

    public enum Mode { NEURAL, ENERGY }

    public NeuralVadSettings neuralSettings() {
        NeuralVadSettings d = NeuralVadSettings.DEFAULTS;
        return new NeuralVadSettings(startThreshold, stopThreshold, d.startWindows(), d.stopMs(), gateRms,
                d.resetAfterQuietMs(), d.noiseMargin(), Math.max(d.maxStartThreshold(), startThreshold),
                d.noiseAdaptation(), d.floorStopFactor(), d.standoutFactor(), d.bedMs(),
                Math.min(d.onsetThreshold(), startThreshold));
    }
}
