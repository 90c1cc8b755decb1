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
    private final CallTimeline timeline;
    private final long startedMs;
    private SpeechToText.Stream speech;
    private CallClock.Timer fillerTimer;
    private CallClock.Timer watchdog;
    private CallClock.Timer maxDurationTimer;
    private CallClock.Timer hangUpTimer;
    private boolean greetingPlaying;
    private boolean endAfterReply;
    private boolean wrappingUp;
    private boolean finished;
    private int lastFiller = -1;
    /** The campaign's language, then the caller's: what the call layer's own lines are spoken in. */
    private Language language;
    private int failuresInARow;
    private long listeningSinceMs;
    private String endReason = "callended";
    private String replyToRecord;

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
        this.timeline = new CallTimeline(services.metrics());
        this.language = Language.orEnglish(context.script().language());
        this.player = new OutboundPlayer(format, settings.outboundChunkMs(), settings.outboundLeadMs(), media,
                this::wakePlayerIn, this::nowMs, pcm -> echo.onPlayed(pcm, 0, pcm.length));
        this.conversation = services.providers().conversation().start(context.setup());
        this.voice = new BotVoice(conversation, services.providers().textToSpeech(), player, context.sampleRate(),
                actor, new VoiceListener());
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
            greetingPlaying = true;
            voice.reply(new TurnInput.Greeting());
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
            if (turns.state() == TurnTaking.State.BOT_SPEAKING || voice.producing()) {
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
                && turns.state() == TurnTaking.State.LISTENING && !voice.producing() && !player.busy()) {
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
                if (voice.producing() || player.busy()) {
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
                services.metrics().bargeInPaused();
            }
            case Decision.ResumeBot ignored -> player.resume();
            case Decision.InterruptBot ignored -> interruptBot();
            case Decision.CancelReply ignored -> cancelStaleReply();
        }
    }

    private void cancelStaleReply() {
        voice.cancel();
        player.stop();
        conversation.onInterrupted("");
        replyToRecord = null;
        cancel(fillerTimer);
        cancel(watchdog);
    }

    private void startReply(TurnInput input) {
        if (finished) {
            return;
        }
        voice.reply(input);
        cancel(fillerTimer);
        cancel(watchdog);
        if (!(input instanceof TurnInput.Greeting) && !(input instanceof TurnInput.WrapUp)) {
            fillerTimer = schedule(settings.fillerDelayMs(), this::playFillerIfStillWaiting);
        }
        watchdog = schedule(Math.max(2500, settings.fillerDelayMs() + 1500), this::onReplyTooSlow);
        services.sessions().update(context.callSid(), java.util.Map.of("waiting_for_response", false));
    }

    private void playFillerIfStillWaiting() {
        // the reply's sentences may already be queued, waiting for synthesis: that is exactly when a filler helps
        boolean waiting = turns.state() == TurnTaking.State.THINKING && !player.audible();
        if (waiting && voice.producing()) {
            lastFiller = services.prompts().nextFiller(lastFiller);
            OutboundPlayer.Utterance filler = player.begin(null, true);
            player.append(filler, services.prompts().filler(language, lastFiller, context.sampleRate()));
            player.complete(filler);
            services.metrics().fillerPlayed();
        }
    }

    private void onReplyTooSlow() {
        if (voice.producing() && !voice.spokeAnything()) { // a filler may be playing: it is not the answer
            log.warn("Call {}: no answer audio {} ms after the turn; apologising", context.label(), 2500);
            voice.cancel();
            onProviderTrouble(new IllegalStateException("reply too slow"));
        }
    }

    private void interruptBot() {
        OutboundPlayer.Heard heard = player.stop();
        voice.cancel();
        replyToRecord = null;
        cancel(fillerTimer);
        cancel(watchdog);
        conversation.onInterrupted(heard.text());
        services.metrics().bargeIn();
        if (!heard.text().isBlank()) {
            record(new TranscriptLine(TranscriptLine.AI, heard.text(), Instant.now().toString(), true));
        }
        greetingPlaying = false;
        services.sessions().update(context.callSid(), java.util.Map.of("is_bot_speaking", false,
                "should_stop_speaking", true, "waiting_for_response", true));
    }

    private void onBotAudioStarted() {
        timeline.firstAudioSent();
        turns.onBotAudioStarted(greetingPlaying);
        services.sessions().update(context.callSid(), java.util.Map.of("is_bot_speaking", true,
                "should_stop_speaking", false, "waiting_for_response", false));
    }

    /** Everything sent has been played; the bot's turn is over if the reply is complete too. */
    private void onPlayedOut() {
        if (voice.producing() || finished) {
            return;
        }
        botTurnOver();
    }

    private void botTurnOver() {
        if (replyToRecord != null && !replyToRecord.isBlank()) {
            record(TranscriptLine.ai(replyToRecord, Instant.now().toString()));
        }
        replyToRecord = null;
        greetingPlaying = false;
        turns.onBotFinished();
        listeningSinceMs = turns.audioMs();
        services.sessions().update(context.callSid(), java.util.Map.of("is_bot_speaking", false,
                "waiting_for_response", true));
        if (endAfterReply) {
            hangUp();
        }
    }

    private final class VoiceListener implements BotVoice.Listener {
        @Override
        public void onFirstToken() {
            timeline.firstToken();
        }

        @Override
        public void onFirstSynthesisedAudio() {
            cancel(watchdog);
            timeline.firstSynthesisedAudio();
        }

        @Override
        public void onAction(AgentAction action) {
            LiveCall.this.onAction(action);
        }

        @Override
        public void onReplyProduced(String text, boolean spokeAnything) {
            failuresInARow = 0;
            cancel(watchdog);
            replyToRecord = text;
            if (endAfterReply) {
                cancel(hangUpTimer);
                hangUpTimer = schedule(settings.markTimeoutMs() + 1000L * estimateSeconds(text), LiveCall.this::hangUp);
            }
            if (!player.busy()) {
                botTurnOver();
            }
        }

        @Override
        public void onReplyFailed(Throwable error, boolean spokeAnything) {
            log.warn("Call {}: the reply failed ({}); recovering", context.label(), error.toString());
            onProviderTrouble(error);
        }
    }

    private void onProviderTrouble(Throwable error) {
        services.metrics().providerFailure();
        failuresInARow++;
        if (failuresInARow >= 3) {
            endAfterReply = true;
            services.conversationOutcome(context, CallOutcome.CALLBACK, conversation.state());
            sayPrompt(phrases().troubleGoodbye());
        } else {
            sayPrompt(phrases().apology());
        }
    }

    private void onSpeechFailure(SpeechEvent.Failure failure) {
        log.warn("Call {}: speech recognition failed: {} {}", context.label(), failure.kind(), failure.message());
        if (!failure.recoverable()) {
            endAfterReply = true;
            sayPrompt(phrases().troubleGoodbye());
        }
    }

    private CallPhrases phrases() {
        return CallPhrases.forLanguage(language);
    }

    /** One of the call layer's own lines, from the ready clips, in the language the call is in now. */
    private void sayPrompt(String line) {
        voice.say(line, services.prompts().clip(language, line, context.sampleRate()));
    }

    private void onAction(AgentAction action) {
        services.onAgentAction(context, action);
        services.stateChanged(context, conversation.state());
        switch (action) {
            case AgentAction.EndCall ignored -> endAfterReply = true;
            case AgentAction.TransferToHuman ignored -> endAfterReply = true; // closing the stream hands the call to the flow's next applet
            default -> { }
        }
    }

    private void wrapUpNow(String reason) {
        if (finished || wrappingUp) {
            return;
        }
        wrappingUp = true;
        endAfterReply = true;
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
        voice.cancel();
        player.stop();
        for (CallClock.Timer timer : new CallClock.Timer[] {fillerTimer, watchdog, maxDurationTimer, hangUpTimer}) {
            cancel(timer);
        }
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
