package dev.vaani.audio;

/**
 * Tuning for {@link EchoDetector}.
 *
 * @param maxLagMs             longest delay searched between sending audio and hearing it back; must cover the
 *                             pacer's lead plus the phone's echo path
 * @param windowMs             inbound audio compared per decision; longer is more reliable and costs more (at
 *                             100 ms independent speech-like signals stay below 0.4, at 60 ms they reach 0.5)
 * @param correlationThreshold normalised correlation above which inbound audio counts as echo (0..1)
 * @param analysisRate         rate in Hz both signals are decimated to before comparing; 2 kHz keeps the voice
 *                             band's strongest part at a fraction of the cost
 */
public record EchoSettings(int maxLagMs, int windowMs, double correlationThreshold, int analysisRate) {

    public static final EchoSettings DEFAULTS = new EchoSettings(500, 100, 0.6, 2000);

    public EchoSettings {
        if (maxLagMs < 0 || windowMs <= 0 || correlationThreshold <= 0 || correlationThreshold > 1
                || analysisRate <= 0) {
            throw new IllegalArgumentException("invalid echo settings: maxLagMs=" + maxLagMs + ", windowMs="
                    + windowMs + ", correlationThreshold=" + correlationThreshold + ", analysisRate=" + analysisRate);
        }
    }
}
