package dev.vaani.call;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ReplyListener;
import dev.vaani.conversation.SentenceSplitter;
import dev.vaani.conversation.TurnInput;
import dev.vaani.conversation.qualification.SpokenAmount;
import dev.vaani.speech.TextToSpeech;
import java.util.ArrayList;
import java.util.List;

/**
 * One reply of the bot, from the moment the call decides to answer until the caller has heard it, cut it off, or it
 * was dropped (what LiveKit Agents calls a SpeechHandle). It owns the reply's generation (the agent's streamed text
 * and its cancel, each sentence's synthesis on its way to the player), its filler timer and watchdog, what the caller
 * heard of it, whether a possible barge-in paused it, and whether the call ends after it. The call holds the current
 * reply and asks it, instead of keeping the reply's state in flags of its own.
 *
 * <p>All methods run on the call's serial executor; provider callbacks are brought back onto it, and those that
 * arrive after the reply was stopped are ignored.
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

    private final BotVoice voice;
    private final Listener listener;
    private final boolean opensCall;
    private Ending ending;
    private Phase phase = Phase.GENERATING;
    private boolean stopped;
    private Conversation.Reply stream;
    private final List<TextToSpeech.Synthesis> syntheses = new ArrayList<>();
    /** Sentences still waiting for the rest of their synthesis. */
    private final List<OutboundPlayer.Utterance> unfinished = new ArrayList<>();
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder heardSentences = new StringBuilder();
    private boolean llmDone;
    private int pendingSyntheses;
    private boolean spokeAnything;
    private boolean firstToken;
    private boolean over;
    private boolean paused;
    private int pauses;
    private CallClock.Timer fillerTimer;
    private CallClock.Timer watchdog;

    /**
     * @param opensCall the greeting, or a reply standing in for a greeting the caller has not heard through: barge-in
     *                  protection applies to its first audio
     * @param ending    what the call does after it
     */
    BotReply(BotVoice voice, Listener listener, boolean opensCall, Ending ending) {
        this.voice = voice;
        this.listener = listener;
        this.opensCall = opensCall;
        this.ending = ending;
    }

    /** Arms the filler timer ({@code fillerDelayMs < 0}: none) and the watchdog; call before {@link #answer}. */
    void watch(Timers timers, long fillerDelayMs, long watchdogMs) {
        if (fillerDelayMs >= 0) {
            fillerTimer = timers.schedule(fillerDelayMs, () -> {
                if (phase == Phase.GENERATING) {
                    listener.onFillerDue(this);
                }
            });
        }
        watchdog = timers.schedule(watchdogMs, () -> {
            if (phase == Phase.GENERATING && !spokeAnything) { // a filler may be playing: it is not the answer
                cancel();
                listener.onTooSlow(this);
            }
        });
    }

    /** Asks the agent to answer {@code input} and speaks its answer as it streams. */
    void answer(TurnInput input) {
        stream = voice.conversation().respond(input, new ReplyListener() {
            @Override
            public void onText(String delta) {
                voice.actor().execute(() -> {
                    if (!stopped) {
                        onDelta(delta);
                    }
                });
            }

            @Override
            public void onAction(AgentAction action) {
                voice.actor().execute(() -> {
                    if (!stopped) {
                        listener.onAction(BotReply.this, action);
                    }
                });
            }

            @Override
            public void onComplete() {
                voice.actor().execute(() -> {
                    if (!stopped) {
                        onLlmComplete();
                    }
                });
            }

            @Override
            public void onError(Throwable error) {
                voice.actor().execute(() -> {
                    if (!stopped) {
                        fail(error);
                    }
                });
            }
        });
    }

    /** Plays a ready clip (an apology, a goodbye) as the whole reply, without asking the agent. */
    void sayClip(String clipText, byte[] audio) {
        llmDone = true;
        text.append(clipText);
        OutboundPlayer.Utterance utterance = voice.player().begin(clipText, false);
        utterance.reply = this;
        voice.player().append(utterance, audio);
        voice.player().complete(utterance);
        spokeAnything = true;
        finishIfDone();
    }

    Phase phase() {
        return phase;
    }

    /** Whether text or audio of it is still to come. */
    boolean producing() {
        return phase == Phase.GENERATING;
    }

    /** Whether any audio of the answer itself has been produced (a filler does not count). */
    boolean spokeAnything() {
        return spokeAnything;
    }

    /** Everything the agent said in it so far. */
    String text() {
        return text.toString().trim();
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

    /** How many times a possible barge-in paused it. */
    int pauses() {
        return pauses;
    }

    void pause() {
        if (!paused) {
            paused = true;
            pauses++;
        }
    }

    void resume() {
        paused = false;
    }

    /** One of its sentences was played to the end (its mark came back). */
    void onSentenceHeard(OutboundPlayer.Utterance utterance) {
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
        stopped = true;
        cancelTimers();
        if (stream != null) {
            stream.cancel();
            stream = null;
        }
        for (TextToSpeech.Synthesis synthesis : syntheses) {
            synthesis.cancel();
        }
        syntheses.clear();
        if (phase == Phase.GENERATING) {
            voice.player().discard(unfinished);
        }
        unfinished.clear();
        if (phase == Phase.GENERATING || phase == Phase.PRODUCED) {
            phase = Phase.CANCELLED;
        }
    }

    private void cancelTimers() {
        for (CallClock.Timer timer : new CallClock.Timer[] {fillerTimer, watchdog}) {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    private void onDelta(String delta) {
        if (!firstToken) {
            firstToken = true;
            listener.onFirstToken();
        }
        for (String sentence : splitter.add(delta)) {
            speak(sentence);
        }
    }

    private void onLlmComplete() {
        String rest = splitter.flush();
        if (rest != null && !rest.isBlank()) {
            speak(rest);
        }
        llmDone = true;
        stream = null;
        finishIfDone();
    }

    private void speak(String sentence) {
        String clean = sentence.trim();
        if (clean.isEmpty()) {
            return;
        }
        if (!SentenceSplitter.hasWords(clean)) {
            // punctuation that closes the sentence already being spoken: part of the transcript, not of speech
            if (!text.isEmpty()) {
                text.setLength(text.length() - 1);
            }
            text.append(clean).append(' ');
            return;
        }
        text.append(clean).append(' ');
        OutboundPlayer player = voice.player();
        OutboundPlayer.Utterance utterance = player.begin(clean, false);
        utterance.reply = this;
        unfinished.add(utterance);
        pendingSyntheses++;
        String language = BotVoice.languageOf(clean);
        String speakable = SpokenAmount.speakable(clean, SpokenAmount.Style.of(language));
        TextToSpeech.Synthesis synthesis = voice.tts().synthesize(speakable, language, voice.sampleRate(),
                pcm -> voice.actor().execute(() -> {
                    if (!stopped) {
                        if (!spokeAnything) {
                            spokeAnything = true;
                            cancelWatchdog();
                            listener.onFirstSynthesisedAudio();
                        }
                        player.append(utterance, pcm);
                    }
                }));
        syntheses.add(synthesis);
        synthesis.completion().whenComplete((ignored, error) -> voice.actor().execute(() -> {
            if (stopped) {
                return;
            }
            syntheses.remove(synthesis);
            unfinished.remove(utterance);
            pendingSyntheses--;
            player.complete(utterance);
            if (error != null && !spokeAnything && pendingSyntheses == 0) {
                fail(error);
                return;
            }
            finishIfDone();
        }));
    }

    private void cancelWatchdog() {
        if (watchdog != null) {
            watchdog.cancel();
        }
    }

    private void fail(Throwable error) {
        if (phase == Phase.FAILED) {
            return;
        }
        cancel();
        phase = Phase.FAILED;
        listener.onFailed(this, error);
    }

    private void finishIfDone() {
        if (phase == Phase.GENERATING && llmDone && pendingSyntheses == 0) {
            phase = Phase.PRODUCED;
            cancelWatchdog();
            listener.onProduced(this);
        }
    }
}
