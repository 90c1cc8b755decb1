package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.NeuralVadSettings;
import dev.vaani.audio.NeuralVoiceDetector;
import dev.vaani.audio.Pcm16;
import dev.vaani.audio.SileroVad;
import dev.vaani.audio.TestSilero;
import dev.vaani.call.TurnTaking.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Turn-taking fed by the neural detector on recorded speech and steady noise at -32 dBFS, as on a street. */
class NeuralTurnTakingTest {

    private static final int FRAME_BYTES = 320;
    private static final int FRAME_MS = 20;
    private static final SileroVad model = TestSilero.model();

    private final NeuralVoiceDetector detector = new NeuralVoiceDetector(model, AudioFormat.PHONE_8K,
            NeuralVadSettings.DEFAULTS);
    // as a neural call's: speech over the bot, or a possible onset, pauses it after one frame
    private final TurnTaking turns = new TurnTaking(new TurnTakingSettings(600, 500, 60, 1000, 300, 1500, 60,
            700, 1000, 200, 20, 1000));

    @Nested
    class BotSpeaking {
        @Test
        void tenSecondsOfStreetNoiseNeverPauseTheBot() {
            turns.onBotAudioStarted(false);
            assertThat(play(noisy(new byte[8000 * 2 * 10], 1))).isEmpty();
            assertThat(turns.state()).isEqualTo(State.BOT_SPEAKING);
        }

        @Test
        void theCallerSpeakingThroughTheNoisePausesTheBotWithin300Ms() {
            turns.onBotAudioStarted(false);
            byte[] speech = CallTestSupport.clip("wait-repeat.wav").pcm();
            int lead = 8000 * 2 * 2;
            byte[] audio = new byte[lead + speech.length];
            System.arraycopy(speech, 0, audio, lead, speech.length);
            noisy(audio, 2);
            List<long[]> decisions = new ArrayList<>();
            for (int at = 0; at + FRAME_BYTES <= audio.length; at += FRAME_BYTES) {
                TurnDecision d = turns.onAudioFrame(detector.process(audio, at, FRAME_BYTES), FRAME_MS);
                if (d instanceof TurnDecision.PauseBot) {
                    decisions.add(new long[] {at});
                }
            }
            int onsetByte = lead + firstLoud(speech);
            assertThat(decisions).isNotEmpty();
            assertThat((decisions.getFirst()[0] - onsetByte) / 16).as("ms from speech onset to the pause")
                    .isBetween(0L, 300L);
        }
    }

    @Nested
    class CallerSpeaking {
        @Test
        void theTurnEndsWithinAboutASecondOfTheCallerStoppingDespiteTheNoise() {
            byte[] speech = CallTestSupport.clip("yes-good-time.wav").pcm();
            int lead = 8000 * 2;
            byte[] audio = new byte[lead + speech.length + 8000 * 2 * 2];
            System.arraycopy(speech, 0, audio, lead, speech.length);
            noisy(audio, 3);
            long finalizeAt = -1;
            for (int at = 0; at + FRAME_BYTES <= audio.length && finalizeAt < 0; at += FRAME_BYTES) {
                TurnDecision d = turns.onAudioFrame(detector.process(audio, at, FRAME_BYTES), FRAME_MS);
                if (d instanceof TurnDecision.FinalizeTranscript) {
                    finalizeAt = at;
                }
            }
            int endByte = lead + lastLoud(speech);
            assertThat(finalizeAt).as("the detector's silence ended the turn").isPositive();
            assertThat((finalizeAt - endByte) / 16).as("ms from the last spoken sample").isBetween(600L, 900L);
        }
    }

    private List<TurnDecision> play(byte[] audio) {
        List<TurnDecision> decisions = new ArrayList<>();
        for (int at = 0; at + FRAME_BYTES <= audio.length; at += FRAME_BYTES) {
            TurnDecision d = turns.onAudioFrame(detector.process(audio, at, FRAME_BYTES), FRAME_MS);
            if (!(d instanceof TurnDecision.None)) {
                decisions.add(d);
            }
        }
        return decisions;
    }

    /** Low-passed white noise at -32 dBFS, as {@code ./vaani simulate --noise-dbfs -32} sends. */
    private static byte[] noisy(byte[] pcm, long seed) {
        Random random = new Random(seed);
        double sigma = 32768 * Math.pow(10, -32 / 20.0) * Math.sqrt(3);
        double smoothed = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            smoothed = 0.5 * smoothed + 0.5 * random.nextGaussian() * sigma;
            Pcm16.putSample(pcm, i, Pcm16.sample(pcm, i) + (int) Math.round(smoothed));
        }
        return pcm;
    }

    private static int firstLoud(byte[] pcm) {
        for (int i = 0; i + FRAME_BYTES <= pcm.length; i += FRAME_BYTES) {
            if (Pcm16.rms(pcm, i, FRAME_BYTES) > 500) {
                return i;
            }
        }
        return -1;
    }

    private static int lastLoud(byte[] pcm) {
        for (int i = pcm.length - FRAME_BYTES; i >= 0; i -= FRAME_BYTES) {
            if (Pcm16.rms(pcm, i, FRAME_BYTES) > 500) {
                return i + FRAME_BYTES;
            }
        }
        return -1;
    }
}
