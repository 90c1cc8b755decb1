package dev.vaani.audio;

import java.util.Arrays;

/**
 * Speech, not energy: turns the Silero model's per-window speech probability and the window's energy into a
 * speech / silence verdict for one line, window by window, in audio order. Pure: no model, no threads.
 *
 * <ul>
 *   <li><b>Hysteresis.</b> Speech starts when the probability reaches the start threshold for
 *       {@code startWindows} windows in a row and stops only when it stays below the stop threshold for
 *       {@code stopMs}; values in between keep the current verdict, so a word's soft ending does not flicker.</li>
 *   <li><b>Back to the line's own level.</b> After speech the model's memory keeps its probability high for about
 *       half a second on a noisy line; a window whose energy is back near the line's noise floor counts towards
 *       stopping too, so the end of a turn is heard as soon as the caller stops.</li>
 *   <li><b>Adapting to the line.</b> The start threshold rises above what the line's own noise scores (a moving
 *       average of the probability on non-speech windows), so a noisy line needs clearer speech.</li>
 *   <li><b>Standing out from a talking room.</b> Babble (other people talking near the caller) is speech to the
 *       model, so probability alone cannot reject it. On a line whose room talks (its non-speech windows average a
 *       speech probability of 0.15 or more), speech starts only in a window {@code standoutFactor} (3×, about
 *       10 dB) above the line's bed, the level the line sits at for 70 % of the last {@code bedMs} (4 s), and stops
 *       once the line is back within 1.5× of the bed as it is now (a room that grows louder raises it within a
 *       second or two; the bed of when speech started held a louder room as speech for as long as it stayed loud).
 *       A caller close to the phone stands out from the room; the room's voices do not. The model's memory, read by
 *       a {@link RoomVoiceProbe}, lowers the bar to 2x when it is sure the window is a caller. A quiet line's bed is
 *       near zero, so there it costs nothing; a pause shorter than 30 % of the window does not lower the bed. Speech
 *       cannot start in the call's first second, while the bed is learnt (the greeting is protected longer than that).
 *       The caller's own words do not teach the line that its room talks: windows within 600 ms of a speech window
 *       that stood out 3x from the bed (the model's memory of the caller keeps scoring them as speech) are left out
 *       of that average. A run of the room's own voices never stands out, so a room read as speech at first still
 *       learns that it talks.</li>
 *   <li><b>Onsets.</b> The model needs about a tenth of a second of a word before its probability reaches the start
 *       threshold, longer under noise. A window outside speech that reaches the lower onset threshold (and stands
 *       out from a talking room) is an {@link VadDecision#ONSET}: enough to pause the bot, never to take a turn.
 *       The line's own noise scores far below it (steady noise 0.00-0.01, docs/turn-taking.md). Onsets count only
 *       once the line has been heard for 2 s.</li>
 * </ul>
 */
final class SpeechHysteresis {

    private static final double BED_QUANTILE = 0.3; // the line sits at or above this level 70 % of the time
    private static final int BED_MIN_MS = 1000;      // the bed is known after a second of the line
    // Onsets are trusted once the line has been heard this long: a quiet room of voices (babble at -40 dBFS, made
    // for this check) scored as a possible onset at 1.5 s, before the line was known to talk.
    private static final int ONSET_MIN_MS = 2000;
    // A room whose windows average this probability or more is talking (babble scored 0.2-0.45 on the evaluation's
    // tuning half, white, pink, brown noise and hum 0.00-0.01).
    private static final float ROOM_TALKS = 0.15f;
    // Where the room talks, the caller has stopped once the line is back within 1.5x (3.5 dB) of the bed.
    private static final double ROOM_STOP_FACTOR = 1.5;
    // The model keeps scoring the caller's speech for about half a second after it; counting those windows as the
    // room's made a caller who had just answered on a 5 dB line out-talk a 3x bed to interrupt the reply (300-700 ms).
    private static final int CALLER_MEMORY_MS = 600;
    // Level alone leaves a caller 5 dB above a crowd within a few dB of the crowd's loudest moments; the model's
    // memory tells them apart better (docs/turn-taking.md steps 32-33): where the room talks, a window 2x (6 dB) above
    // the bed stands out too when the room-voice probe is sure it is a caller (how sure is bundled with its weights,
    // chosen on their training rooms, step 37); the probe as a veto on 3x windows was measured and dropped (step 33).
    private static final double CALLER_VOICE_FACTOR = 2.0;

    private final NeuralVadSettings settings;
    private final RoomVoiceProbe probe; // null: level alone decides what stands out
    private final int windowMs;
    private final float[] bed;        // the last bedMs of window RMS, a ring
    private final float[] bedSorted;  // scratch for the quantile, reused
    private boolean speech;
    private boolean onset;
    private int startRun;
    private int belowStopMs;
    private float noiseProbability;
    private double noiseFloorRms;
    private int bedCount;
    private int bedAt;
    private double bedRms;
    private float roomSpeechiness;
    private double runBedRms;        // the bed when the current speech run started
    private int sinceCallerStoodOutMs = CALLER_MEMORY_MS + 1;

    /** Level alone decides what stands out from a talking room. */
    SpeechHysteresis(NeuralVadSettings settings, int windowMs) {
        this(settings, windowMs, null);
    }

    SpeechHysteresis(NeuralVadSettings settings, int windowMs, RoomVoiceProbe probe) {
        this.settings = settings;
        this.probe = probe;
        this.windowMs = windowMs;
        this.bed = new float[Math.max(1, settings.bedMs() / windowMs)];
        this.bedSorted = new float[bed.length];
    }

    /** The verdict after one more window: its speech probability ({@code 0} when not scored) and its RMS. */
    boolean decide(float p, double rms) {
        return decide(p, Float.NaN, rms);
    }

    /**
     * As {@link #decide(float, double)}, with the {@link RoomVoiceProbe#stateTerm state's part} of the window's
     * room-voice score ({@code NaN} when unknown: level alone decides).
     */
    boolean decide(float p, float stateTerm, double rms) {
        remember(rms);
        float start = startThreshold();
        if (!speech) {
            sinceCallerStoodOutMs = Math.min(sinceCallerStoodOutMs + windowMs, CALLER_MEMORY_MS + 1);
            if (sinceCallerStoodOutMs > CALLER_MEMORY_MS) {
                // how much the room itself sounds like speech: windows heard while the caller is not speaking
                roomSpeechiness += (float) settings.noiseAdaptation() * (p - roomSpeechiness);
            }
            if (p < start) { // windows the room's voices scored high are for the bed rule, not the threshold
                noiseProbability += (float) settings.noiseAdaptation() * (p - noiseProbability);
            }
            if (p < settings.stopThreshold()) { // the model's word that this is the line, not a word's onset
                noiseFloorRms += settings.noiseAdaptation() * (rms - noiseFloorRms);
            }
            boolean loudEnough = p >= onsetThreshold(start) && standsOut(rms, p, stateTerm);
            startRun = p >= start && loudEnough ? startRun + 1 : 0;
            if (startRun >= settings.startWindows()) {
                speech = true;
                belowStopMs = 0;
                runBedRms = bedNow();
                noteWhetherCallerStandsOut(rms);
            }
            onset = !speech && bedCount * windowMs >= ONSET_MIN_MS && loudEnough;
            return speech;
        }
        startRun = 0;
        onset = false;
        noteWhetherCallerStandsOut(rms);
        if (p < stopThreshold(start) || rms < noiseFloorRms * settings.floorStopFactor()
                || (roomTalks() && rms < ROOM_STOP_FACTOR * bedNow())) { // back down among the room's voices
            belowStopMs += windowMs;
            if (belowStopMs >= settings.stopMs()) {
                speech = false;
            }
        } else {
            belowStopMs = 0;
        }
        return speech;
    }

    boolean speech() {
        return speech;
    }

    /** The verdict as of the last window: speech, a possible onset, or silence. */
    VadDecision verdict() {
        return speech ? VadDecision.SPEECH : onset ? VadDecision.ONSET : VadDecision.SILENCE;
    }

    private void remember(double rms) {
        bed[bedAt] = (float) rms;
        bedAt = (bedAt + 1) % bed.length;
        bedCount = Math.min(bedCount + 1, bed.length);
    }

    /**
     * Whether a window is loud enough, against the line's bed, to be the caller rather than the room. Asked only of
     * a line whose room talks: steady noise (traffic, fans, hum) does not fool the model, and a caller at 5 dB above
     * it does not stand out 3x.
     */
    private boolean standsOut(double rms, float p, float stateTerm) {
        if (settings.standoutFactor() <= 0) {
            return true;
        }
        if (bedCount * windowMs < BED_MIN_MS) {
            return false; // a room that starts talking with the call would otherwise stand out from nothing
        }
        if (!roomTalks()) {
            return true;
        }
        double bedLevel = bedNow();
        boolean loud = rms >= settings.standoutFactor() * bedLevel;
        if (loud || probe == null || Float.isNaN(stateTerm) || bedCount < bed.length) {
            return loud; // 2x is near the room's own peaks: only against a bed known over its whole span (step 37)
        }
        return rms >= CALLER_VOICE_FACTOR * bedLevel
                && probe.takesForACaller(stateTerm, rms / Math.max(bedLevel, 1), p);
    }

    /** The level the line sits at or above for 70 % of the last bedMs; remembered for {@link #bedRms()}. */
    private double bedNow() {
        System.arraycopy(bed, 0, bedSorted, 0, bedCount);
        Arrays.sort(bedSorted, 0, bedCount); // 125 floats: once a window where the room talks, else once a speech run
        bedRms = bedSorted[(int) (BED_QUANTILE * (bedCount - 1))];
        return bedRms;
    }

    private void noteWhetherCallerStandsOut(double rms) {
        if (settings.standoutFactor() > 0 && rms >= settings.standoutFactor() * runBedRms) {
            sinceCallerStoodOutMs = 0;
        }
    }

    private boolean roomTalks() {
        return settings.standoutFactor() > 0 && roomSpeechiness >= ROOM_TALKS;
    }

    /** The probability a window needs to start speech on this line now. */
    private float startThreshold() {
        return (float) Math.min(settings.maxStartThreshold(),
                Math.max(settings.startThreshold(), noiseProbability + settings.noiseMargin()));
    }

    /** The onset threshold sits as far below the start threshold as configured, rising with it on a noisy line. */
    private float onsetThreshold(float start) {
        return (float) (start - (settings.startThreshold() - settings.onsetThreshold()));
    }

    private float stopThreshold(float start) {
        return (float) Math.min(settings.stopThreshold() + (start - settings.startThreshold()), start - 0.05);
    }

    void reset() {
        speech = false;
        onset = false;
        startRun = 0;
        belowStopMs = 0;
        noiseProbability = 0;
        noiseFloorRms = 0;
        bedCount = 0;
        bedAt = 0;
        bedRms = 0;
        roomSpeechiness = 0;
        runBedRms = 0;
        sinceCallerStoodOutMs = CALLER_MEMORY_MS + 1;
    }

    double bedRms() {
        return bedRms;
    }
}
