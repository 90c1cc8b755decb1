package dev.vaani.conversation.scripted;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.CampaignScript.QualificationField;
import dev.vaani.conversation.ConversationStage;
import dev.vaani.conversation.qualification.FieldMentions;
import dev.vaani.conversation.qualification.FinancingParser;
import dev.vaani.conversation.qualification.Intent;
import dev.vaani.conversation.qualification.IntentClassifier;
import dev.vaani.conversation.qualification.QualificationExtractor;
import dev.vaani.conversation.qualification.SelfCorrection;
import dev.vaani.conversation.qualification.Utterances;
import dev.vaani.conversation.qualification.YesNoQuestion;
import dev.vaani.conversation.scripted.CallProgress.Phase;

import static dev.vaani.conversation.qualification.QualificationExtractor.BEDROOMS;
import static dev.vaani.conversation.qualification.QualificationExtractor.FINANCING;
import static dev.vaani.conversation.qualification.QualificationExtractor.LOCATION;
import static dev.vaani.conversation.qualification.QualificationExtractor.PROPERTY_TYPE;

/**
 * The qualifying part of a scripted call: ask the campaign's fields in order, take what the caller says, read it back
 * and close. Built for a recogniser that gets one word in four wrong: each question is re-asked at most once, whether
 * the answer was garbled or the caller answered something else instead, so no question is asked in a loop.
 */
final class QualificationDialogue {

    /** Words that say a read-back value is wrong ("galat" is how a Hindi recogniser's गलत reads). */
    private static final Set<String> WRONG = Set.of("wrong", "galat", "incorrect", "mistake", "galti", "change",
            "badal", "badalna", "badlo", "badaliye", "badalni");

    private final CampaignScript script;
    private final SpeakingLanguage language;
    private final LeadFacts facts;
    private final CallProgress progress;
    private final CallEnding ending;
    private final QualificationExtractor extractor = new QualificationExtractor();

    private QualificationField asking;
    private boolean reasked;
    private int unclearConfirmations;
    private int lastAcknowledgement = -1;
    /** The fields the caller's previous answer gave: "no sorry, 70 lakh" next turn corrects them. */
    private Set<String> justAnswered = Set.of();

    QualificationDialogue(CampaignScript script, SpeakingLanguage language, LeadFacts facts, CallProgress progress,
                          CallEnding ending) {
        this.script = script;
        this.language = language;
        this.facts = facts;
        this.progress = progress;
        this.ending = ending;
    }

    /**
     * The answer to "is this a good time?": a no asks when to call back; a time and nothing else ("tomorrow evening
     * please", "kal shaam") books the callback then; anything else starts qualifying.
     */
    void opening(String text, Intent intent, Turn turn) {
        Map<String, Object> heard = extractor.extract(text);
        if (intent == Intent.NEGATIVE
                || intent == Intent.OTHER && heard.isEmpty() && IntentClassifier.namesAMomentToCall(text)) {
            ending.callback(text, turn);
            return;
        }
        progress.moveTo(ConversationStage.QUALIFICATION, turn);
        progress.enter(Phase.ASKING);
        saveAndAcknowledge(heard, FieldMentions.in(text)::contains, turn);
        askNext(turn);
    }

    /**
     * The first turn of a call taken over mid-qualification from another agent, whose last question we do not know
     * (it may have asked about the loan, or anything else): the turn is read as an answer to no question in
     * particular, so what it says of any field is kept ("nahi, loan nahi chahiye" is self-funded) and a value already
     * collected is replaced only when the caller names its field. Then the next field nobody has answered is asked, or
     * the read-back when none is left; a bare "no" or "ok" gives nothing and moves on to it.
     */
    void takenOver(String text, Turn turn) {
        progress.moveTo(ConversationStage.QUALIFICATION, turn);
        progress.enter(Phase.ASKING);
        saveAndAcknowledge(extractor.extract(text), FieldMentions.in(text)::contains, turn);
        askNext(turn);
    }

    /** @param questionUnheard the caller cut our question short, so the turn is not an answer to it */
    void answer(String text, Intent intent, boolean questionUnheard, Turn turn) {
        String askedKey = questionUnheard ? null : asking.key();
        Map<String, Object> heard = new LinkedHashMap<>(extractor.extract(text, askedKey));
        boolean ownField = askedKey != null && !LeadFacts.isKnownField(askedKey);
        if (ownField && heard.isEmpty()) {
            ownAnswer(text, intent).ifPresent(value -> heard.put(askedKey, value));
        } else if (FINANCING.equals(askedKey) && !heard.containsKey(FINANCING)) {
            YesNoQuestion.bareAnswer(text).flatMap(yes -> FinancingParser.answerTo(questionFor(asking), yes))
                    .ifPresent(financing -> heard.put(FINANCING, financing.code()));
        }
        Set<String> named = FieldMentions.in(text);
        Set<String> corrected = SelfCorrection.opensWith(text) ? justAnswered : Set.of();
        Map<String, Object> fresh = saveAndAcknowledge(heard,
                key -> key.equals(askedKey) || named.contains(key) || corrected.contains(key), turn);
        if (fresh.keySet().stream().map(LeadFacts::mainField).anyMatch(asking.key()::equals)) {
            askNext(turn);
        } else if (!fresh.isEmpty() && fresh.keySet().stream().map(LeadFacts::mainField).allMatch(corrected::contains)) {
            turn.ask(questionFor(asking)); // the last answer put right: our question still waits, not re-asked
        } else if (intent == Intent.UNSURE) {
            skipAndMoveOn(turn);
        } else if (questionUnheard) {
            turn.ask(language.phrases().asIWasAsking() + " " + questionFor(asking));
        } else if (!fresh.isEmpty()) {
            answeredSomethingElse(turn);
        } else if (!reasked) {
            // a landmark alone ("mall ke paas") was heard well enough: it names no area, so ask for the one near it
            // rather than apologise; it counts as the one re-ask, so a second landmark moves on
            reasked = true;
            String example = language.phrases().example(asking.key());
            if (LOCATION.equals(askedKey) && extractor.namesOnlyALandmark(text)) {
                turn.ask(language.phrases().whichAreaIsThatNear() + " " + example); // one question, not two
            } else {
                turn.say(language.phrases().didNotCatch());
                turn.ask(questionFor(asking) + " " + example);
            }
        } else {
            skipAndMoveOn(turn);
        }
    }

    /**
     * Whether the question being asked takes a bare yes or no for its answer: a campaign's own yes-no question, or how
     * the lead will pay. To such a question "nahi chahiye" or "no need" turns down what was asked about, not the call.
     */
    boolean takesABareYesOrNo() {
        if (asking == null || !progress.is(Phase.ASKING)) {
            return false;
        }
        return FINANCING.equals(asking.key())
                || !LeadFacts.isKnownField(asking.key()) && YesNoQuestion.asksForYesOrNo(questionFor(asking));
    }

    /**
     * The answer to a campaign's own question, which the agent understands nothing else of: to a yes-no question a
     * bare yes or no is kept as "yes" or "no" (to another question it answers nothing); any other answer is kept as
     * said.
     */
    private Optional<String> ownAnswer(String text, Intent intent) {
        Optional<Boolean> yesOrNo = YesNoQuestion.bareAnswer(text);
        if (yesOrNo.isPresent()) {
            return YesNoQuestion.asksForYesOrNo(questionFor(asking))
                    ? Optional.of(yesOrNo.get() ? "yes" : "no") : Optional.empty();
        }
        boolean saysSomething = intent == Intent.OTHER || intent == Intent.AFFIRM || intent == Intent.NEGATIVE;
        return saysSomething && !text.isBlank() ? Optional.of(text.trim()) : Optional.empty();
    }

    /**
     * The caller's answer to the read-back. Values they volunteer here replace ours only for a field they name, or
     * when they are telling us what to correct.
     */
    void confirmation(String text, Intent intent, Turn turn) {
        Predicate<String> mayReplace = progress.is(Phase.CORRECTING) ? key -> true : FieldMentions.in(text)::contains;
        if (!saveAndAcknowledge(extractor.extract(text), mayReplace, turn).isEmpty()) {
            confirm(turn);
        } else if (intent == Intent.AFFIRM || IntentClassifier.confirms(text)) {
            Map<String, Object> confirmed = facts.confirmRecord();
            if (!confirmed.isEmpty()) {
                turn.act(new AgentAction.SaveLeadDetails(confirmed)); // the broker's details, now the caller's word
            }
            ending.closeQualified(turn);
        } else if ((progress.is(Phase.CORRECTING) || intent == Intent.NEGATIVE || saysSomethingIsWrong(text))
                && facts.forgetFieldsNamedIn(text)) {
            // "the budget is wrong", "nahi, location galat hai": that field is asked again, without "what should I correct?"
            progress.enter(Phase.ASKING);
            askNext(turn);
        } else if (intent == Intent.NEGATIVE && progress.is(Phase.CONFIRMING)) {
            progress.enter(Phase.CORRECTING);
            turn.ask(language.phrases().askCorrection());
        } else if (++unclearConfirmations < 2) {
            turn.ask(progress.is(Phase.CORRECTING) ? language.phrases().askCorrection() : language.phrases().confirmUnclear());
        } else {
            // Twice unclear: what we have was said by the caller, so close rather than loop
            ending.closeQualified(turn);
        }
    }

    private static boolean saysSomethingIsWrong(String text) {
        return Utterances.containsAny(Utterances.normalise(text), WRONG);
    }

    /**
     * Not our question, but one we would have asked later ("it is for my own use" to "by when?"): saved already, so
     * no apology. Ask ours again once; if it was already asked again, give it up rather than ask a third time.
     */
    private void answeredSomethingElse(Turn turn) {
        if (!reasked) {
            reasked = true;
            turn.ask(questionFor(asking));
        } else {
            facts.giveUpOn(asking.key());
            askNext(turn);
        }
    }

    private void skipAndMoveOn(Turn turn) {
        facts.giveUpOn(asking.key());
        turn.say(language.phrases().moveOn());
        askNext(turn);
    }

    /** Saves what is new, says so; returns what was new. */
    private Map<String, Object> saveAndAcknowledge(Map<String, Object> heard, Predicate<String> mayReplace, Turn turn) {
        Map<String, Object> fresh = facts.merge(heard, mayReplace);
        justAnswered = fresh.keySet().stream().map(LeadFacts::mainField).collect(java.util.stream.Collectors.toSet());
        if (fresh.isEmpty()) {
            return fresh;
        }
        turn.act(new AgentAction.SaveLeadDetails(fresh));
        Map<String, Object> spoken = new LinkedHashMap<>(fresh);
        if (fresh.containsKey(BEDROOMS) && !fresh.containsKey(PROPERTY_TYPE)
                && facts.collected().get(PROPERTY_TYPE) != null) {
            // "two BHK" for a known apartment: say "a 2 BHK apartment", not nothing
            spoken.put(PROPERTY_TYPE, facts.collected().get(PROPERTY_TYPE));
        }
        String value = LeadDescription.spoken(spoken, language.phrases());
        if (!value.isBlank()) {
            lastAcknowledgement = (lastAcknowledgement + 1) % language.phrases().acknowledgements().size();
            turn.say(language.phrases().acknowledgements().get(lastAcknowledgement).replace("{value}", value));
        }
        return fresh;
    }

    /**
     * The next field nobody has answered or given up on; when none is left, the read-back if the required fields are
     * known (every optional one has then been answered or tried), else an incomplete close.
     */
    void askNext(Turn turn) {
        QualificationField next = facts.nextToAsk().orElse(null);
        if (next != null) {
            // A field asked afresh (another one, or the same after a correction) gets its one re-ask again
            if (asking == null || !asking.key().equals(next.key()) || !progress.is(Phase.ASKING)) {
                reasked = false;
            }
            asking = next;
            progress.enter(Phase.ASKING);
            turn.ask(questionFor(next));
        } else if (facts.requiredKnown()) {
            confirm(turn);
        } else {
            ending.end(turn, CallOutcome.INCOMPLETE, language.phrases().incompleteClose(), null);
        }
    }

    /**
     * Reads back what we have and asks whether it is right. A call that asked only the campaign's own questions has
     * nothing the read-back can put into words ("So, . Is that right?"): it closes, the answers kept as said.
     */
    void confirm(Turn turn) {
        String summary = LeadDescription.spoken(facts.collected(), language.phrases());
        progress.moveTo(ConversationStage.CLOSING, turn);
        if (summary.isBlank()) {
            ending.closeQualified(turn);
            return;
        }
        progress.enter(Phase.CONFIRMING);
        unclearConfirmations = 0;
        turn.ask(language.phrases().confirm().replace("{summary}", summary));
    }

    private String questionFor(QualificationField field) {
        return language.question(field.key(), field.question());
    }
}
