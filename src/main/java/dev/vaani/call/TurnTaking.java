package dev.vaani.call;

import dev.vaani.audio.VadDecision;
import dev.vaani.conversation.qualification.Backchannels;
import dev.vaani.conversation.qualification.UnfinishedAnswers;

/**
 * Who has the floor: the turn-taking state machine of one call (listening → caller speaking → thinking → bot
 * speaking). It sees only voice-activity decisions per inbound frame, transcripts and playback milestones, and
 * answers each with a {@link Decision} for the call to carry out. Time is counted in milliseconds of inbound audio,
 * so behaviour is deterministic and testable with recorded audio.
 *
 * <p>Barge-in is two-step so that backchannels ("haan", "hmm") do not cut the bot off while a real interruption
 * still stops it within the confirm time: sustained speech pauses the bot at once (clear); then a burst of speech
 * longer than any backchannel commits the interruption, and so do words that claim the floor ("wait", "stop", "no",
 * a question: {@link Backchannels#claimsTheFloor}) in a final transcript; an interim's words only hold the bot
 * paused until the final says, since a recogniser's first guess at "okay" can be "no". A burst as short as a
 * backchannel followed by silence resumes the bot whatever else the recogniser wrote, since a recogniser that knows
 * no Hindi writes "haan ji" as other English words. A transcript interrupts the bot only while the detector hears
 * speech too, so words a recogniser makes out of noise do not stop it.
 *
 * <p>The caller's turn ends on whichever comes first: the recogniser's end of speech or the detector's silence. When
 * the words so far stop mid-answer ("my budget is around…") the turn waits longer for the rest.
 */
public final class TurnTaking {

    public enum State { LISTENING, CALLER_SPEAKING, THINKING, BOT_SPEAKING, ENDED }

    /** What the call must do now. */
    public sealed interface Decision {
        /** Nothing to do. */
        record None() implements Decision {}

        /**
         * The caller finished their turn: answer {@code callerText}. When they went on talking after a pause that
         * had ended the turn too early, it holds the whole turn, and {@code newWords} only what came after (blank
         * when what seemed to go on proved no words: the turn is answered again).
         */
        record EndOfTurn(String callerText, String newWords) implements Decision {
            public EndOfTurn(String callerText) {
                this(callerText, callerText);
            }
        }

        /** Silence ended the turn before the recogniser did: ask it to finalise, the answer follows its final. */
        record FinalizeTranscript() implements Decision {}

        /** The caller may be interrupting: stop the bot's audio now (clear), keep the reply. */
        record PauseBot() implements Decision {}

        /** It was only a backchannel or noise: play the rest of the reply. */
        record ResumeBot() implements Decision {}

        /** The caller interrupted: drop the rest of the reply and listen. */
        record InterruptBot() implements Decision {}

        /** The caller went on talking while we were preparing an answer: drop that answer and listen. */
        record CancelReply() implements Decision {}
    }

    /**
     * Tuning, in milliseconds of audio. {@code bargeInCommitMs}: caller speech over the bot, counted across gaps
     * shorter than {@code resumeAfterSilenceMs}, this long is more than a backchannel and commits the interruption.
     * {@code transcriptCommitMinSpeechMs}: words that claim the floor commit after this much of it.
     * {@code pauseConfirmMs}: speech, or a possible onset ({@link VadDecision#ONSET}), over the bot this long pauses
     * it; {@code bargeInConfirmMs} of speech while the answer is being prepared cancels it.
     */
    public record Settings(int endOfTurnSilenceMs, int minSpeechMs, int bargeInConfirmMs, int bargeInCommitMs,
                           int resumeAfterSilenceMs, int greetingProtectionMs, int speechOnsetMs,
                           int unfinishedAnswerExtraMs, int transcriptNeedsSpeechWithinMs,
                           int transcriptCommitMinSpeechMs, int pauseConfirmMs) {

        public Settings(int endOfTurnSilenceMs, int minSpeechMs, int bargeInConfirmMs, int bargeInCommitMs,
                        int resumeAfterSilenceMs, int greetingProtectionMs, int speechOnsetMs) {
            this(endOfTurnSilenceMs, minSpeechMs, bargeInConfirmMs, bargeInCommitMs, resumeAfterSilenceMs,
                    greetingProtectionMs, speechOnsetMs, 700, 1000, 200, bargeInConfirmMs);
        }

        public static Settings from(CallProperties call) {
            return from(call, call.bargeInConfirmMs(), call.bargeInConfirmMs());
        }

        /**
         * With the detector's own confirm times: a neural detector needs less, since noise does not fool it, and its
         * onsets pause the bot within {@code pauseConfirmMs}.
         */
        public static Settings from(CallProperties call, int bargeInConfirmMs, int pauseConfirmMs) {
            return new Settings(call.endOfTurnSilenceMs(), call.minSpeechMs(), bargeInConfirmMs,
                    Math.max(bargeInConfirmMs + 600, LONGEST_BACKCHANNEL_MS), 300, call.greetingProtectionMs(), 60,
                    700, 1000, 200, pauseConfirmMs);
        }
    }

    /**
     * Speech, as the detector hears it, that a backchannel does not exceed: "haan ji", "theek hai" at a slow pace
     * last up to about 0.75 s, and the detector's onset and hangover add about 0.1 s (chosen on the evaluation's
     * tuning half, docs/turn-taking.md).
     */
    static final int LONGEST_BACKCHANNEL_MS = 1000;

    static final Decision NONE = new Decision.None();
    private static final Decision FINALIZE = new Decision.FinalizeTranscript();
    private static final Decision PAUSE = new Decision.PauseBot();
    private static final Decision RESUME = new Decision.ResumeBot();
    private static final Decision INTERRUPT = new Decision.InterruptBot();
    private static final Decision CANCEL = new Decision.CancelReply();

    private final Settings settings;
    private State state = State.LISTENING;
    private long audioMs;
    private int speechRunMs;
    private int leaningRunMs; // speech or possible onsets in a row
    private boolean leaningRunPaused; // this run paused the bot once: onsets alone do not pause it again
    private int silenceRunMs;
    private int turnSpeechMs;
    private final StringBuilder turnText = new StringBuilder();
    private boolean awaitingFinal;
    private boolean paused;
    private boolean needSilenceFirst;
    private String lastTurnText = "";
    private String carriedText = "";
    private long protectedUntilMs;
    private boolean turnUnfinished;
    private int overlapSpeechMs;
    // an interim said "wait", "no"...: the bot stays paused while a final could still commit it, and the final decides
    private boolean floorClaimInInterim;
    private final StringBuilder overlapText = new StringBuilder(); // finals heard in the burst, before it committed
    private long lastSpeechMs = Long.MIN_VALUE / 2;
    private long lastTurnSpeechEndMs = Long.MIN_VALUE / 2; // the caller's last speech in the turn that ended last
    private long burstStartMs; // when the caller's current burst over the bot began

    public TurnTaking(Settings settings) {
        this.settings = settings;
    }

    public State state() {
        return state;
    }

    public boolean botPaused() {
        return paused;
    }

    /** Milliseconds of inbound audio seen so far: the call's clock for turn decisions. */
    public long audioMs() {
        return audioMs;
    }

    /**
     * One inbound frame with the VAD's verdict, echo of our own voice already excluded. A possible onset is silence
     * to everything but the bot's pause: it pauses the bot as speech does, and the silence that follows a false one
     * resumes it.
     */
    public Decision onAudioFrame(VadDecision verdict, int frameMs) {
        leaningRunMs = verdict.leansToSpeech() ? leaningRunMs + frameMs : 0;
        leaningRunPaused &= verdict.leansToSpeech();
        Decision decision = onFrame(verdict.isSpeech(), frameMs);
        if (verdict == VadDecision.ONSET && decision == NONE && pausesTheBot()) {
            return pause();
        }
        return decision;
    }

    /**
     * Whether what the caller has said over the bot so far is enough to pause it now. Onsets that never became
     * speech resume the bot after {@code resumeAfterSilenceMs}; they do not pause it again until the line is quiet.
     */
    private boolean pausesTheBot() {
        return state == State.BOT_SPEAKING && !paused && !needSilenceFirst && audioMs >= protectedUntilMs
                && ((leaningRunMs >= settings.pauseConfirmMs() && !leaningRunPaused)
                    || speechRunMs >= settings.bargeInConfirmMs());
    }

    private Decision pause() {
        paused = true;
        leaningRunPaused = true;
        silenceRunMs = 0; // onsets heard before the pause (while the answer was prepared, say) do not resume it at once
        return PAUSE;
    }

    private Decision onFrame(boolean speech, int frameMs) {
        audioMs += frameMs;
        if (state == State.ENDED) {
            return NONE;
        }
        if (speech) {
            if (needSilenceFirst) {
                return NONE; // the tail of the turn that just ended (and the VAD's hangover), not new speech
            }
            speechRunMs += frameMs;
            silenceRunMs = 0;
            lastSpeechMs = audioMs;
            return onSpeech(frameMs);
        }
        needSilenceFirst = false;
        silenceRunMs += frameMs;
        speechRunMs = 0;
        return onSilence();
    }

    private Decision onSpeech(int frameMs) {
        switch (state) {
            case LISTENING -> {
                if (speechRunMs >= settings.speechOnsetMs()) {
                    state = State.CALLER_SPEAKING;
                    turnSpeechMs = speechRunMs;
                }
            }
            case CALLER_SPEAKING -> turnSpeechMs += frameMs;
            case THINKING -> {
                if (speechRunMs >= settings.bargeInConfirmMs()) {
                    continueCallerTurn();
                    return CANCEL;
                }
            }
            case BOT_SPEAKING -> {
                if (audioMs < protectedUntilMs) {
                    return NONE;
                }
                if (overlapSpeechMs == 0) {
                    burstStartMs = audioMs - frameMs;
                }
                overlapSpeechMs += frameMs;
                if (pausesTheBot()) {
                    return pause();
                }
                if (paused && overlapSpeechMs >= settings.bargeInCommitMs()) {
                    return interruptWithWordsSoFar(); // longer than any backchannel, whatever the words
                }
            }
            case ENDED -> { }
        }
        return NONE;
    }

    private Decision onSilence() {
        switch (state) {
            case CALLER_SPEAKING -> {
                int needed = settings.endOfTurnSilenceMs() + (turnUnfinished ? settings.unfinishedAnswerExtraMs() : 0);
                if (silenceRunMs < needed || awaitingFinal) {
                    return NONE;
                }
                if (!turnText.isEmpty()) {
                    return endOfTurn();
                }
                if (turnSpeechMs >= settings.minSpeechMs()) {
                    awaitingFinal = true;
                    return FINALIZE;
                }
                if (!carriedText.isEmpty()) {
                    return endOfTurn(); // what cancelled the reply to the turn was not more of it: answer it again
                }
                state = State.LISTENING; // a short noise, not a turn
                turnSpeechMs = 0;
            }
            case BOT_SPEAKING -> {
                if (floorClaimInInterim && !speechHeardRecently()) {
                    floorClaimInInterim = false; // too late for a final to commit it: the recogniser never confirmed it
                }
                return burstOverIfQuietLongEnough();
            }
            default -> { }
        }
        return NONE;
    }

    /** A provisional transcript of what the caller is saying. */
    public Decision onInterim(String text) {
        if (isBlank(text)) {
            return NONE;
        }
        return switch (state) {
            case LISTENING -> {
                state = State.CALLER_SPEAKING;
                yield NONE;
            }
            case THINKING -> {
                // a recogniser's guess right after its final, at the turn's tail or the line's noise, is not the
                // caller going on: that needs new speech
                if (isBackchannel(text) || lastSpeechMs <= lastTurnSpeechEndMs) {
                    yield NONE;
                }
                continueCallerTurn();
                yield CANCEL;
            }
            case BOT_SPEAKING -> {
                if (!transcriptInterrupts(text)) {
                    yield NONE;
                }
                floorClaimInInterim = true;
                if (paused) {
                    yield NONE;
                }
                paused = true;
                yield PAUSE;
            }
            default -> NONE;
        };
    }

    /** A final transcript; {@code endOfSpeech} when the recogniser also decided the caller finished. */
    public Decision onFinal(String text, boolean endOfSpeech) {
        boolean heard = !isBlank(text);
        switch (state) {
            case BOT_SPEAKING -> {
                if (!heard) {
                    return NONE;
                }
                if (!transcriptInterrupts(text)) {
                    if (overlapSpeechMs > 0 && speechHeardRecently() && !isBackchannel(text)) {
                        overlapText.append(overlapText.isEmpty() ? "" : " ").append(text.trim()); // the burst decides
                    }
                    if (floorClaimInInterim) {
                        floorClaimInInterim = false; // the final does not claim the floor: the guess was wrong
                        return burstOverIfQuietLongEnough();
                    }
                    return NONE;
                }
                String before = overlapText.toString();
                interrupt();
                appendTurnText((before + " " + text).trim());
                return INTERRUPT;
            }
            case THINKING -> {
                if (!heard || isBackchannel(text)) {
                    return NONE;
                }
                continueCallerTurn();
                appendTurnText(text);
                if (endOfSpeech) {
                    return endOfTurn(); // the recogniser already says the continuation ended; the call cancels the stale reply first
                }
                return CANCEL;
            }
            case LISTENING, CALLER_SPEAKING -> {
                if (heard) {
                    state = State.CALLER_SPEAKING;
                    appendTurnText(text);
                }
                if ((endOfSpeech || awaitingFinal) && !turnText.isEmpty()) {
                    if (turnUnfinished && silenceRunMs < settings.endOfTurnSilenceMs() + settings.unfinishedAnswerExtraMs()) {
                        awaitingFinal = false; // "my budget is around...": the silence decides, given longer
                        return NONE;
                    }
                    return endOfTurn();
                }
                if (awaitingFinal && turnText.isEmpty()) {
                    if (!carriedText.isEmpty()) {
                        return endOfTurn(); // no more words after all: the turn whose reply was dropped is answered
                    }
                    awaitingFinal = false;
                    state = State.LISTENING; // the recogniser heard no words: it was noise
                }
            }
            case ENDED -> { }
        }
        return NONE;
    }

    /** The recogniser decided the utterance ended without a new final. */
    public Decision onUtteranceEnd() {
        if (state == State.CALLER_SPEAKING && !turnText.isEmpty()) {
            return endOfTurn();
        }
        return NONE;
    }

    /** The first audio of a bot utterance was sent; a greeting is protected from interruption for a while. */
    public void onBotAudioStarted(boolean greeting) {
        if (state == State.ENDED) {
            return;
        }
        if (state != State.BOT_SPEAKING) {
            paused = false;
            floorClaimInInterim = false;
            overlapSpeechMs = 0;
            overlapText.setLength(0);
            if (greeting) {
                protectedUntilMs = audioMs + settings.greetingProtectionMs();
            }
        }
        state = State.BOT_SPEAKING;
    }

    /** Everything the bot said has been played to the caller. */
    public void onBotFinished() {
        if (state == State.BOT_SPEAKING || state == State.THINKING) {
            state = State.LISTENING;
            paused = false;
            floorClaimInInterim = false;
            speechRunMs = 0;
        }
    }

    /** The call is over; every later input is ignored. */
    public void end() {
        state = State.ENDED;
    }

    private Decision endOfTurn() {
        String newWords = turnText.toString().trim();
        String whole = (carriedText + " " + newWords).trim();
        turnText.setLength(0);
        turnUnfinished = false;
        carriedText = "";
        lastTurnText = whole;
        lastTurnSpeechEndMs = lastSpeechMs;
        turnSpeechMs = 0;
        speechRunMs = 0;
        needSilenceFirst = true;
        awaitingFinal = false;
        state = State.THINKING;
        return new Decision.EndOfTurn(whole, newWords);
    }

    /** The caller went on after a pause that ended their turn too early: their next words extend that turn. */
    private void continueCallerTurn() {
        startCallerTurn();
        carriedText = lastTurnText;
    }

    /**
     * Silence long enough after speech over the bot ends the burst: it is forgotten, and a paused bot resumes, unless
     * an interim's floor claim still waits for its final.
     */
    private Decision burstOverIfQuietLongEnough() {
        if (silenceRunMs < settings.resumeAfterSilenceMs() || floorClaimInInterim) {
            return NONE;
        }
        overlapSpeechMs = 0;
        overlapText.setLength(0);
        if (!paused) {
            return NONE;
        }
        paused = false;
        return RESUME;
    }

    /** The caller takes the floor from the bot; words that go on with their last turn extend it (see below). */
    private Decision interrupt() {
        boolean goesOnWithLastTurn = burstGoesOnWithLastTurn();
        paused = false;
        floorClaimInInterim = false;
        startCallerTurn();
        if (goesOnWithLastTurn) {
            carriedText = lastTurnText;
        }
        overlapText.setLength(0);
        return INTERRUPT;
    }

    /**
     * Whether the caller's burst over the bot began within a pause that an unfinished answer would have been waited
     * out for: then they were still giving the answer this reply came too quickly for ("I want a flat in …
     * Whitefield"), not answering a reply they could hardly have heard. Their words commit the interruption however
     * short the burst, and the turn is the one that ended too early, as when they go on before the reply plays.
     */
    private boolean burstGoesOnWithLastTurn() {
        return burstStartMs - lastTurnSpeechEndMs <= settings.endOfTurnSilenceMs() + settings.unfinishedAnswerExtraMs();
    }

    /** The burst grew longer than a backchannel: the words the recogniser finished during it open the caller's turn. */
    private Decision interruptWithWordsSoFar() {
        String before = overlapText.toString();
        interrupt();
        if (!before.isEmpty()) {
            appendTurnText(before);
        }
        return INTERRUPT;
    }

    private void startCallerTurn() {
        state = State.CALLER_SPEAKING;
        carriedText = "";
        turnText.setLength(0);
        turnUnfinished = false;
        turnSpeechMs = speechRunMs;
        awaitingFinal = false;
    }

    private void appendTurnText(String text) {
        if (!turnText.isEmpty()) {
            turnText.append(' ');
        }
        turnText.append(text.trim());
        turnUnfinished = UnfinishedAnswers.isUnfinished(text);
    }

    /**
     * Words spoken over the bot interrupt it before the burst outgrows a backchannel only when they claim the floor
     * ("wait", "stop", "no", a question) or go on with the turn the reply answers, and the detector heard speech just
     * now (not words a recogniser made out of noise). Other words wait for the burst's length to decide: a recogniser
     * that does not know "haan ji" writes something else, but a backchannel is short.
     */
    private boolean transcriptInterrupts(String text) {
        return audioMs >= protectedUntilMs && speechHeardRecently()
                && overlapSpeechMs >= settings.transcriptCommitMinSpeechMs() && !isBackchannel(text)
                && (Backchannels.claimsTheFloor(text) || burstGoesOnWithLastTurn());
    }

    private boolean speechHeardRecently() {
        return audioMs - lastSpeechMs <= settings.transcriptNeedsSpeechWithinMs();
    }

    /** True when the words are only an acknowledgement ("haan", "okay", "hmm"): the project's one rule. */
    static boolean isBackchannel(String transcript) {
        return Backchannels.isBackchannel(transcript);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
