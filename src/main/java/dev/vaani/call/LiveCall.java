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
 * One live call: caller audio in (framing, echo check, VAD, streaming STT) and turn decisions; the bot's replies out
 * are {@link BotReplies}, and how the call ends is {@link CallEnd}. Every event runs on the call's own serial executor,
 * so its state needs no locks.
 */
public final class LiveCall {

    private static final Logger log = LoggerFactory.getLogger(LiveCall.class);
    private static final int FRAME_MS = 20;
    private static final Consumer<byte[]> NOT_REUSED = pcm -> { };

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
    /** How the call ends, and whether it has: nothing of a closed call runs any more. */
    private final CallEnd end;
    private final long startedMs;
    private SpeechToText.Stream speech;

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
        this.timeline = new CallTimeline(services.metrics(), clock,
                measured -> services.recordWriter().turnsMeasured(context.callSid(), measured));
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
                        end.hangUp();
                    }

                    @Override
                    public void hangUpAtLatestIn(long delayMs) {
                        end.hangUpAtLatestIn(delayMs);
                    }

                    @Override
                    public void cancelHangUpDeadline() {
                        end.cancelHangUpDeadline();
                    }

                    @Override
                    public boolean ended() {
                        return end.ended();
                    }
                });
        this.end = new CallEnd(context, services, media, turns, bot, this::schedule, () -> speech, this::release);
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
            end.wrapUpAfter(settings.maxDurationMinutes() * 60_000L);
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
                if (end.ended()) {
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
            if (end.closed()) {
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
        actor.execute(() -> end.finish(reason == null ? "callended" : reason));
    }

    /** The server is stopping: the call closes at once, without waiting for a caller's last words. */
    public void endNow(String reason) {
        actor.execute(() -> end.close(reason));
    }

    private void onFrame(byte[] frame, int offset, int length) {
        vad.accept(frame, offset, length);
    }

    /** A frame with its verdict: at once, or once the shared model has scored it. */
    private void onFrameHeard(VadDecision verdict, byte[] frame, int offset, int length) {
        if (end.closed()) {
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
        if (end.closed()) {
            return;
        }
        if (end.awaitingLastWords()) {
            end.onLastWords(event);
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

    /** The call has closed: it lets go of what it holds, and reports how it ended. */
    private void release(String reason) {
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
            if (!end.closed()) {
                task.run();
            }
        }));
    }

    private long nowMs() {
        return clock.nowMs();
    }
}
