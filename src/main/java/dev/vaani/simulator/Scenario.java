package dev.vaani.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the simulated caller does and what it expects of the bot. Build in code with {@link #builder(String)}. */
public record Scenario(String name, List<ScenarioStep> steps, List<Expectation> expectations, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    public Scenario {
        steps = List.copyOf(steps);
        expectations = List.copyOf(expectations);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("scenario timeout must be positive");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** True when the call should stay open after the last step, waiting for the bot to hang up. */
    boolean waitsForServerHangUp() {
        return expectations.stream().anyMatch(e -> e instanceof Expectation.ServerHangsUp)
                && steps.stream().noneMatch(s -> s instanceof ScenarioStep.HangUp);
    }

    public static final class Builder {
        private final String name;
        private final List<ScenarioStep> steps = new ArrayList<>();
        private final List<Expectation> expectations = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(String name) {
            this.name = name;
        }

        public Builder step(ScenarioStep step) {
            steps.add(step);
            return this;
        }

        public Builder waitForBotToFinish() {
            return waitForBotToFinish(ScenarioStep.DEFAULT_SILENCE_MS);
        }

        public Builder waitForBotToFinish(long silenceMs) {
            return step(new ScenarioStep.WaitForBotToFinish(silenceMs, ScenarioStep.DEFAULT_MAX_WAIT_MS));
        }

        public Builder say(AudioClip audio) {
            return step(new ScenarioStep.Say(audio));
        }

        /** PCM16LE mono at {@code sampleRate}. */
        public Builder say(byte[] pcm, int sampleRate) {
            return say(AudioClip.of("pcm-" + steps.size(), sampleRate, pcm));
        }

        public Builder pause(long ms) {
            return step(new ScenarioStep.Pause(ms));
        }

        public Builder bargeIn(long afterBotSpeechMs, AudioClip audio) {
            return step(new ScenarioStep.BargeIn(afterBotSpeechMs, audio, ScenarioStep.DEFAULT_MAX_WAIT_MS));
        }

        public Builder dtmf(String digit) {
            return step(new ScenarioStep.Dtmf(digit, 100));
        }

        public Builder hangUp() {
            return step(new ScenarioStep.HangUp());
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder expect(Expectation expectation) {
            expectations.add(expectation);
            return this;
        }

        public Builder expectGreeting() {
            return expect(new Expectation.Greeting());
        }

        public Builder expectBotRepliesAtLeast(int count) {
            return expect(new Expectation.BotRepliesAtLeast(count));
        }

        public Builder expectBargeInCleared() {
            return expect(new Expectation.BargeInCleared());
        }

        public Builder expectServerHangsUp() {
            return expect(new Expectation.ServerHangsUp());
        }

        public Builder expectNoChunkViolations() {
            return expect(new Expectation.NoChunkViolations());
        }

        public Scenario build() {
            return new Scenario(name, steps, expectations, timeout);
        }
    }
}
