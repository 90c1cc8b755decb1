package dev.vaani.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How much a window sounds like a caller's first words rather than a room of voices, read from the Silero model's
 * memory: a linear score over the 256 state values the model carries to the next window, the window's level against
 * the line's bed and its speech probability. Both are speech to the model, but its memory of a room's overlapping
 * voices differs from its memory of one voice starting close to the phone (docs/turn-taking.md steps 32-33). The
 * weights are bundled under {@code vad/} with how they were made; they belong to the bundled model's state.
 *
 * <p>The state part is computed where the state is (the inference thread for batched calls), the rest with the
 * window's level; a dot product per scored window, nothing allocated.
 */
final class RoomVoiceProbe {

    static final String BUNDLED_WEIGHTS = "vad/room-voice-probe.txt";
    /** The level term's floor, as in training: a silent window's level is not minus infinity. */
    private static final double MIN_LEVEL = 1e-3;

    private final double surelyACaller;
    private final double bias;
    private final double levelWeight;
    private final double probabilityWeight;
    private final float[] stateWeights;

    RoomVoiceProbe(double surelyACaller, double bias, double levelWeight, double probabilityWeight,
            float[] stateWeights) {
        if (stateWeights.length != SileroVad.stateSize()) {
            throw new IllegalArgumentException("the probe needs " + SileroVad.stateSize() + " state weights, not "
                    + stateWeights.length);
        }
        this.surelyACaller = surelyACaller;
        this.bias = bias;
        this.levelWeight = levelWeight;
        this.probabilityWeight = probabilityWeight;
        this.stateWeights = stateWeights.clone();
    }

    /** The probe shipped in the jar, for the bundled model. */
    static RoomVoiceProbe loadBundled() {
        try (InputStream in = RoomVoiceProbe.class.getClassLoader().getResourceAsStream(BUNDLED_WEIGHTS)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_WEIGHTS + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lines: the score above which a window counts as a caller, bias, level, probability, then the state weights;
     * {@code #} starts a comment. The threshold is the weights': it was chosen with them, on their training rooms.
     */
    static RoomVoiceProbe parse(String text) {
        List<Double> values = text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(Double::valueOf).toList();
        int scalars = 4;
        if (values.size() != scalars + SileroVad.stateSize()) {
            throw new IllegalArgumentException("a room-voice probe has " + (scalars + SileroVad.stateSize())
                    + " numbers, this one " + values.size());
        }
        float[] state = new float[SileroVad.stateSize()];
        for (int i = 0; i < state.length; i++) {
            state[i] = values.get(scalars + i).floatValue();
        }
        return new RoomVoiceProbe(values.get(0), values.get(1), values.get(2), values.get(3), state);
    }

    /** The state's part of the score: the model's memory after a window, {@code [2, 1, 128]} flattened. */
    float stateTerm(float[] state) {
        float sum = 0;
        for (int i = 0; i < stateWeights.length; i++) {
            sum += stateWeights[i] * state[i];
        }
        return sum;
    }

    /** The whole score of a window: above 0 leans to a caller, below to the room; training put most far from 0. */
    double score(float stateTerm, double level, float probability) {
        return bias + stateTerm + levelWeight * Math.log(Math.max(level, MIN_LEVEL)) + probabilityWeight * probability;
    }

    /** Whether the window is surely a caller: its score is above the threshold bundled with the weights. */
    boolean takesForACaller(float stateTerm, double level, float probability) {
        return score(stateTerm, level, probability) > surelyACaller;
    }

    /** The score above which {@link #takesForACaller} says yes. */
    double surelyACaller() {
        return surelyACaller;
    }
}
