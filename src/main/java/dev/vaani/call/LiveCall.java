package dev.vaani.call;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.EchoDetector;
import dev.vaani.audio.InboundFramer;
import dev.vaani.audio.VadDecision;
import dev.vaani.audio.VoiceActivityDetector;
import dev.vaani.call.TurnTaking.Decision;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.Language;
import dev.vaani.conversation.LanguageDetector;
import dev.vaani.conversation.TurnInput;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechToText;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live call: caller audio in (framing, echo check, VAD, streaming STT), turn decisions, the bot's streamed reply
 * out, and the call's end. Every event runs on the call's own serial executor, so its state needs no locks.
 */
public final class LiveCall {

    private static final Logger log = LoggerFactory.getLogger(LiveCall.class);
    private static final int FRAME_MS = 20;

    private final CallContext context;
    private final CallProperties settings;
    private final CallServices services;
    private final CallMedia media;
    private final SerialExecutor actor;
    private final CallClock clock;
    private final AudioFormat format;
    private final InboundFramer framer;
    private final VoiceActivityDetector vad;
    private final EchoDetector echo;
    private final TurnTaking turns;
    private final OutboundPlayer player;
    private final Conversation conversation;
    private final BotVoice voice;
    private final BotReply.Listener replies = new ReplyListener();
    private final CallTimeline timeline;
    private final long startedMs;
    private SpeechToText.Stream speech;
    /** The bot's reply in progress or last given: everything about one reply is asked of it. */
    private BotReply reply;
    private CallClock.Timer maxDurationTimer;
    private CallClock.Timer hangUpTimer;
    private boolean wrappingUp;
    private boolean finished;
    private int lastFiller = -1;
    /** The campaign's language, then the caller's: what the call layer's own lines are spoken in. */
    private Language language;
    private int failuresInARow;
    private long listeningSinceMs;
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
        this.vad = services.voiceDetection().forCall(format);
        this.echo = new EchoDetector(format);
        this.turns = new TurnTaking(services.voiceDetection().turnTakingSettings(settings));
        this.timeline = new CallTimeline(services.metrics(), clock);
        this.language = Language.orEnglish(context.script().language());
        this.player = new OutboundPlayer(format, settings.outboundChunkMs(), settings.outboundLeadMs(), media,
                this::wakePlayerIn, this::nowMs, pcm -> echo.onPlayed(pcm, 0, pcm.length));
        this.conversation = services.providers().conversation().start(context.setup());
        this.voice = new BotVoice(conversation, services.providers().textToSpeech(), player, context.sampleRate(),
                actor);
        this.reply = BotReply.none(voice, replies);
        player.onFirstAudio(this::onBotAudioStarted);
        player.onAllHeard(this::onPlayedOut);
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
            startAnswer(new TurnInput.Greeting(), BotReply.Ending.CONTINUE, -1, -1);
            maxDurationTimer = schedule(settings.maxDurationMinutes() * 60_000L,
                    () -> wrapUpNow("maximum call duration reached"));
        });
    }

    /** Caller audio from a media event (any size). */
    public void onMedia(byte[] pcm) {
        actor.execute(() -> {
            if (finished) {
                return;
            }
            if (speech != null) {
                speech.sendAudio(pcm, 0, pcm.length);
            }
            framer.append(pcm, 0, pcm.length);
        });
    }

    public void onDtmf(String digit) {
        actor.execute(() -> {
            if (finished) {
                return;
            }
            if (turns.state() == TurnTaking.State.BOT_SPEAKING || producing()) {
                interruptBot();
            }
            startReply(new TurnInput.KeyPress(digit));
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
        actor.execute(() -> wrapUpNow(reason));
    }

    /** Exotel said the call ended, or the socket dropped. */
    public void onStreamEnded(String reason) {
        actor.execute(() -> finish(reason == null ? "callended" : reason));
    }

    private void onFrame(byte[] frame, int offset, int length) {
        boolean speaking = vad.process(frame, offset, length) == VadDecision.SPEECH;
        if (speaking && turns.state() == TurnTaking.State.BOT_SPEAKING && echo.isLikelyEcho(frame, offset, length)) {
            speaking = false; // our own voice coming back through a speakerphone
        }
        apply(turns.onAudioFrame(speaking, FRAME_MS));
        // cheapest test first: this runs for every 20 ms frame of every call
        if (turns.audioMs() - listeningSinceMs >= settings.silenceTimeoutMs()
                && turns.state() == TurnTaking.State.LISTENING && !producing() && !player.busy()) {
            listeningSinceMs = turns.audioMs();
            startReply(new TurnInput.CallerSilent());
        }
    }

    private void onSpeechEvent(SpeechEvent event) {
        if (finished) {
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

    private void apply(Decision decision) {
        if (!(decision instanceof Decision.None) && log.isDebugEnabled()) {
            log.debug("Call {}: {} at {} ms of audio (state {})", context.callSid(),
                    dev.vaani.privacy.PhoneMask.maskIn(decision.toString()), turns.audioMs(), turns.state());
        }
        switch (decision) {
            case Decision.None ignored -> { }
            case Decision.EndOfTurn end -> {
                if (producing() || player.busy()) {
                    cancelStaleReply(); // the caller's words extend the turn this reply was answering
                }
                timeline.callerTurnEnded();
                language = LanguageDetector.detect(end.callerText()).orElse(language);
                record(TranscriptLine.user(end.newWords(), Instant.now().toString()));
                startReply(new TurnInput.CallerUtterance(end.callerText()));
            }
            case Decision.FinalizeTranscript ignored -> {
                if (speech != null) {
                    speech.finalizeUtterance();
                }
            }
            case Decision.PauseBot ignored -> {
                player.pause();
                reply.pause();
                services.metrics().bargeInPaused();
            }
            case Decision.ResumeBot ignored -> {
                player.resume();
                reply.resume();
            }
            case Decision.InterruptBot ignored -> interruptBot();
            case Decision.CancelReply ignored -> cancelStaleReply();
        }
    }

    /** Whether the current reply's text or audio is still coming. */
    private boolean producing() {
        return reply.producing();
    }

    private void cancelStaleReply() {
        reply.cancel();
        player.stop();
        conversation.onInterrupted("");
    }

    private void startReply(TurnInput input) {
        if (finished) {
            return;
        }
        boolean fills = !(input instanceof TurnInput.Greeting) && !(input instanceof TurnInput.WrapUp);
        BotReply.Ending ending = input instanceof TurnInput.WrapUp ? BotReply.Ending.HANG_UP : BotReply.Ending.CONTINUE;
        startAnswer(input, ending, fills ? settings.fillerDelayMs() : -1,
                Math.max(2500, settings.fillerDelayMs() + 1500));
        services.sessions().update(context.callSid(), java.util.Map.of("waiting_for_response", false));
    }

    /** The agent's answer to {@code input} becomes the current reply; a watchdog of {@code -1} ms: none. */
    private void startAnswer(TurnInput input, BotReply.Ending ending, long fillerDelayMs, long watchdogMs) {
        BotReply next = nextReply(input instanceof TurnInput.Greeting, ending);
        if (watchdogMs >= 0) {
            next.watch(this::schedule, fillerDelayMs, watchdogMs);
        }
        next.answer(input);
    }

    /** Stops the current reply and makes a new one current, with what it inherits from the old. */
    private BotReply nextReply(boolean greeting, BotReply.Ending ending) {
        reply = BotReply.after(reply, voice, replies, greeting, ending);
        return reply;
    }

    private void playFillerIfStillWaiting() {
        // the reply's sentences may already be queued, waiting for synthesis: that is exactly when a filler helps
        if (turns.state() == TurnTaking.State.THINKING && !player.audible()) {
            lastFiller = services.prompts().nextFiller(lastFiller);
            OutboundPlayer.Utterance filler = player.begin(null, true);
            player.append(filler, services.prompts().filler(language, lastFiller, context.sampleRate()));
            player.complete(filler);
            services.metrics().fillerPlayed();
        }
    }

    private void interruptBot() {
        OutboundPlayer.Heard atCut = player.stop();
        String heard = reply.interrupt(atCut);
        conversation.onInterrupted(heard);
        services.metrics().bargeIn();
        if (!heard.isBlank()) {
            record(new TranscriptLine(TranscriptLine.AI, heard, Instant.now().toString(), true));
        }
        services.sessions().update(context.callSid(), java.util.Map.of("is_bot_speaking", false,
                "should_stop_speaking", true, "waiting_for_response", true));
    }

    private void onBotAudioStarted() {
        timeline.firstAudioSent();
        turns.onBotAudioStarted(reply.protectsGreeting());
        services.sessions().update(context.callSid(), java.util.Map.of("is_bot_speaking", true,
                "should_stop_speaking", false, "waiting_for_response", false));
    }

    /** Everything sent has been played; the bot's turn is over if the reply is complete too. */
    private void onPlayedOut() {
        if (producing() || finished) {
            return;
        }
        botTurnOver();
    }

    private void botTurnOver() {
        if (reply.phase() == BotReply.Phase.PRODUCED && !reply.text().isBlank()) {
            record(TranscriptLine.ai(reply.text(), Instant.now().toString()));
        }
        reply.heardThrough();
        turns.onBotFinished();
        listeningSinceMs = turns.audioMs();
        services.sessions().update(context.callSid(), java.util.Map.of("is_bot_speaking", false,
                "waiting_for_response", true));
        if (reply.endsCall()) {
            hangUp();
        }
    }

    private final class ReplyListener implements BotReply.Listener {
        @Override
        public void onFirstToken() {
            timeline.firstToken();
        }

        @Override
        public void onFirstSynthesisedAudio() {
            timeline.firstSynthesisedAudio();
        }

        @Override
        public void onAction(BotReply from, AgentAction action) {
            LiveCall.this.onAction(from, action);
        }

        @Override
        public void onProduced(BotReply produced) {
            failuresInARow = 0;
            if (produced.endsCall()) {
                cancel(hangUpTimer);
                hangUpTimer = schedule(settings.markTimeoutMs() + 1000L * estimateSeconds(produced.text()),
                        LiveCall.this::hangUp);
            }
            if (!player.busy()) {
                botTurnOver();
            }
        }

        @Override
        public void onFailed(BotReply failed, Throwable error) {
            log.warn("Call {}: the reply failed ({}); recovering", context.label(), error.toString());
            onProviderTrouble(error);
        }

        @Override
        public void onFillerDue(BotReply waiting) {
            playFillerIfStillWaiting();
        }

        @Override
        public void onTooSlow(BotReply slow) {
            log.warn("Call {}: no answer audio {} ms after the turn; apologising", context.label(), 2500);
            onProviderTrouble(new IllegalStateException("reply too slow"));
        }
    }

    private void onProviderTrouble(Throwable error) {
        services.metrics().providerFailure();
        failuresInARow++;
        if (failuresInARow >= 3) {
            services.conversationOutcome(context, CallOutcome.CALLBACK, conversation.state());
            sayPrompt(phrases().troubleGoodbye(), BotReply.Ending.HANG_UP);
        } else {
            sayPrompt(phrases().apology(), BotReply.Ending.CONTINUE);
        }
    }

    private void onSpeechFailure(SpeechEvent.Failure failure) {
        log.warn("Call {}: speech recognition failed: {} {}", context.label(), failure.kind(), failure.message());
        if (!failure.recoverable()) {
            sayPrompt(phrases().troubleGoodbye(), BotReply.Ending.HANG_UP);
        }
    }

    private CallPhrases phrases() {
        return CallPhrases.forLanguage(language);
    }

    /** One of the call layer's own lines, from the ready clips, in the language the call is in now. */
    private void sayPrompt(String line, BotReply.Ending ending) {
        byte[] clip = services.prompts().clip(language, line, context.sampleRate());
        nextReply(false, ending).sayClip(line, clip);
    }

    private void onAction(BotReply from, AgentAction action) {
        services.onAgentAction(context, action);
        services.stateChanged(context, conversation.state());
        switch (action) {
            case AgentAction.EndCall ignored -> from.endCallAfter(BotReply.Ending.HANG_UP);
            // closing the stream hands the call to the flow's next applet
            case AgentAction.TransferToHuman ignored -> from.endCallAfter(BotReply.Ending.HAND_OVER);
            default -> { }
        }
    }

    private void wrapUpNow(String reason) {
        if (finished || wrappingUp) {
            return;
        }
        wrappingUp = true;
        if (turns.state() == TurnTaking.State.BOT_SPEAKING) {
            interruptBot();
        }
        log.info("Call {}: wrapping up ({})", context.label(), reason);
        startReply(new TurnInput.WrapUp(reason));
        cancel(hangUpTimer);
        hangUpTimer = schedule(settings.markTimeoutMs() + 15_000L, this::hangUp);
    }

    private void hangUp() {
        if (!finished) {
            endReason = "bot-hangup";
            media.close();
            finish(endReason);
        }
    }

    private void finish(String reason) {
        if (finished) {
            return;
        }
        finished = true;
        turns.end();
        reply.cancel();
        player.stop();
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

    private static int estimateSeconds(String text) {
        return text == null ? 0 : text.length() / 12 + 1;
    }

    private long nowMs() {
        return clock.nowMs();
    }
}
