package dev.vaani.call;

import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.Conversation;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the call does about a reply in trouble, with its own lines ({@link CallPrompts}): a late answer is masked by a
 * filler; a reply the caller heard nothing of that failed or was too slow gives way to an apology, and the third
 * failure in a row to the goodbye that promises a call back. A reply that broke off after its first audio is not
 * apologised for, but counts. {@link ReplyWatch} says when a reply is late or too slow; this answers it.
 *
 * <p>Runs on the call's serial executor, as {@link BotReplies} does: its count needs no locks. Not thread-safe.
 */
final class ReplyTrouble {

    private static final Logger log = LoggerFactory.getLogger(ReplyTrouble.class);

    private final CallContext context;
    private final CallServices services;
    private final Conversation conversation;
    private final OutboundPlayer player;
    private final TurnTaking turns;
    private final CallPrompts prompts;
    private final BiConsumer<String, BotReply.Ending> sayPrompt;
    private int failuresInARow;

    /** @param sayPrompt makes one of the call's own lines its next reply, which ends the call or not */
    ReplyTrouble(CallContext context, CallServices services, Conversation conversation, OutboundPlayer player,
                 TurnTaking turns, CallPrompts prompts, BiConsumer<String, BotReply.Ending> sayPrompt) {
        this.context = context;
        this.services = services;
        this.conversation = conversation;
        this.player = player;
        this.turns = turns;
        this.prompts = prompts;
        this.sayPrompt = sayPrompt;
    }

    /** The reply's text and audio are complete: unless it broke off, the failures in a row are over. */
    void produced(BotReply produced) {
        if (!produced.brokenOff()) { // a provider that fails partway is still failing
            failuresInARow = 0;
        }
    }

    /** The filler delay passed and the reply is still being produced. */
    void fillerDue() {
        // the reply's sentences may already be queued, waiting for synthesis: that is exactly when a filler helps
        if (turns.state() == TurnTaking.State.THINKING && !player.audible()) {
            Utterance filler = player.begin(null, true);
            player.append(filler, prompts.nextFiller());
            player.complete(filler);
            services.metrics().fillerPlayed();
        }
    }

    void failed(Throwable error) {
        log.warn("Call {}: the reply failed ({}); recovering", context.label(), error.toString());
        onProviderTrouble(error);
    }

    void brokenOff(Throwable error) {
        // the caller is hearing the start of the answer: an apology after it would make no sense, so the reply
        // ends where it broke off, and only the count of failures in a row remembers it
        log.warn("Call {}: the reply broke off after its first audio ({}); it ends there", context.label(),
                error.toString());
        services.metrics().providerFailure();
        failuresInARow++;
    }

    /** The watchdog ran out, {@code watchdogMs} after the turn, with no audio of the answer yet. */
    void tooSlow(long watchdogMs) {
        log.warn("Call {}: no answer audio {} ms after the turn; apologising", context.label(), watchdogMs);
        onProviderTrouble(new IllegalStateException("reply too slow"));
    }

    /**
     * Something the call cannot recover from: the bot says the trouble goodbye, then the call ends. The goodbye
     * promises to call back, so the call's outcome is a callback, which the dialer keeps.
     */
    void goodbyeAfterTrouble() {
        services.conversationOutcome(context, CallOutcome.CALLBACK, conversation.state());
        sayPrompt.accept(prompts.troubleGoodbye(), BotReply.Ending.HANG_UP);
    }

    /** A reply the caller heard nothing of failed or was too slow: the call's own apology or goodbye takes its place. */
    private void onProviderTrouble(Throwable error) {
        // as for a reply dropped unheard: the agent's history keeps nothing of it, and an end_call it made (its
        // goodbye, never said) is the agent's to make again
        conversation.onInterrupted("");
        services.metrics().providerFailure();
        failuresInARow++;
        if (failuresInARow >= 3) {
            goodbyeAfterTrouble();
        } else {
            sayPrompt.accept(prompts.apology(), BotReply.Ending.CONTINUE);
        }
    }
}
