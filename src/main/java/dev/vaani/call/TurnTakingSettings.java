package dev.vaani.call;

import dev.vaani.audio.VadDecision;

/**
 * Tuning, in milliseconds of audio. {@code bargeInCommitMs}: caller speech over the bot, counted across gaps
 * shorter than a caller's pause mid-answer ({@code endOfTurnSilenceMs + unfinishedAnswerExtraMs}; a paused bot
 * resumes after {@code resumeAfterSilenceMs} of them), this long is more than a backchannel and commits the
 * interruption; a turn with this much speech that the recogniser wrote no words for is a turn all the same, and asks
 * for a repeat.
 * {@code transcriptCommitMinSpeechMs}: words that claim the floor commit after this much of it.
 * {@code pauseConfirmMs}: speech, or a possible onset ({@link VadDecision#ONSET}), over the bot this long pauses
 * it; {@code bargeInConfirmMs} of speech while the answer is being prepared cancels it.
 * {@code finalTranscriptWaitMs}: silence, after the recogniser was asked to finalise a turn, that ends the wait for
 * its answer (a recogniser that made out no words may send none).
 */
public record TurnTakingSettings(int endOfTurnSilenceMs, int minSpeechMs, int bargeInConfirmMs, int bargeInCommitMs,
                                 int resumeAfterSilenceMs, int greetingProtectionMs, int speechOnsetMs,
                                 int unfinishedAnswerExtraMs, int transcriptNeedsSpeechWithinMs,
                                 int transcriptCommitMinSpeechMs, int pauseConfirmMs, int finalTranscriptWaitMs) {

    /**
     * Speech, as the detector hears it, that a backchannel does not exceed: "haan ji", "theek hai" at a slow pace
     * last up to about 0.75 s, and the detector's onset and hangover add about 0.1 s (chosen on the evaluation's
     * tuning half, docs/turn-taking.md).
     */
    static final int LONGEST_BACKCHANNEL_MS = 1000;
    private static final int UNFINISHED_ANSWER_EXTRA_MS = 700;
    private static final int TRANSCRIPT_NEEDS_SPEECH_WITHIN_MS = 1000;
    private static final int TRANSCRIPT_COMMIT_MIN_SPEECH_MS = 200;
    /** How long a recogniser asked to finalise may take to answer before the turn is taken to have no words. */
    private static final int FINAL_TRANSCRIPT_WAIT_MS = 1000;

    public TurnTakingSettings(int endOfTurnSilenceMs, int minSpeechMs, int bargeInConfirmMs, int bargeInCommitMs,
                              int resumeAfterSilenceMs, int greetingProtectionMs, int speechOnsetMs) {
        this(endOfTurnSilenceMs, minSpeechMs, bargeInConfirmMs, bargeInCommitMs, resumeAfterSilenceMs,
                greetingProtectionMs, speechOnsetMs, UNFINISHED_ANSWER_EXTRA_MS, TRANSCRIPT_NEEDS_SPEECH_WITHIN_MS,
                TRANSCRIPT_COMMIT_MIN_SPEECH_MS, bargeInConfirmMs, FINAL_TRANSCRIPT_WAIT_MS);
    }

    public static TurnTakingSettings from(CallProperties call) {
        return from(call, call.bargeInConfirmMs(), call.bargeInConfirmMs());
    }

    /**
     * With the detector's own confirm times: a neural detector needs less, since noise does not fool it, and its
     * onsets pause the bot within {@code pauseConfirmMs}.
     */
    public static TurnTakingSettings from(CallProperties call, int bargeInConfirmMs, int pauseConfirmMs) {
        return new TurnTakingSettings(call.endOfTurnSilenceMs(), call.minSpeechMs(), bargeInConfirmMs,
                Math.max(bargeInConfirmMs + 600, LONGEST_BACKCHANNEL_MS), 300, call.greetingProtectionMs(), 60,
                UNFINISHED_ANSWER_EXTRA_MS, TRANSCRIPT_NEEDS_SPEECH_WITHIN_MS, TRANSCRIPT_COMMIT_MIN_SPEECH_MS,
                pauseConfirmMs, FINAL_TRANSCRIPT_WAIT_MS);
    }
}
