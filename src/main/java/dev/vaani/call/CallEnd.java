package dev.vaani.call;

import dev.vaani.call.session.TranscriptLine;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechToText;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How one call ends: at its maximum duration, when the bot hangs up (at once, or when a goodbye's deadline runs out),
 * when the carrier ends the stream, or when the server stops. A call that ends while the caller is talking (they hung
 * up mid-sentence) says nothing more and waits a little for their last words, so that what they said is kept.
 *
 * <p>Runs on the call's serial executor, as {@link LiveCall} does: its state needs no locks. Not thread-safe.
 */
final class CallEnd {

    /**
     * How long a call that ended mid-sentence waits for the recogniser's last words: a recogniser asked to finalise
     * answers within a few hundred milliseconds (Deepgram's Finalize, the offline decoder's queue), and the call's
     * record must not wait on one that never does.
     */
    static final long LAST_WORDS_WAIT_MS = 1_000;

    private final CallContext context;
    private final CallServices services;
    private final CallMedia media;
    private final TurnTaking turns;
    private final BotReplies bot;
    private final BotReply.Timers timers;
    private final Supplier<SpeechToText.Stream> speech;
    private final Consumer<String> release;
    private CallClock.Timer maxDurationTimer;
    private CallClock.Timer hangUpTimer;
    private boolean closed;
    /** The call has ended while the caller was talking; it closes once their last words are recognised. */
    private boolean awaitingLastWords;
    private String endReason = "callended";

    /**
     * @param timers  the call's timers: they run on its executor, and not once it has closed
     * @param speech  the call's recogniser, {@code null} until it opens
     * @param release the call has closed: it lets go of what it holds and reports how it ended
     */
    CallEnd(CallContext context, CallServices services, CallMedia media, TurnTaking turns, BotReplies bot,
            BotReply.Timers timers, Supplier<SpeechToText.Stream> speech, Consumer<String> release) {
        this.context = context;
        this.services = services;
        this.media = media;
        this.turns = turns;
        this.bot = bot;
        this.timers = timers;
        this.speech = speech;
        this.release = release;
    }

    /** Arms the maximum-duration timer: the bot wraps up once {@code maxDurationMs} have passed. */
    void wrapUpAfter(long maxDurationMs) {
        maxDurationTimer = timers.schedule(maxDurationMs, () -> bot.wrapUp("maximum call duration reached"));
    }

    /** Nothing more is said: the call is over, or only the caller's last words are still awaited. */
    boolean ended() {
        return closed || awaitingLastWords;
    }

    /** The call is over: nothing of it runs any more. */
    boolean closed() {
        return closed;
    }

    /** Whether the recogniser's next words are the caller's last, for {@link #onLastWords}. */
    boolean awaitingLastWords() {
        return awaitingLastWords;
    }

    /** The bot closes the stream and ends the call. */
    void hangUp() {
        if (!ended()) {
            endReason = "bot-hangup";
            media.close();
            finish(endReason);
        }
    }

    /** The bot hangs up {@code delayMs} from now unless the call ends first (replacing any earlier such deadline). */
    void hangUpAtLatestIn(long delayMs) {
        cancel(hangUpTimer);
        hangUpTimer = timers.schedule(delayMs, this::hangUp);
    }

    /** Drops the deadline {@link #hangUpAtLatestIn} set: the call goes on. */
    void cancelHangUpDeadline() {
        cancel(hangUpTimer);
        hangUpTimer = null;
    }

    /**
     * The call is over. When it ends while the caller is talking (they hung up mid-sentence), nothing more is said,
     * and it closes once the recogniser has given their last words, or after {@link #LAST_WORDS_WAIT_MS}.
     */
    void finish(String reason) {
        if (ended()) {
            return;
        }
        SpeechToText.Stream recogniser = speech.get();
        if (recogniser != null && turns.state() == TurnTaking.State.CALLER_SPEAKING) {
            awaitingLastWords = true;
            endReason = reason;
            bot.stop();
            recogniser.finalizeUtterance();
            timers.schedule(LAST_WORDS_WAIT_MS, () -> close(endReason));
            return;
        }
        close(reason);
    }

    void onLastWords(SpeechEvent event) {
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

    /** The call closes at once, without waiting for a caller's last words. */
    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        awaitingLastWords = false;
        String unanswered = turns.wordsOfTurnInProgress(); // the caller hung up mid-turn: what they said still counts
        if (!unanswered.isBlank()) {
            record(TranscriptLine.user(unanswered, Instant.now().toString()));
        }
        turns.end();
        bot.stop();
        cancel(maxDurationTimer);
        cancel(hangUpTimer);
        release.accept(reason);
    }

    private void record(TranscriptLine line) {
        services.recordTranscript(context, line);
    }

    private static void cancel(CallClock.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
