package dev.vaani.call;

import dev.vaani.audio.VadDecision;
import dev.vaani.conversation.qualification.Backchannels;

/**
 * Who has the floor: the turn-taking state machine of one call (listening → caller speaking → thinking → bot
 * speaking). It sees only voice-activity decisions per inbound frame, transcripts and playback milestones, and
 * answers each with a {@link TurnDecision} for the call to carry out. Time is counted in milliseconds of inbound audio,
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
 * the words so far stop mid-answer ("my budget is around…") the turn waits longer for the rest. A turn with more
 * speech than any backchannel that the recogniser wrote no words for asks the caller to say it again.
 */
public final class TurnTaking {

    public enum State { LISTENING, CALLER_SPEAKING, THINKING, BOT_SPEAKING, ENDED }

    static final TurnDecision NONE = new TurnDecision.None();
    private static final TurnDecision FINALIZE = new TurnDecision.FinalizeTranscript();
    private static final TurnDecision PAUSE = new TurnDecision.PauseBot();
    private static final TurnDecision RESUME = new TurnDecision.ResumeBot();
    private static final TurnDecision INTERRUPT = new TurnDecision.InterruptBot();
    private static final TurnDecision CANCEL = new TurnDecision.CancelReply();
    private static final TurnDecision ASK_TO_REPEAT = new TurnDecision.AskToRepeat();

    private final TurnTakingSettings settings;
    private State state = State.LISTENING;
    private long audioMs;
    private int speechRunMs;
    private int leaningRunMs; // speech or possible onsets in a row
    private boolean leaningRunPaused; // this run paused the bot once: onsets alone do not pause it again
    private int silenceRunMs;
    private int turnSpeechMs;
    private final CallerTurnWords words = new CallerTurnWords();
    private boolean awaitingFinal;
    // the caller was asked to repeat a turn with no words, and has said none since: the next such turn is let be
    private boolean askedToRepeat;
    private boolean paused;
    private boolean needSilenceFirst;
    private long protectedUntilMs;
    private int overlapSpeechMs;
    // an interim said "wait", "no"...: the bot stays paused while a final could still commit it, and the final decides
    private boolean floorClaimInInterim;
    private final StringBuilder overlapText = new StringBuilder(); // finals heard in the burst, before it committed
    private long lastSpeechMs = Long.MIN_VALUE / 2;
    private long lastTurnSpeechEndMs = Long.MIN_VALUE / 2; // the caller's last speech in the turn that ended last
    private long burstStartMs; // when the caller's current burst over the bot began

    public TurnTaking(TurnTakingSettings settings) {
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
    public TurnDecision onAudioFrame(VadDecision verdict, int frameMs) {
        leaningRunMs = verdict.leansToSpeech() ? leaningRunMs + frameMs : 0;
        leaningRunPaused &= verdict.leansToSpeech();
        TurnDecision decision = onFrame(verdict.isSpeech(), frameMs);
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

    private TurnDecision pause() {
        paused = true;
        leaningRunPaused = true;
        silenceRunMs = 0; // onsets heard before the pause (while the answer was prepared, say) do not resume it at once
        return PAUSE;
    }

    private TurnDecision onFrame(boolean speech, int frameMs) {
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

    private TurnDecision onSpeech(int frameMs) {
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

    private TurnDecision onSilence() {
        switch (state) {
            case CALLER_SPEAKING -> {
                int needed = settings.endOfTurnSilenceMs() + (words.unfinished() ? settings.unfinishedAnswerExtraMs() : 0);
                if (awaitingFinal) {
                    // a recogniser that makes out no words may send nothing at all: the turn must not wait forever
                    return silenceRunMs >= needed + settings.finalTranscriptWaitMs() ? turnWithoutWords() : NONE;
                }
                if (silenceRunMs < needed) {
                    return NONE;
                }
                if (!words.isEmpty()) {
                    return endOfTurn();
                }
                if (turnSpeechMs >= settings.minSpeechMs()) {
                    awaitingFinal = true;
                    return FINALIZE;
                }
                if (words.goesOnWithLastTurn()) {
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
    public TurnDecision onInterim(String text) {
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
    public TurnDecision onFinal(String text, boolean endOfSpeech) {
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
                words.append((before + " " + text).trim());
                return INTERRUPT;
            }
            case THINKING -> {
                if (!heard || isBackchannel(text)) {
                    return NONE;
                }
                continueCallerTurn();
                words.append(text);
                if (endOfSpeech) {
                    return endOfTurn(); // the recogniser already says the continuation ended; the call cancels the stale reply first
                }
                return CANCEL;
            }
            case LISTENING, CALLER_SPEAKING -> {
                if (heard) {
                    state = State.CALLER_SPEAKING;
                    words.append(text);
                }
                if ((endOfSpeech || awaitingFinal) && !words.isEmpty()) {
                    if (words.unfinished() && silenceRunMs < settings.endOfTurnSilenceMs() + settings.unfinishedAnswerExtraMs()) {
                        awaitingFinal = false; // "my budget is around...": the silence decides, given longer
                        return NONE;
                    }
                    return endOfTurn();
                }
                if (awaitingFinal && words.isEmpty()) {
                    return turnWithoutWords();
                }
            }
            case ENDED -> { }
        }
        return NONE;
    }

    /** The recogniser decided the utterance ended without a new final. */
    public TurnDecision onUtteranceEnd() {
        if (state != State.CALLER_SPEAKING) {
            return NONE;
        }
        if (!words.isEmpty()) {
            return endOfTurn();
        }
        return awaitingFinal ? turnWithoutWords() : NONE;
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

    /** Words the recogniser finished in a turn the caller has not ended yet (their turn is still open); else empty. */
    public String wordsOfTurnInProgress() {
        return state == State.CALLER_SPEAKING ? words.soFar() : "";
    }

    /** The call is over; every later input is ignored. */
    public void end() {
        state = State.ENDED;
    }

    private TurnDecision endOfTurn() {
        closeTurn();
        askedToRepeat = false;
        return words.end();
    }

    /** Asked to finalise the turn, the recogniser made out no words of it. */
    private TurnDecision turnWithoutWords() {
        if (words.goesOnWithLastTurn()) {
            return endOfTurn(); // no more words after all: the turn whose reply was dropped is answered
        }
        if (turnSpeechMs >= settings.bargeInCommitMs() && !askedToRepeat) {
            return askToRepeat();
        }
        awaitingFinal = false;
        turnSpeechMs = 0;
        state = State.LISTENING; // noise, or a sound as short as a backchannel
        return NONE;
    }

    /**
     * Speech longer than any backchannel that the recogniser made out no words of is a turn, not noise: the caller
     * is asked to say it again. Not twice in a row, so that a room's talk the detector takes for a caller's cannot
     * make the bot apologise over and over: until the caller's next words, such turns are let be.
     */
    private TurnDecision askToRepeat() {
        closeTurn();
        askedToRepeat = true;
        words.endWithoutWords();
        return ASK_TO_REPEAT;
    }

    private void closeTurn() {
        lastTurnSpeechEndMs = lastSpeechMs;
        turnSpeechMs = 0;
        speechRunMs = 0;
        needSilenceFirst = true;
        awaitingFinal = false;
        state = State.THINKING;
    }

    /** The caller went on after a pause that ended their turn too early: their next words extend that turn. */
    private void continueCallerTurn() {
        startCallerTurn();
        words.startGoingOnWithLastTurn();
    }

    /**
     * Silence after speech over the bot: a short one resumes a paused bot (a backchannel is over), unless an
     * interim's floor claim still waits for its final. The burst itself is forgotten only after a silence longer
     * than a caller's pause mid-answer: speech that comes back within it ("my budget is … about eighty lakhs") adds
     * to what came before, so an interruption spoken in pieces is taken as surely as one said in a breath.
     */
    private TurnDecision burstOverIfQuietLongEnough() {
        if (floorClaimInInterim) {
            return NONE;
        }
        if (silenceRunMs >= midAnswerPauseMs()) {
            overlapSpeechMs = 0;
            overlapText.setLength(0);
        }
        if (silenceRunMs < settings.resumeAfterSilenceMs() || !paused) {
            return NONE;
        }
        paused = false;
        return RESUME;
    }

    /** The longest pause a caller may make mid-answer: the end-of-turn silence, with the unfinished answer's extra. */
    private int midAnswerPauseMs() {
        return settings.endOfTurnSilenceMs() + settings.unfinishedAnswerExtraMs();
    }

    /** The caller takes the floor from the bot; words that go on with their last turn extend it (see below). */
    private TurnDecision interrupt() {
        boolean goesOnWithLastTurn = burstGoesOnWithLastTurn();
        paused = false;
        floorClaimInInterim = false;
        startCallerTurn();
        // the burst is the turn's start: over a loud room the detector hears it in pieces, and the turn that stopped
        // the bot must not then be dropped as a short noise
        turnSpeechMs = Math.max(turnSpeechMs, overlapSpeechMs);
        if (goesOnWithLastTurn) {
            words.startGoingOnWithLastTurn();
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
        return burstStartMs - lastTurnSpeechEndMs <= midAnswerPauseMs();
    }

    /** The burst grew longer than a backchannel: the words the recogniser finished during it open the caller's turn. */
    private TurnDecision interruptWithWordsSoFar() {
        String before = overlapText.toString();
        interrupt();
        if (!before.isEmpty()) {
            words.append(before);
        }
        return INTERRUPT;
    }

    private void startCallerTurn() {
        state = State.CALLER_SPEAKING;
        words.startNew();
        turnSpeechMs = speechRunMs;
        awaitingFinal = false;
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
