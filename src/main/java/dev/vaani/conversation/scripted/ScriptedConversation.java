package dev.vaani.conversation.scripted;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ConversationSetup;
import dev.vaani.conversation.ConversationStage;
import dev.vaani.conversation.ConversationState;
import dev.vaani.conversation.Language;
import dev.vaani.conversation.ReplyListener;
import dev.vaani.conversation.TurnInput;
import dev.vaani.conversation.qualification.Intent;
import dev.vaani.conversation.qualification.IntentClassifier;
import dev.vaani.conversation.qualification.Utterances;
import dev.vaani.conversation.qualification.YesNoQuestion;
import dev.vaani.conversation.scripted.CallProgress.Phase;

/**
 * One call with the scripted agent: greet, ask the campaign's fields in order (skipping what is known), confirm, close.
 * Refusals, callbacks, transfers and wrong numbers end it from any point. Deterministic: same inputs, same replies.
 * This class routes each caller turn; {@link QualificationDialogue} asks and reads back, {@link CallEnding} finishes.
 */
public final class ScriptedConversation implements Conversation {

    private final ConversationSetup setup;
    private final CampaignScript script;
    private final SpeakingLanguage language;
    private final Executor executor;
    private final LeadFacts facts;
    private final CallProgress progress = new CallProgress();
    private final CallEnding ending;
    private final QualificationDialogue dialogue;

    private int silences;
    private String pendingQuestion;
    private boolean questionUnheard;
    private ScriptedReply lastReply;
    /** The caller heard nothing of our last reply. */
    private boolean lastReplyUnheard;

    ScriptedConversation(ConversationSetup setup, Clock clock, Executor executor) {
        this.setup = setup;
        // campaigns fill a script's missing parts when read; this guards a script from anywhere else (a call queued
        // before that rule) so that no call greets in silence
        this.script = setup.script().withDefaultsFrom(
                CampaignScript.defaultRealEstate(Language.orEnglish(setup.script().language())));
        this.language = new SpeakingLanguage(Language.orEnglish(script.language()));
        this.executor = executor;
        this.facts = new LeadFacts(script, setup.collectedData(), setup.lead().onRecord());
        this.ending = new CallEnding(script, language, facts, progress, clock, setup.lead().timeZone(),
                setup.callbackHours(), setup.handOver());
        this.dialogue = new QualificationDialogue(script, language, facts, progress, ending);
        if (setup.takeOver() != null) {
            takeOver(setup.takeOver());
        }
    }

    /**
     * Goes on from where another agent left the call (the LLM, when it failed mid-call), in the language it was
     * replying in, instead of greeting the caller again: confirming the call back it booked and ending, when it had
     * booked one; from the read-back when every field is known; from the end when the call had ended; otherwise
     * (qualifying, handling an objection, closing with fields still open) by reading the caller's next turn as an
     * answer to no question in particular and asking the next open field. A call taken over at its introduction
     * starts at the opening, as any other.
     */
    private void takeOver(ConversationSetup.TakeOver from) {
        if (from.language() != null) {
            language.speak(from.language());
        }
        if (from.outcome() == CallOutcome.CALLBACK && from.stage() != ConversationStage.ENDED) {
            progress.resume(from.stage(), Phase.CALLBACK_BOOKED);
            return;
        }
        switch (from.stage()) {
            case INTRO -> { }
            case ENDED -> progress.resume(ConversationStage.ENDED, Phase.ENDED);
            default -> {
                if (facts.nextToAsk().isEmpty() && facts.requiredKnown()) {
                    progress.resume(ConversationStage.CLOSING, Phase.CONFIRMING);
                } else {
                    progress.resume(from.stage(), Phase.TAKEN_OVER);
                }
            }
        }
    }

    @Override
    public Reply respond(TurnInput input, ReplyListener listener) {
        Turn turn = new Turn();
        if (progress.is(Phase.ENDED)) {
            ending.repeatUnheardGoodbye(turn, lastReply, lastReplyUnheard);
        } else {
            switch (input) {
                case TurnInput.Greeting g -> turn.ask(GreetingLine.fill(script.greeting(), setup.lead()));
                case TurnInput.CallerUtterance u -> {
                    silences = 0;
                    onUtterance(u.text() == null ? "" : u.text(), turn);
                }
                case TurnInput.KeyPress k -> onKey(k.digit(), turn);
                case TurnInput.CallerUnclear u -> {
                    silences = 0;
                    onUnclear(turn);
                }
                case TurnInput.CallerSilent s -> onSilence(turn);
                case TurnInput.WrapUp w -> ending.wrapUp(turn);
            }
        }
        questionUnheard = false;
        lastReplyUnheard = false;
        if (turn.question() != null) {
            pendingQuestion = turn.question();
        }
        ScriptedReply reply = turn.toReply();
        lastReply = reply;
        executor.execute(() -> reply.deliver(listener));
        return reply;
    }

    @Override
    public void onInterrupted(String heardText) {
        lastReplyUnheard = heardText == null || heardText.isBlank();
        if (pendingQuestion != null
                && !Utterances.normalise(heardText).contains(Utterances.normalise(pendingQuestion))) {
            questionUnheard = true;
        }
    }

    @Override
    public ConversationState state() {
        Map<String, Object> collected = facts.heard();
        AgentAction.ScheduleCallback callback = ending.callbackBooked();
        if (callback != null) {
            collected = new LinkedHashMap<>(collected);
            collected.put(AgentAction.ScheduleCallback.COLLECTED_KEY, callback.collectedValue());
        }
        return new ConversationState(progress.stage(), collected, ending.escalated(), ending.outcome(),
                ending.summary(), ending.doNotCall());
    }

    private void onUtterance(String text, Turn turn) {
        Intent intent = IntentClassifier.classify(text);
        // "kya bola?" asks to hear the same question again, in the same words
        if (intent != Intent.REPEAT && intent != Intent.BACKCHANNEL) {
            language.follow(text);
        }
        if (progress.is(Phase.TRANSFERRING)) {
            turn.say(ending.whileHandingOver());
            return;
        }
        if (!questionUnheard && dialogue.takesABareYesOrNo() && YesNoQuestion.bareAnswer(text).isPresent()) {
            dialogue.answer(text, intent, false, turn); // "nahi chahiye" to "need parking?" turns down the parking
            return;
        }
        switch (intent) {
            case DO_NOT_CALL -> ending.refuseFurtherCalls(turn);
            case WRONG_NUMBER -> ending.end(turn, CallOutcome.WRONG_NUMBER, language.phrases().wrongNumber(), null);
            case NOT_INTERESTED -> ending.end(turn, CallOutcome.NOT_INTERESTED, language.phrases().notInterested(), null);
            case TALK_TO_HUMAN -> ending.transfer(turn, "Caller asked to talk to a person.");
            case CALL_LATER -> ending.callback(text, turn);
            case REPEAT -> repeatQuestion(turn);
            case ASKS_IF_AI -> sayWhatIAm(turn);
            case ASKS_WHO_IS_CALLING -> sayWhoIsCalling(turn);
            default -> {
                switch (progress.phase()) {
                    case OPENING -> dialogue.opening(text, intent, turn);
                    case TAKEN_OVER -> dialogue.takenOver(text, turn);
                    case CALLBACK_BOOKED -> ending.confirmBookedCallback(turn);
                    case ASKING -> dialogue.answer(text, intent, questionUnheard, turn);
                    case CONFIRMING, CORRECTING -> dialogue.confirmation(text, intent, turn);
                    case AWAITING_CALLBACK_TIME -> ending.callback(text, turn);
                    default -> { }
                }
            }
        }
    }

    /**
     * "Can you repeat that?": say the question again and read nothing from the turn, whose other words are the
     * recogniser's guesses ("what sorry can you repeat flat" must not make the lead want a flat).
     */
    private void repeatQuestion(Turn turn) {
        if (pendingQuestion != null) {
            turn.ask(language.phrases().sure() + " " + pendingQuestion);
        } else {
            askWhereTakenOver(turn);
        }
    }

    /**
     * A call just taken over, before we asked anything: the other agent's question is not ours to repeat, so ask the
     * one this call is at (the next open field, or the read-back).
     */
    private void askWhereTakenOver(Turn turn) {
        if (progress.is(Phase.TAKEN_OVER)) {
            dialogue.askNext(turn);
        } else if (progress.is(Phase.CONFIRMING)) {
            dialogue.confirm(turn);
        }
    }

    /** The question the call was at, after an aside ("who is this?"). */
    private void askAgainAfterAside(Turn turn) {
        if (pendingQuestion == null && (progress.is(Phase.TAKEN_OVER) || progress.is(Phase.CONFIRMING))) {
            askWhereTakenOver(turn);
        } else {
            turn.ask(progress.is(Phase.OPENING) || pendingQuestion == null ? language.phrases().goodTime() : pendingQuestion);
        }
    }

    /** "Are you a robot?": the truth, in one sentence, then the question the call was at. */
    private void sayWhatIAm(Turn turn) {
        Phrasebook phrases = language.phrases();
        turn.say(phrases.whoIAm().replace("{agent}", script.agentName()).replace("{company}", script.companyName()));
        askAgainAfterAside(turn);
    }

    /** "Who is this?": who is calling and from where, then the question the call was at; the call goes on. */
    private void sayWhoIsCalling(Turn turn) {
        Phrasebook phrases = language.phrases();
        turn.say(phrases.whoIsCalling().replace("{agent}", script.agentName()).replace("{company}", script.companyName()));
        askAgainAfterAside(turn);
    }

    private void onKey(String digit, Turn turn) {
        if (progress.is(Phase.TRANSFERRING)) {
            // the key cut the hand-over line short: say it again, as when they speak over it (an empty reply would
            // end the call at once, before they heard what happens next)
            turn.say(ending.whileHandingOver());
        } else if ("1".equals(digit)) {
            // Pressing 1 is the usual IVR convention for "talk to an agent"; callers try it when the bot frustrates them
            ending.transfer(turn, "Caller pressed 1 for a person.");
        } else if (pendingQuestion != null) {
            turn.say(language.phrases().keyNotOption());
            turn.ask(pendingQuestion);
        } else if (progress.is(Phase.TAKEN_OVER) || progress.is(Phase.CONFIRMING)) {
            turn.say(language.phrases().keyNotOption());
            askWhereTakenOver(turn);
        }
    }

    /** The caller said something no words were made out of: say so and ask the question again. */
    private void onUnclear(Turn turn) {
        if (progress.is(Phase.TRANSFERRING)) {
            return;
        }
        if (progress.is(Phase.CALLBACK_BOOKED)) {
            ending.confirmBookedCallback(turn);
            return;
        }
        sayThenAskAgain(language.phrases().didNotCatch(), turn);
    }

    private void onSilence(Turn turn) {
        if (progress.is(Phase.TRANSFERRING)) {
            return;
        }
        if (progress.is(Phase.CALLBACK_BOOKED)) {
            ending.confirmBookedCallback(turn);
            return;
        }
        if (++silences >= 2) {
            ending.end(turn, CallOutcome.INCOMPLETE, language.phrases().silentGoodbye(), "Caller went silent.");
            return;
        }
        sayThenAskAgain(language.phrases().stillThere(), turn);
    }

    /** {@code line}, then the question the caller has still to answer, if any. */
    private void sayThenAskAgain(String line, Turn turn) {
        turn.say(line);
        if (pendingQuestion != null) {
            turn.ask(pendingQuestion);
        } else {
            askWhereTakenOver(turn);
        }
    }
}
