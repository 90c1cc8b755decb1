package dev.vaani.simulator;

import dev.vaani.audio.Pcm16;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * Plays a scenario's steps as caller audio, one frame at a time, deciding each frame from what the bot is doing
 * (its playback state). Positions are samples on the call timeline. Not thread-safe; the call serialises access.
 */
final class CallerScript {

    /** A stretch of caller speech; the {@code *Sent} fields are filled in by the call when the media goes out. */
    static final class SpokenTurn {
        final String clip;
        final boolean bargeIn;
        long onset = -1;
        long end = -1;
        long onsetSent = -1;
        long endSent = -1;

        SpokenTurn(String clip, boolean bargeIn) {
            this.clip = clip;
            this.bargeIn = bargeIn;
        }
    }

    private final List<ScenarioStep> steps;
    private final int sampleRate;
    private final boolean waitForServerHangUp;
    private final Random noise;
    private final int noiseAmplitude;
    private final BiConsumer<String, Long> dtmf;
    private final List<SpokenTurn> turns = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private int stepIndex;
    private long stepStartedAt = -1;
    private AudioClip speaking;
    private SpokenTurn turn;
    private int speakingOffset;
    private long pauseRemaining;
    private long lastSpeechEnd;
    private boolean hangUp;

    CallerScript(List<ScenarioStep> steps, int sampleRate, boolean waitForServerHangUp, Random noise,
                 int noiseAmplitude, BiConsumer<String, Long> dtmf) {
        this.steps = steps.stream().map(s -> atRate(s, sampleRate)).toList();
        this.sampleRate = sampleRate;
        this.waitForServerHangUp = waitForServerHangUp;
        this.noise = noise;
        this.noiseAmplitude = noiseAmplitude;
        this.dtmf = dtmf;
    }

    /** Fills {@code frame} with the caller's audio for the frame starting at {@code position}. */
    void nextFrame(long position, byte[] frame, PlaybackBuffer bot) {
        long now = position + frame.length / 2;
        int filled = 0;
        while (filled < frame.length) {
            if (speaking != null) {
                filled += speak(position, frame, filled);
                continue;
            }
            if (pauseRemaining > 0) {
                int n = (int) Math.min(pauseRemaining * 2, frame.length - filled);
                silence(frame, filled, n);
                filled += n;
                pauseRemaining -= n / 2;
                continue;
            }
            if (stepIndex >= steps.size()) {
                hangUp |= !waitForServerHangUp;
                silence(frame, filled, frame.length - filled);
                return;
            }
            if (stepStartedAt < 0) {
                stepStartedAt = now;
            }
            boolean advance = switch (steps.get(stepIndex)) {
                case ScenarioStep.WaitForBotToFinish w -> botFinished(w, now, bot);
                case ScenarioStep.Say s -> startSpeaking(s.audio(), false);
                case ScenarioStep.Pause p -> {
                    pauseRemaining = p.ms() * sampleRate / 1000;
                    yield true;
                }
                case ScenarioStep.BargeIn b -> bargeIn(b, now, bot);
                case ScenarioStep.Dtmf d -> {
                    dtmf.accept(d.digit(), d.durationMs());
                    yield true;
                }
                case ScenarioStep.HangUp h -> {
                    hangUp = true;
                    yield true;
                }
            };
            if (advance) {
                stepIndex++;
                stepStartedAt = -1;
            } else {
                silence(frame, filled, frame.length - filled);
                return;
            }
        }
    }

    private int speak(long position, byte[] frame, int filled) {
        int n = Math.min(speaking.pcm().length - speakingOffset, frame.length - filled);
        System.arraycopy(speaking.pcm(), speakingOffset, frame, filled, n);
        long at = position + filled / 2;
        if (turn.onset < 0 && speakingOffset + n > speaking.speechStartByte()) {
            turn.onset = at + (Math.max(speaking.speechStartByte() - speakingOffset, 0)) / 2;
        }
        if (turn.end < 0 && speakingOffset + n >= speaking.speechEndByte()) {
            turn.end = at + (speaking.speechEndByte() - speakingOffset) / 2;
            lastSpeechEnd = turn.end;
        }
        speakingOffset += n;
        if (speakingOffset >= speaking.pcm().length) {
            speaking = null;
        }
        return n;
    }

    private boolean startSpeaking(AudioClip clip, boolean bargeIn) {
        speaking = clip;
        speakingOffset = 0;
        turn = new SpokenTurn(clip.name(), bargeIn);
        turns.add(turn);
        return true;
    }

    private boolean botFinished(ScenarioStep.WaitForBotToFinish w, long now, PlaybackBuffer bot) {
        boolean botSpoke = bot.lastUtteranceStart() >= lastSpeechEnd;
        if (botSpoke) {
            return !bot.speaking() && bot.queueEmpty() && now - bot.lastAudioEnd() >= samples(w.silenceMs());
        }
        if (now - stepStartedAt >= samples(w.maxWaitMs())) {
            notes.add("step " + (stepIndex + 1) + ": no bot audio within " + w.maxWaitMs() + " ms; moving on");
            return true;
        }
        return false;
    }

    private boolean bargeIn(ScenarioStep.BargeIn b, long now, PlaybackBuffer bot) {
        if (bot.speaking() && now - bot.currentUtteranceStart() >= samples(b.afterBotSpeechMs())) {
            return startSpeaking(b.audio(), true);
        }
        if (now - stepStartedAt >= samples(b.maxWaitMs())) {
            notes.add("step " + (stepIndex + 1) + ": the bot never spoke for " + b.afterBotSpeechMs()
                    + " ms within " + b.maxWaitMs() + " ms; barge-in skipped");
            return true;
        }
        return false;
    }

    private void silence(byte[] frame, int from, int length) {
        for (int i = from; i + 1 < from + length; i += 2) {
            Pcm16.putSample(frame, i, noiseAmplitude == 0 ? 0 : noise.nextInt(-noiseAmplitude, noiseAmplitude + 1));
        }
    }

    private long samples(long ms) {
        return ms * sampleRate / 1000;
    }

    private static ScenarioStep atRate(ScenarioStep step, int rate) {
        return switch (step) {
            case ScenarioStep.Say s -> new ScenarioStep.Say(s.audio().atRate(rate), s.text());
            case ScenarioStep.BargeIn b -> new ScenarioStep.BargeIn(b.afterBotSpeechMs(), b.audio().atRate(rate),
                    b.maxWaitMs());
            default -> step;
        };
    }

    boolean hangUpRequested() {
        return hangUp;
    }

    boolean speakingNow() {
        return speaking != null;
    }

    List<SpokenTurn> turns() {
        return turns;
    }

    List<String> notes() {
        return notes;
    }
}
