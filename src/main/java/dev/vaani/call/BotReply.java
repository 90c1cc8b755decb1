package dev.vaani.call;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.TurnInput;

/**
 * One reply of the bot, from the moment the call decides to answer until the caller has heard it, cut it off, or it
 * was dropped (what LiveKit Agents calls a SpeechHandle). It owns the reply's generation ({@link ReplySpeech}: the
 * agent's streamed text and its cancel, each sentence's synthesis), its filler timer and watchdog, what the caller
 * heard of it, whether a possible barge-in paused it, and whether the call ends after it. The call's
 * {@link BotReplies} holds the current reply and asks it, instead of keeping the reply's state in flags of its own.
 *
 * <p>All methods run on the call's serial executor. Not thread-safe.
 */
final class BotReply {

    /** What the call does once this reply has been heard. */
    enum Ending { CONTINUE, HANG_UP, HAND_OVER }

    /** Where the reply is in its life. */
    enum Phase {
        /** The agent's text or its speech is still coming. */
        GENERATING,
        /** Text and audio are complete; the caller may still be hearing it. */
        PRODUCED,
        /** The caller heard all of it: the bot's turn is over. */
        HEARD,
        /** The caller cut it off; {@link #heard()} holds what they heard. */
        INTERRUPTED,
        /** Dropped before it was heard through (a newer reply, a stale answer, the call's end). */
        CANCELLED,
        /** The agent or the synthesis failed before anything of it could be said. */
        FAILED
    }

    /** What the call wants to know about its current reply. */
    interface Listener {
        void onFirstToken();

        void onFirstSynthesisedAudio();

        void onAction(BotReply reply, AgentAction action);

        /** The reply's text and audio are complete (it may still be playing). */
        void onProduced(BotReply reply);

        void onFailed(BotReply reply, Throwable error);

        /**
         * The agent or the synthesis failed after the caller began to hear the answer: the reply ends with what was
         * produced before the failure, and {@link #onProduced} follows.
         */
        void onBrokenOff(BotReply reply, Throwable error);

        /** The filler delay passed and the reply is still being produced. */
        void onFillerDue(BotReply reply);

        /** The watchdog ran out with no audio of the answer yet: the reply has been stopped. */
        void onTooSlow(BotReply reply);
    }

    /** How a reply arms its timers: through the call, so they run on its executor and die with it. */
    @FunctionalInterface
    interface Timers {
        CallClock.Timer schedule(long delayMs, Runnable task);
    }

    private final Listener listener;
    private final boolean opensCall;
    private final ReplySpeech speech;
    private Ending ending;
    /** The end the call gave it or it inherited, before any decision of the agent in it. */
    private Ending givenEnding;
    private Phase phase = Phase.GENERATING;
    private final StringBuilder heardSentences = new StringBuilder();
    private boolean over;
    private boolean paused;
    private boolean brokenOff;
    private ReplyWatch watch;

    /**
     * @param opensCall the greeting, or a reply standing in for a greeting the caller has not heard through: barge-in
     *                  protection applies to its first audio
     * @param ending    what the call does after it
     */
    BotReply(BotVoice voice, Listener listener, boolean opensCall, Ending ending) {
        this.listener = listener;
        this.opensCall = opensCall;
        this.ending = ending;
        this.givenEnding = ending;
        this.speech = new ReplySpeech(voice, this, new SpeechEvents());
    }

    /** No reply yet: as if one had been heard through, so nothing carries over to the first. */
    static BotReply none(BotVoice voice, Listener listener) {
        BotReply none = new BotReply(voice, listener, false, Ending.CONTINUE);
        none.phase = Phase.HEARD;
        none.over = true;
        return none;
    }

    /**
     * The reply that replaces {@code previous}, which is stopped. It inherits what outlives a single reply: a
     * greeting not yet heard through keeps its barge-in protection, and a call that was to end after the old reply
     * ends after the new one, when that end still stands:
     * <ul>
     *   <li>the call's own end (a wrap-up, the goodbye after trouble) always stands: nobody else would end the call;
     *   <li>a hand-over always stands: it was announced when the agent decided it, and an agent that was handing over
     *       does not hand over again (the scripted agent only repeats that it is connecting the caller);
     *   <li>the agent's end_call stands only once the caller heard at least part of the reply that decided it (the
     *       goodbye began to reach them). A goodbye dropped before they heard any of it (they went on talking, or cut
     *       it off at once) does not cut the line after the answer to what they said next: the agent, told by
     *       {@code onInterrupted("")} that nothing was heard, ends the call again when it still should (the scripted
     *       agent says its goodbye again with its end_call, the LLM agent is told its goodbye went unheard and may
     *       call end_call again).
     * </ul>
     */
    static BotReply after(BotReply previous, BotVoice voice, Listener listener, boolean greeting, Ending ending) {
        previous.cancel();
        BotReply next = new BotReply(voice, listener, greeting || previous.protectsGreeting(), ending);
        next.raiseEnding(previous.agentsUnheardGoodbye() ? previous.givenEnding : previous.ending);
        next.givenEnding = next.ending;
        return next;
    }

    /** Whether the agent's end_call decided this reply's end and the caller heard nothing of the reply. */
    private boolean agentsUnheardGoodbye() {
        return ending == Ending.HANG_UP && givenEnding != Ending.HANG_UP && phase != Phase.HEARD && heard().isBlank();
    }

    /** Arms the filler timer ({@code fillerDelayMs < 0}: none) and the watchdog; call before {@link #answer}. */
    void watch(Timers timers, long fillerDelayMs, long watchdogMs) {
        watch = new ReplyWatch(timers, fillerDelayMs, watchdogMs, this::producing,
                () -> phase == Phase.GENERATING && !speech.spokeAnything(),
                () -> listener.onFillerDue(this),
                () -> {
                    cancel();
                    listener.onTooSlow(this);
                });
    }

    /** Asks the agent to answer {@code input} and speaks its answer as it streams. */
    void answer(TurnInput input) {
        speech.answer(input);
    }

    /** Plays a ready clip (an apology, a goodbye) as the whole reply, without asking the agent. */
    void sayClip(String clipText, byte[] audio) {
        speech.sayClip(clipText, audio);
    }

    Phase phase() {
        return phase;
    }

    /** Whether text or audio of it is still to come. */
    boolean producing() {
        return phase == Phase.GENERATING;
    }

    /** Everything the agent said in it so far. */
    String text() {
        return speech.text();
    }

    /** Whether a provider failure ended it after part of it was produced, short of what the agent meant to say. */
    boolean brokenOff() {
        return brokenOff;
    }

    /** Whether the caller has heard it through or cut it off. */
    boolean over() {
        return over;
    }

    /** Whether barge-in protection applies: it opens the call and has been neither heard through nor cut off. */
    boolean protectsGreeting() {
        return opensCall && !over;
    }

    Ending ending() {
        return ending;
    }

    boolean endsCall() {
        return ending != Ending.CONTINUE;
    }

    /** The agent decided the call ends after this reply (its goodbye, or the hand-over to a person). */
    void endCallAfter(Ending after) {
        raiseEnding(after);
    }

    private void raiseEnding(Ending after) {
        if (after.ordinal() > ending.ordinal()) {
            ending = after;
        }
    }

    /** What the caller heard of it: the sentences whose marks came back, or when cut off, the words up to the cut. */
    String heard() {
        return heardSentences.toString().trim();
    }

    /** Whether a possible barge-in has paused it and it has not resumed yet. */
    boolean paused() {
        return paused;
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    /** One of its sentences was played to the end (its mark came back). */
    void onSentenceHeard(Utterance utterance) {
        if (utterance.startMs >= 0 && utterance.text != null) { // a sentence whose synthesis failed was never heard
            heardSentences.append(utterance.text).append(' ');
        }
    }

    /** The caller heard all of it: the bot's turn is over. */
    void heardThrough() {
        over = true;
        if (phase == Phase.PRODUCED) {
            phase = Phase.HEARD;
        }
    }

    /**
     * The caller cut it off (the player has already stopped). What they heard is the sentences whose marks came back
     * and the words of {@code atCut}, what the player says was playing when it stopped: the player alone knows only
     * the sentences still unconfirmed, so an answer cut off in its second sentence would lose its first.
     *
     * @return what the caller heard of it
     */
    String interrupt(OutboundPlayer.Heard atCut) {
        cancel();
        over = true;
        phase = Phase.INTERRUPTED;
        heardSentences.append(atCut.text());
        paused = false;
        return heard();
    }

    /** Stops it: no more text, no more audio, no timers; sentences not yet playing are dropped. */
    void cancel() {
        cancelTimers();
        speech.cancel();
        if (phase == Phase.GENERATING || phase == Phase.PRODUCED) {
            phase = Phase.CANCELLED;
        }
    }

    private void cancelTimers() {
        if (watch != null) {
            watch.stop();
        }
    }

    private void cancelWatchdog() {
        if (watch != null) {
            watch.stopWatchdog();
        }
    }

    private void renewWatchdogAfterAnAction() {
        if (watch != null) {
            watch.renewAfterAnAction();
        }
    }

    /** Its generation's news, passed on to the call while the reply is current. */
    private final class SpeechEvents implements ReplySpeech.Events {
        @Override
        public void onFirstToken() {
            listener.onFirstToken();
        }

        @Override
        public void onFirstAudio() {
            cancelWatchdog();
            listener.onFirstSynthesisedAudio();
        }

        @Override
        public void onAction(AgentAction action) {
            renewWatchdogAfterAnAction();
            listener.onAction(BotReply.this, action);
        }

        @Override
        public void onComplete() {
            if (phase == Phase.GENERATING) {
                phase = Phase.PRODUCED;
                cancelWatchdog();
                listener.onProduced(BotReply.this);
            }
        }

        @Override
        public void onBrokenOff(Throwable error) {
            brokenOff = true;
            listener.onBrokenOff(BotReply.this, error);
        }

        @Override
        public void onFailed(Throwable error) {
            cancel();
            phase = Phase.FAILED;
            listener.onFailed(BotReply.this, error);
        }
    }
}
