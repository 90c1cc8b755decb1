package dev.vaani.simulator;

/** One thing the simulated caller does; steps run in order, each starting when the previous one is done. */
public sealed interface ScenarioStep {

    long DEFAULT_SILENCE_MS = 800;
    long DEFAULT_MAX_WAIT_MS = 20_000;

    /**
     * Waits until the bot has spoken since the caller last spoke (or since the call began), its audio has played
     * out, and it has then been quiet for {@code silenceMs}. Gives up after {@code maxWaitMs} without any bot
     * audio, so a bot that never answers shows up as a missing reply rather than a hung simulator.
     */
    record WaitForBotToFinish(long silenceMs, long maxWaitMs) implements ScenarioStep {
        public WaitForBotToFinish {
            requireNonNegative(silenceMs, "silenceMs");
            requireNonNegative(maxWaitMs, "maxWaitMs");
        }
    }

    /**
     * Speaks the clip, then continues with silence. {@code text} is what the caller says in it, when the scenario
     * tells (null otherwise): the simulated Sarvam ({@code vaani sarvam}) "recognises" a clip as its text.
     */
    record Say(AudioClip audio, String text) implements ScenarioStep {
        public Say(AudioClip audio) {
            this(audio, null);
        }
    }

    /** Silence for a while. */
    record Pause(long ms) implements ScenarioStep {
        public Pause {
            requireNonNegative(ms, "pause");
        }
    }

    /**
     * Starts speaking over the bot, {@code afterBotSpeechMs} into a bot utterance that is playing (waiting for one
     * to start if none is). Gives up after {@code maxWaitMs} if the bot never talks that long.
     */
    record BargeIn(long afterBotSpeechMs, AudioClip audio, long maxWaitMs) implements ScenarioStep {
        public BargeIn {
            requireNonNegative(afterBotSpeechMs, "afterBotSpeechMs");
            requireNonNegative(maxWaitMs, "maxWaitMs");
        }
    }

    /** Sends a DTMF key press (Voicebot applet only). */
    record Dtmf(String digit, long durationMs) implements ScenarioStep {
        public Dtmf {
            if (digit == null || !digit.matches("[0-9*#]")) {
                throw new IllegalArgumentException("DTMF digit must be one of 0-9, * or #, not '" + digit + "'");
            }
        }
    }

    /** The caller hangs up: {@code stop} with reason {@code callended}, then the socket closes. */
    record HangUp() implements ScenarioStep {
    }

    private static void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }
}
