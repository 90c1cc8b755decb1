package dev.vaani.call;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.EchoDetector;
import dev.vaani.audio.InboundFramer;
import dev.vaani.audio.VadDecision;
import dev.vaani.audio.VoiceActivityStream;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.TurnInput;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechToText;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live call: caller audio in (framing, echo check, VAD, streaming STT), turn decisions, and the call's end; the
 * bot's replies out are {@link BotReplies}. Every event runs on the call's own serial executor, so its state needs no
 * locks.
 */
public final class LiveCall {

    private static final Logger log = LoggerFactory.getLogger(LiveCall.class);
    private static final int FRAME_MS = 20;
    private static final Consumer<byte[]> NOT_REUSED = pcm -> { };
    /**
     * How long a call that ended mid-sentence waits for the recogniser's last words: a recogniser asked to finalise
     * answers within a few hundred milliseconds (Deepgram's Finalize, the offline decoder's queue), and the call's
     * record must not wait on one that never does.
     */
    static final long LAST_WORDS_WAIT_MS = 1_000;

    private final CallContext context;
    private final CallProperties settings;
    private final CallServices services;
    private final CallMedia media;
    private final SerialExecutor actor;
    private final CallClock clock;
    private final AudioFormat format;
    private final InboundFramer framer;
    private final VoiceActivityStream vad;
    private final EchoDetector echo;
    private final TurnTaking turns;
    private final OutboundPlayer player;
    private final Conversation conversation;
    /** The bot's side of the call: its current reply, and what follows each reply. */
    private final BotReplies bot;
    private final CallTimeline timeline;
    private final long startedMs;
    private SpeechToText.Stream speech;
    private CallClock.Timer maxDurationTimer;
    private CallClock.Timer hangUpTimer;
    private boolean finished;
    /** The call has ended while the caller was talking; it closes once their last words are recognised. */
    private boolean awaitingLastWords;
    private String endReason = "callended";

    LiveCall(CallContext context, CallProperties settings, CallServices services, CallMedia media, Executor pool,
             CallClock clock) {
        this.context = context;
        this.settings = settings;
        this.services = services;
        this.media = media;
        this.clock = clock;
        this.startedMs = clock.nowMs();
        this.actor = new SerialExecutor(pool, "call " + context.callSid());
        this.format = new AudioFormat(context.sampleRate());
        this.framer = new InboundFramer(format, FRAME_MS, this::onFrame);
        this.vad = services.voiceDetection().forCall(format, actor, this::onFrameHeard);
        this.echo = new EchoDetector(format);
        this.turns = new TurnTaking(services.voiceDetection().turnTakingSettings(settings));
        this.timeline = new CallTimeline(services.metrics(), clock);
        this.player = new OutboundPlayer(format, settings.outboundChunkMs(), settings.outboundLeadMs(), media,
                this::wakePlayerIn, this::nowMs, pcm -> echo.onPlayed(pcm, 0, pcm.length));
        this.conversation = services.providers().conversation().start(context.setup());
        this.bot = new BotReplies(context, settings, services, conversation, player, turns, timeline, actor,
                new BotReplies.Call() {
                    @Override
                    public CallClock.Timer schedule(long delayMs, Runnable task) {
                        return LiveCall.this.schedule(delayMs, task);
                    }

                    @Override
                    public void hangUp() {
                        LiveCall.this.hangUp();
                    }

                    @Override
                    public void hangUpAtLatestIn(long delayMs) {
                        cancel(hangUpTimer);
                        hangUpTimer = LiveCall.this.schedule(delayMs, LiveCall.this::hangUp);
                    }

                    @Override
                    public void cancelHangUpDeadline() {
                        cancel(hangUpTimer);
                        hangUpTimer = null;
                    }

                    @Override
                    public boolean ended() {
                        return LiveCall.this.ended();
                    }
                });
    }

    public CallContext context() {
        return context;
    }

    private void wakePlayerIn(long millis) {
        schedule(millis, player::pump);
    }

    /** The stream started: open recognition, greet the lead, arm the maximum-duration timer. */
    void begin() {
        actor.execute(() -> {
            services.sessions().create(context.newSession(Instant.now().toString()));
            speech = services.providers().speechToText().open(context.speechSettings(),
                    event -> actor.execute(() -> onSpeechEvent(event)));
            bot.greet();
            maxDurationTimer = schedule(settings.maxDurationMinutes() * 60_000L,
                    () -> bot.wrapUp("maximum call duration reached"));
        });
    }

    /**
     * The stream started but the call cannot go on (PostgreSQL does not answer and nothing else says who this is):
     * the caller hears at once, from the ready clips, that we have a problem and will call back, then the call ends.
     * Nothing is recognised meanwhile.
     */
    void beginWithTroubleGoodbye() {
        actor.execute(() -> {
            services.sessions().create(context.newSession(Instant.now().toString()));
            bot.goodbyeAfterTrouble();
        });
    }

    /** Caller audio from a media event (any size). */
    public void onMedia(byte[] pcm) {
        onMedia(pcm, NOT_REUSED);
    }

    /**
     * The caller's audio, with {@code consumed} told the array once this call is done with it, so the array can be
     * reused: all it is handed to (the speech-to-text stream, the framer and, through it, the VAD and the echo
     * detector) copy what they keep past the frame.
     */
    public void onMedia(byte[] pcm, Consumer<byte[]> consumed) {
        actor.execute(() -> {
            try {
                if (ended()) {
                    return;
                }
                if (speech != null) {
                    speech.sendAudio(pcm, 0, pcm.length);
                }
                framer.append(pcm, 0, pcm.length);
            } finally {
                consumed.accept(pcm);
            }
        });
    }

    public void onDtmf(String digit) {
        actor.execute(() -> {
            if (finished) {
                return;
            }
            if (turns.state() == TurnTaking.State.BOT_SPEAKING || bot.producing()) {
                bot.interrupt();
            }
            bot.answer(new TurnInput.KeyPress(digit));
        });
    }

    public void onMark(String name) {
        actor.execute(() -> player.onMark(name));
    }

    /**
     * Ends the call politely: whatever the bot is saying stops, it says goodbye, and the socket closes once the
     * goodbye's mark comes back (or after a timeout). Used by the maximum-duration timer and by operators.
     */
    public void wrapUp(String reason) {
        actor.execute(() -> bot.wrapUp(reason));
    }

    /** Exotel said the call ended, or the socket dropped. */
    public void onStreamEnded(String reason) {
        actor.execute(() -> finish(reason == null ? "callended" : reason));
    }

    /** The server is stopping: the call closes at once, without waiting for a caller's last words. */
    public void endNow(String reason) {
        actor.execute(() -> close(reason));
    }

    private void onFrame(byte[] frame, int offset, int length) {
        vad.accept(frame, offset, length);
    }

    /** A frame with its verdict: at once, or once the shared model has scored it. */
    private void onFrameHeard(VadDecision verdict, byte[] frame, int offset, int length) {
        if (finished) {
            return;
        }
        if (verdict.leansToSpeech() && turns.state() == TurnTaking.State.BOT_SPEAKING
                && echo.isLikelyEcho(frame, offset, length)) {
            verdict = VadDecision.SILENCE; // our own voice coming back through a speakerphone
        }
        TurnDecision decision = turns.onAudioFrame(verdict, FRAME_MS);
        timeline.callerAudio(verdict.isSpeech());
        apply(decision);
        bot.promptIfCallerSilent();
    }

    private void onSpeechEvent(SpeechEvent event) {
        if (finished) {
            return;
        }
        if (awaitingLastWords) {
            onLastWords(event);
            return;
        }
        switch (event) {
            case SpeechEvent.Interim interim -> apply(turns.onInterim(interim.text()));
            case SpeechEvent.Final fin -> {
                timeline.transcriptFinal();
                apply(turns.onFinal(fin.text(), fin.endOfSpeech()));
            }
            case SpeechEvent.UtteranceEnd ignored -> apply(turns.onUtteranceEnd());
            case SpeechEvent.SpeechStarted ignored -> { }
            case SpeechEvent.Failure failure -> onSpeechFailure(failure);
        }
    }

    private void apply(TurnDecision decision) {
        if (!(decision instanceof TurnDecision.None) && log.isDebugEnabled()) {
            log.debug("Call {}: {} at {} ms of audio (state {})", context.callSid(),
                    dev.vaani.privacy.PhoneMask.maskIn(decision.toString()), turns.audioMs(), turns.state());
        }
        switch (decision) {
            case TurnDecision.None ignored -> { }
            case TurnDecision.EndOfTurn end -> {
                if (bot.producing() || player.busy()) {
                    bot.cancelStaleReply(); // the caller's words extend the turn this reply was answering
                }
                timeline.callerTurnEnded();
                if (!end.newWords().isBlank()) { // blank when what cancelled the reply proved not to be words
                    record(TranscriptLine.user(end.newWords(), Instant.now().toString()));
                }
                bot.answerCaller(end.callerText());
            }
            case TurnDecision.AskToRepeat ignored -> {
                timeline.callerTurnEnded();
                bot.answer(new TurnInput.CallerUnclear());
            }
            case TurnDecision.FinalizeTranscript ignored -> {
                if (speech != null) {
                    speech.finalizeUtterance();
                }
            }
            case TurnDecision.PauseBot ignored -> bot.pause();
            case TurnDecision.ResumeBot ignored -> bot.resume();
            case TurnDecision.InterruptBot ignored -> bot.interrupt();
            case TurnDecision.CancelReply ignored -> bot.cancelStaleReply();
        }
    }

    private void onSpeechFailure(SpeechEvent.Failure failure) {
        log.warn("Call {}: speech recognition failed: {} {}", context.label(), failure.kind(), failure.message());
        if (!failure.recoverable()) {
            bot.goodbyeAfterTrouble();
        }
    }

    private void hangUp() {
        if (!ended()) {
            endReason = "bot-hangup";
            media.close();
            finish(endReason);
        }
    }

    /**
     * The call is over. When it ends while the caller is talking (they hung up mid-sentence), nothing more is said,
     * and it closes once the recogniser has given their last words, or after {@link #LAST_WORDS_WAIT_MS}.
     */
    private void finish(String reason) {
        if (ended()) {
            return;
        }
        if (speech != null && turns.state() == TurnTaking.State.CALLER_SPEAKING) {
            awaitingLastWords = true;
            endReason = reason;
            bot.stop();
            speech.finalizeUtterance();
            schedule(LAST_WORDS_WAIT_MS, () -> close(endReason));
            return;
        }
        close(reason);
    }

    private void onLastWords(SpeechEvent event) {
        switch (event) {
            case SpeechEvent.Final fin when !fin.text().isBlank() -> {
                if (turns.onFinal(fin.text(), true) instanceof TurnDecision.EndOfTurn end && !end.newWords().isBlank()) {
                    record(TranscriptLine.user(end.newWords(), Instant.now().toString()));
                }
                close(endReason);
            }
            case SpeechEvent.Failure ignored -> close(endReason);
            default -> { }
        }
    }

    /** Nothing more is said: the call is over, or only the caller's last words are still awaited. */
    private boolean ended() {
        return finished || awaitingLastWords;
    }

    private void close(String reason) {
        if (finished) {
            return;
        }
        finished = true;
        awaitingLastWords = false;
        String unanswered = turns.wordsOfTurnInProgress(); // the caller hung up mid-turn: what they said still counts
        if (!unanswered.isBlank()) {
            record(TranscriptLine.user(unanswered, Instant.now().toString()));
        }
        turns.end();
        bot.stop();
        cancel(maxDurationTimer);
        cancel(hangUpTimer);
        if (speech != null) {
            speech.close();
        }
        vad.close();
        services.callEnded(context, conversation.state(), timeline.turns(), reason,
                clock.nowMs() - startedMs);
    }

    private void record(TranscriptLine line) {
        services.recordTranscript(context, line);
    }

    private CallClock.Timer schedule(long millis, Runnable task) {
        return clock.schedule(millis, () -> actor.execute(() -> {
            if (!finished) {
                task.run();
            }
        }));
    }

    private static void cancel(CallClock.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private long nowMs() {
        return clock.nowMs();
    }
}
