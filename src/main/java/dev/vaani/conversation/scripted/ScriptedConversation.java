package dev.vaani.conversation.scripted;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.CampaignScript.QualificationField;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ConversationSetup;
import dev.vaani.conversation.ConversationStage;
import dev.vaani.conversation.ConversationState;
import dev.vaani.conversation.ReplyListener;
import dev.vaani.conversation.TurnInput;
import dev.vaani.conversation.qualification.CallbackTimeParser;
import dev.vaani.conversation.qualification.Intent;
import dev.vaani.conversation.qualification.IntentClassifier;
import dev.vaani.conversation.qualification.QualificationExtractor;
import dev.vaani.conversation.qualification.Utterances;

/**
 * One call with the scripted agent: greet, ask the campaign's fields in order (skipping what is known), confirm, close.
 * Refusals, callbacks, transfers and wrong numbers end it from any point. Deterministic: same inputs, same replies.
 */
public final class ScriptedConversation implements Conversation {

    private enum Phase { OPENING, ASKING, CONFIRMING, CORRECTING, AWAITING_CALLBACK_TIME, TRANSFERRING, ENDED }

    private final ConversationSetup setup;
    private final CampaignScript script;
    private final Phrasebook phrases;
    private final Clock clock;
    private final Executor executor;
    private final QualificationExtractor extractor = new QualificationExtractor();
    private final LeadFacts facts;

    private Phase phase = Phase.OPENING;
    private ConversationStage stage = ConversationStage.INTRO;
    private boolean escalated;
    private CallOutcome outcome;
    private String summary;
    private QualificationField asking;
    private int failedAttempts;
    private int silences;
    private int unclearConfirmations;
    private int callbackAttempts;
    private int lastAcknowledgement = -1;
    private String pendingQuestion;
    private boolean questionUnheard;
    private ScriptedReply lastReply;
    private String lastGoodbye;

    ScriptedConversation(ConversationSetup setup, Clock clock, Executor executor) {
        this.setup = setup;
        this.script = setup.script();
        this.phrases = Phrasebook.forLanguage(script.language());
        this.clock = clock;
        this.executor = executor;
        this.facts = new LeadFacts(script, setup.collectedData());
    }

    @Override
    public Reply respond(TurnInput input, ReplyListener listener) {
        Turn turn = new Turn();
        if (phase == Phase.ENDED) {
            repeatUnheardGoodbye(turn);
        } else {
            switch (input) {
                case TurnInput.Greeting g -> greet(turn);
                case TurnInput.CallerUtterance u -> {
                    silences = 0;
                    onUtterance(u.text() == null ? "" : u.text(), turn);
                }
                case TurnInput.KeyPress k -> onKey(k.digit(), turn);
                case TurnInput.CallerSilent s -> onSilence(turn);
                case TurnInput.WrapUp w -> wrapUp(turn);
            }
        }
        questionUnheard = false;
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
        if (pendingQuestion != null
                && !Utterances.normalise(heardText).contains(Utterances.normalise(pendingQuestion))) {
            questionUnheard = true;
        }
    }

    @Override
    public ConversationState state() {
        return new ConversationState(stage, facts.collected(), escalated, outcome, summary);
    }

    private void greet(Turn turn) {
        turn.ask(GreetingLine.fill(script.greeting(), setup.lead()));
    }

    private void onUtterance(String text, Turn turn) {
        Intent intent = IntentClassifier.classify(text);
        if (phase == Phase.TRANSFERRING) {
            turn.say(phrases.transferHold());
            return;
        }
        switch (intent) {
            case WRONG_NUMBER -> end(turn, CallOutcome.WRONG_NUMBER, phrases.wrongNumber(), null);
            case NOT_INTERESTED -> end(turn, CallOutcome.NOT_INTERESTED, phrases.notInterested(), null);
            case TALK_TO_HUMAN -> transfer(turn, "Caller asked to talk to a person.");
            case CALL_LATER -> callback(text, turn);
            default -> {
                switch (phase) {
                    case OPENING -> opening(text, intent, turn);
                    case ASKING -> answer(text, intent, turn);
                    case CONFIRMING, CORRECTING -> confirmation(text, intent, turn);
                    case AWAITING_CALLBACK_TIME -> callback(text, turn);
                    default -> { }
                }
            }
        }
    }

    private void opening(String text, Intent intent, Turn turn) {
        if (intent == Intent.NEGATIVE) {
            callback(text, turn); // "Is this a good time?" "No."
            return;
        }
        moveTo(ConversationStage.QUALIFICATION, turn);
        phase = Phase.ASKING;
        saveAndAcknowledge(extractor.extract(text), turn);
        askNext(turn);
    }

    private void answer(String text, Intent intent, Turn turn) {
        String askedKey = questionUnheard ? null : asking.key();
        Map<String, Object> heard = new LinkedHashMap<>(extractor.extract(text, askedKey));
        boolean freeText = askedKey != null && !LeadFacts.isKnownField(askedKey);
        if (freeText && heard.isEmpty() && intent == Intent.OTHER && !text.isBlank()) {
            heard.put(askedKey, text.trim()); // a campaign's own field: keep the answer as said
        }
        if (saveAndAcknowledge(heard, turn)) {
            askNext(turn);
        } else if (intent == Intent.UNSURE) {
            skipAndMoveOn(turn);
        } else if (questionUnheard) {
            turn.ask(phrases.asIWasAsking() + " " + questionFor(asking));
        } else if (++failedAttempts == 1) {
            turn.say(phrases.didNotCatch());
            turn.ask(questionFor(asking) + " " + phrases.example(asking.key()));
        } else {
            skipAndMoveOn(turn);
        }
    }

    private void skipAndMoveOn(Turn turn) {
        facts.giveUpOn(asking.key());
        turn.say(phrases.moveOn());
        askNext(turn);
    }

    private void confirmation(String text, Intent intent, Turn turn) {
        if (saveAndAcknowledge(extractor.extract(text), turn)) {
            confirm(turn);
        } else if (intent == Intent.AFFIRM) {
            turn.say(script.closing());
            end(turn, CallOutcome.QUALIFIED, null, null);
        } else if (intent == Intent.NEGATIVE && phase == Phase.CONFIRMING) {
            phase = Phase.CORRECTING;
            turn.ask(phrases.askCorrection());
        } else if (phase == Phase.CORRECTING && facts.forgetFieldsNamedIn(text)) {
            phase = Phase.ASKING;
            askNext(turn);
        } else if (++unclearConfirmations < 2) {
            turn.ask(phase == Phase.CORRECTING ? phrases.askCorrection() : phrases.confirmUnclear());
        } else {
            // Twice unclear: what we have was said by the caller, so close rather than loop
            turn.say(script.closing());
            end(turn, CallOutcome.QUALIFIED, null, null);
        }
    }

    /** Saves what is new, says so; true when anything was new. */
    private boolean saveAndAcknowledge(Map<String, Object> heard, Turn turn) {
        Map<String, Object> fresh = facts.merge(heard);
        if (fresh.isEmpty()) {
            return false;
        }
        turn.act(new AgentAction.SaveLeadDetails(fresh));
        String value = LeadDescription.spoken(fresh, phrases);
        if (!value.isBlank()) {
            lastAcknowledgement = (lastAcknowledgement + 1) % phrases.acknowledgements().size();
            turn.say(phrases.acknowledgements().get(lastAcknowledgement).replace("{value}", value));
        }
        return true;
    }

    private void askNext(Turn turn) {
        QualificationField next = facts.nextToAsk().orElse(null);
        if (next != null) {
            if (asking == null || !asking.key().equals(next.key())) {
                failedAttempts = 0;
            }
            asking = next;
            phase = Phase.ASKING;
            turn.ask(questionFor(next));
        } else if (facts.requiredKnown()) {
            confirm(turn);
        } else {
            end(turn, CallOutcome.INCOMPLETE, phrases.incompleteClose(), null);
        }
    }

    private void confirm(Turn turn) {
        phase = Phase.CONFIRMING;
        unclearConfirmations = 0;
        moveTo(ConversationStage.CLOSING, turn);
        turn.ask(phrases.confirm().replace("{summary}", LeadDescription.spoken(facts.collected(), phrases)));
    }

    private String questionFor(QualificationField field) {
        return phrases.ask(field.key(), field.question());
    }

    private void callback(String text, Turn turn) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(setup.lead().timeZone());
        var when = CallbackTimeParser.parse(text, now);
        if (when.isPresent()) {
            scheduleCallback(when.get(), now, turn);
        } else if (phase != Phase.AWAITING_CALLBACK_TIME) {
            phase = Phase.AWAITING_CALLBACK_TIME;
            turn.ask(phrases.askCallbackTime());
        } else if (++callbackAttempts == 1) {
            turn.ask(phrases.askCallbackTimeAgain());
        } else {
            // A time they never gave: tomorrow mid-morning is inside calling hours and easy to change
            scheduleCallback(CallbackTimeParser.parse("tomorrow", now).orElseThrow(), now, turn);
        }
    }

    private void scheduleCallback(OffsetDateTime when, ZonedDateTime now, Turn turn) {
        turn.act(new AgentAction.ScheduleCallback(when, "Caller asked to be called back."));
        end(turn, CallOutcome.CALLBACK,
                phrases.callbackConfirmed().replace("{when}", LeadDescription.when(when, now, phrases)),
                "Callback requested for " + when + ".");
    }

    private void transfer(Turn turn, String reason) {
        escalated = true;
        outcome = CallOutcome.TRANSFERRED;
        summary = LeadDescription.summary(facts.collected(), outcome, reason);
        phase = Phase.TRANSFERRING;
        turn.say(phrases.transfer());
        turn.act(new AgentAction.TransferToHuman(reason));
    }

    private void onKey(String digit, Turn turn) {
        // Pressing 1 is the usual IVR convention for "talk to an agent"; callers try it when the bot frustrates them
        if ("1".equals(digit) && phase != Phase.TRANSFERRING) {
            transfer(turn, "Caller pressed 1 for a person.");
        } else if (phase != Phase.TRANSFERRING && pendingQuestion != null) {
            turn.say(phrases.keyNotOption());
            turn.ask(pendingQuestion);
        }
    }

    private void onSilence(Turn turn) {
        if (phase == Phase.TRANSFERRING) {
            return;
        }
        if (++silences >= 2) {
            end(turn, CallOutcome.INCOMPLETE, phrases.silentGoodbye(), "Caller went silent.");
            return;
        }
        turn.say(phrases.stillThere());
        if (pendingQuestion != null) {
            turn.ask(pendingQuestion);
        }
    }

    private void wrapUp(Turn turn) {
        if (phase == Phase.TRANSFERRING) {
            return;
        }
        if (phase == Phase.AWAITING_CALLBACK_TIME) {
            ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(setup.lead().timeZone());
            scheduleCallback(CallbackTimeParser.parse("tomorrow", now).orElseThrow(), now, turn);
        } else if (facts.requiredKnown()) {
            end(turn, CallOutcome.QUALIFIED, phrases.wrapUpQualified(), null);
        } else {
            end(turn, CallOutcome.INCOMPLETE, phrases.wrapUpIncomplete(), "Call wrapped up before qualification finished.");
        }
    }

    private void end(Turn turn, CallOutcome result, String line, String note) {
        if (line != null) {
            turn.say(line);
        }
        outcome = result;
        summary = LeadDescription.summary(facts.collected(), result, note);
        phase = Phase.ENDED;
        lastGoodbye = line != null ? line : script.closing();
        moveTo(ConversationStage.ENDED, turn);
        turn.act(new AgentAction.EndCall(result, summary));
    }

    /** The caller spoke over our goodbye, so EndCall was never delivered: say goodbye once more, and end. */
    private void repeatUnheardGoodbye(Turn turn) {
        if (lastReply != null && lastReply.cutShort()
                && lastReply.actions().stream().anyMatch(a -> a instanceof AgentAction.EndCall)) {
            turn.say(lastGoodbye);
            turn.act(new AgentAction.EndCall(outcome, summary));
        }
    }

    private void moveTo(ConversationStage next, Turn turn) {
        if (stage != next) {
            stage = next;
            turn.act(new AgentAction.ChangeStage(next));
        }
    }
}
