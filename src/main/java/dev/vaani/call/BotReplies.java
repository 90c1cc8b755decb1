package dev.vaani.call;

import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.TurnInput;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's side of one call, one {@link BotReply} at a time: starts each reply (the greeting, the agent's answers,
 * the call's own apologies and goodbyes), pauses, resumes or cuts off a reply the caller barges in on, and once a
 * reply was heard decides what follows: listening, prompting a silent caller, or ending the call (the agent's
 * goodbye, a hand-over, a wrap-up). A reply that is late or fails is {@link ReplyTrouble}'s. {@link LiveCall} hears
 * the caller and decides the turns; this speaks. All methods run on the call's serial executor. Not thread-safe.
 */
final class BotReplies {

    private static final Logger log = LoggerFactory.getLogger(BotReplies.class);

    /** What the replies need of the call they belong to. */
    interface Call {
        /** Runs {@code task} on the call's executor {@code delayMs} from now, unless the call has ended by then. */
        CallClock.Timer schedule(long delayMs, Runnable task);
        /** Closes the stream and ends the call. */
        void hangUp();
        /** Hangs up {@code delayMs} from now unless the call ends first (replacing any earlier such deadline). */
        void hangUpAtLatestIn(long delayMs);
        /** Drops the deadline {@link #hangUpAtLatestIn} set: the call goes on. */
        void cancelHangUpDeadline();
        boolean ended();
    }

    private final CallContext context;
    private final CallProperties settings;
    private final CallServices services;
    private final Conversation conversation;
    private final OutboundPlayer player;
    private final TurnTaking turns;
    private final CallTimeline timeline;
    private final Call call;
    private final BotVoice voice;
    private final CallPrompts prompts;
    private final ReplyTrouble trouble;
    private final BotReply.Listener replies = new ReplyListener();
    /** The bot's reply in progress or last given: everything about one reply is asked of it. */
    private BotReply reply;
    private boolean wrappingUp;
    /** When, in the caller's audio, the bot's last turn ended: the caller's silence is counted from here. */
    private long listeningSinceMs;

    BotReplies(CallContext context, CallProperties settings, CallServices services, Conversation conversation,
               OutboundPlayer player, TurnTaking turns, CallTimeline timeline, SerialExecutor actor, Call call) {
        this.context = context;
        this.settings = settings;
        this.services = services;
        this.conversation = conversation;
        this.player = player;
        this.turns = turns;
        this.timeline = timeline;
        this.call = call;
        this.prompts = new CallPrompts(services.prompts(), context);
        this.trouble = new ReplyTrouble(context, services, conversation, player, turns, prompts, this::sayPrompt);
        this.voice = new BotVoice(conversation, services.providers().textToSpeech(), player, context.sampleRate(),
                actor);
        this.reply = BotReply.none(voice, replies);
        player.onFirstAudio(this::onBotAudioStarted);
        player.onAllHeard(this::onPlayedOut);
    }

    /** The call's first reply: the agent's greeting, with no filler and no watchdog. */
    void greet() {
        startAnswer(new TurnInput.Greeting(), BotReply.Ending.CONTINUE, -1, -1);
    }

    /** The caller said {@code callerText}: the call's own lines follow their language, and the agent answers. */
    void answerCaller(String callerText) {
        prompts.followCaller(callerText);
        answer(new TurnInput.CallerUtterance(callerText));
    }

    /** The agent's answer to {@code input} becomes the current reply, with a filler and a watchdog. */
    void answer(TurnInput input) {
        if (call.ended()) {
            return;
        }
        boolean fills = !(input instanceof TurnInput.Greeting) && !(input instanceof TurnInput.WrapUp);
        BotReply.Ending ending = input instanceof TurnInput.WrapUp ? BotReply.Ending.HANG_UP : BotReply.Ending.CONTINUE;
        startAnswer(input, ending, fills ? settings.fillerDelayMs() : -1, watchdogMs());
        services.sessions().update(context.callSid(), Map.of("waiting_for_response", false));
    }

    /** How long an answer may take to its first audio before the caller gets an apology instead. */
    private long watchdogMs() {
        return Math.max(2500, settings.fillerDelayMs() + 1500);
    }

    /** Whether the current reply's text or audio is still coming. */
    boolean producing() {
        return reply.producing();
    }

    /** Per 20 ms frame of caller audio: prompts a caller silent for the silence timeout since the bot's turn. */
    void promptIfCallerSilent() {
        // cheapest test first: this runs for every 20 ms frame of every call
        if (turns.audioMs() - listeningSinceMs >= settings.silenceTimeoutMs()
                && turns.state() == TurnTaking.State.LISTENING && !producing() && !player.busy()) {
            listeningSinceMs = turns.audioMs();
            answer(new TurnInput.CallerSilent());
        }
    }

    /** A possible barge-in: the reply holds still until the caller's sound proves to be a barge-in or not. */
    void pause() {
        player.pause();
        reply.pause();
        services.metrics().bargeInPaused();
    }

    void resume() {
        player.resume();
        reply.resume();
    }

    /** The caller barged in: the reply stops, and the agent and the transcript learn what the caller heard of it. */
    void interrupt() {
        OutboundPlayer.Heard atCut = player.stop();
        String heard = reply.interrupt(atCut);
        conversation.onInterrupted(heard);
        services.metrics().bargeIn();
        if (!heard.isBlank()) {
            services.recordTranscript(context, new TranscriptLine(TranscriptLine.AI, heard, Instant.now().toString(),
                    true));
        }
        services.sessions().update(context.callSid(), Map.of("is_bot_speaking", false,
                "should_stop_speaking", true, "waiting_for_response", true));
    }

    /** The caller kept talking: the reply answered a turn that was not over, so it is dropped unheard. */
    void cancelStaleReply() {
        reply.cancel();
        player.stop();
        conversation.onInterrupted("");
    }

    /**
     * Ends the call politely: whatever the bot is saying stops, it says goodbye, and the call hangs up once the
     * goodbye was heard (or after a timeout).
     */
    void wrapUp(String reason) {
        if (call.ended() || wrappingUp) {
            return;
        }
        wrappingUp = true;
        if (turns.state() == TurnTaking.State.BOT_SPEAKING) {
            interrupt();
        }
        log.info("Call {}: wrapping up ({})", context.label(), reason);
        answer(new TurnInput.WrapUp(reason));
        call.hangUpAtLatestIn(settings.markTimeoutMs() + 15_000L);
    }

    /** Something the call cannot recover from: the bot says the trouble goodbye, then the call ends. */
    void goodbyeAfterTrouble() {
        trouble.goodbyeAfterTrouble();
    }

    /**
     * The call ended: nothing more is said. A reply still playing goes into the transcript as far as the caller heard
     * it: marked interrupted when the end cut it short (the caller hung up on it, or the line dropped), as a
     * barge-in's would be, and whole when it had played out but its last mark had not come back yet.
     */
    void stop() {
        OutboundPlayer.Heard atEnd = player.stop();
        if (reply.over()) {
            reply.cancel();
            return;
        }
        boolean playedOut = reply.phase() == BotReply.Phase.PRODUCED && !atEnd.cutShort();
        String heard = reply.interrupt(atEnd);
        if (!heard.isBlank()) {
            services.recordTranscript(context, new TranscriptLine(TranscriptLine.AI, heard, Instant.now().toString(),
                    !playedOut));
        }
    }

    /** Starts the agent's answer as the current reply; a watchdog of {@code -1} ms: none. */
    private void startAnswer(TurnInput input, BotReply.Ending ending, long fillerDelayMs, long watchdogMs) {
        BotReply next = nextReply(input instanceof TurnInput.Greeting, ending);
        if (watchdogMs >= 0) {
            next.watch(call::schedule, fillerDelayMs, watchdogMs);
        }
        next.answer(input);
    }

    /** Stops the current reply and makes a new one current, with what it inherits from the old. */
    private BotReply nextReply(boolean greeting, BotReply.Ending ending) {
        boolean wasEnding = reply.endsCall();
        reply = BotReply.after(reply, voice, replies, greeting, ending);
        if (wasEnding && !reply.endsCall()) {
            call.cancelHangUpDeadline(); // set for a goodbye the caller never heard
        }
        return reply;
    }

    private void onBotAudioStarted() {
        timeline.firstAudioSent();
        turns.onBotAudioStarted(reply.protectsGreeting());
        services.sessions().update(context.callSid(), Map.of("is_bot_speaking", true,
                "should_stop_speaking", false, "waiting_for_response", false));
    }

    /** Everything sent has been played; the bot's turn is over if the reply is complete too. */
    private void onPlayedOut() {
        if (producing() || call.ended()) {
            return;
        }
        botTurnOver();
    }

    private void botTurnOver() {
        if (reply.phase() == BotReply.Phase.PRODUCED && !reply.text().isBlank()) {
            services.recordTranscript(context, TranscriptLine.ai(reply.text(), Instant.now().toString()));
        }
        reply.heardThrough();
        turns.onBotFinished();
        listeningSinceMs = turns.audioMs();
        services.sessions().update(context.callSid(), Map.of("is_bot_speaking", false,
                "waiting_for_response", true));
        if (reply.endsCall()) {
            call.hangUp();
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
            services.onAgentAction(context, action);
            services.stateChanged(context, conversation.state());
            switch (action) {
                case AgentAction.EndCall ignored -> from.endCallAfter(BotReply.Ending.HANG_UP);
                // closing the stream hands the call to the flow's next applet
                case AgentAction.TransferToHuman ignored -> from.endCallAfter(BotReply.Ending.HAND_OVER);
                default -> { }
            }
        }

        @Override
        public void onProduced(BotReply produced) {
            trouble.produced(produced);
            if (produced.endsCall()) {
                call.hangUpAtLatestIn(settings.markTimeoutMs() + 1000L * estimateSeconds(produced.text()));
            }
            if (!player.busy()) {
                botTurnOver();
            }
        }

        @Override
        public void onFailed(BotReply failed, Throwable error) {
            trouble.failed(error);
        }

        @Override
        public void onBrokenOff(BotReply broken, Throwable error) {
            trouble.brokenOff(error);
        }

        @Override
        public void onFillerDue(BotReply waiting) {
            trouble.fillerDue();
        }

        @Override
        public void onTooSlow(BotReply slow) {
            trouble.tooSlow(watchdogMs());
        }
    }

    /** One of the call layer's own lines, from the ready clips, in the language the call is in now. */
    private void sayPrompt(String line, BotReply.Ending ending) {
        byte[] clip = prompts.clip(line);
        nextReply(false, ending).sayClip(line, clip);
    }

    private static int estimateSeconds(String text) {
        return text == null ? 0 : text.length() / 12 + 1;
    }
}
