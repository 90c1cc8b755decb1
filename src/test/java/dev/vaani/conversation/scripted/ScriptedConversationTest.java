package dev.vaani.conversation.scripted;

import java.time.OffsetDateTime;
import java.util.Map;

import dev.vaani.conversation.AgentAction.ChangeStage;
import dev.vaani.conversation.AgentAction.EndCall;
import dev.vaani.conversation.AgentAction.SaveLeadDetails;
import dev.vaani.conversation.AgentAction.ScheduleCallback;
import dev.vaani.conversation.AgentAction.TransferToHuman;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.ConversationStage;
import dev.vaani.conversation.LeadProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptedConversationTest {

    @Test
    void englishHappyPathQualifiesTheLead() {
        var call = CallDriver.english();
        assertThat(call.greet().text()).startsWith("Hi Priya, this is Riya from Vaani Realty.");
        assertThat(call.conversation.state().stage()).isEqualTo(ConversationStage.INTRO);

        var consent = call.say("Yes, sure");
        assertThat(consent.action(ChangeStage.class).stage()).isEqualTo(ConversationStage.QUALIFICATION);
        assertThat(consent.text()).contains("What kind of property");

        var property = call.say("a 2BHK apartment");
        assertThat(property.action(SaveLeadDetails.class).fields())
                .containsEntry("property_type", "apartment").containsEntry("bedrooms", 2);
        assertThat(property.text()).contains("a 2 BHK apartment").endsWith("Which area or locality would you prefer?");

        assertThat(call.say("Whitefield").text()).contains("Whitefield").endsWith("What budget do you have in mind?");
        assertThat(call.say("around 50 lakhs").text()).contains("around 50 lakhs").endsWith("By when are you planning to buy?");
        call.say("next 3 months");
        call.say("for my own use");
        var confirm = call.say("home loan");
        assertThat(confirm.text()).contains("So, a 2 BHK apartment in Whitefield around 50 lakhs").endsWith("Is that right?");
        assertThat(confirm.action(ChangeStage.class).stage()).isEqualTo(ConversationStage.CLOSING);

        var close = call.say("yes, that's right");
        assertThat(close.text()).contains("Our property advisor will call you shortly");
        assertThat(close.action(EndCall.class).outcome()).isEqualTo(CallOutcome.QUALIFIED);
        assertThat(call.conversation.state().summary()).isEqualTo(
                "Lead wants a 2 BHK apartment in Whitefield, budget ₹45–55 lakh, within 3 months, for their own use, "
                        + "with a home loan. Outcome: qualified.");
        assertThat(call.conversation.state().stage()).isEqualTo(ConversationStage.ENDED);
    }

    @Test
    void hinglishHappyPathSpeaksHinglish() {
        var call = CallDriver.hinglish();
        assertThat(call.greet().text()).startsWith("Namaste Rahul ji, main Riya");
        assertThat(call.say("haan boliye").text()).contains("Aap kis type ki property");
        assertThat(call.say("teen BHK chahiye").text()).contains("3 BHK apartment").contains("Aap kis area mein");
        assertThat(call.say("Whitefield mein").text()).contains("Aapka budget kitna hai?");
        var confirm = call.say("budget pachas lakh tak");
        assertThat(confirm.text()).isEqualTo(
                "Badhiya, budget 50 lakh tak. Toh aapko 3 BHK apartment, Whitefield mein, budget 50 lakh tak chahiye. Sahi hai na?");
        var close = call.say("haan ji bilkul");
        assertThat(close.action(EndCall.class).outcome()).isEqualTo(CallOutcome.QUALIFIED);
        assertThat(call.conversation.state().collectedData()).containsEntry("budget", "up to ₹50L");
    }

    @Test
    void volunteeredDetailsAreNotAskedAgain() {
        var call = CallDriver.english();
        call.greet();
        var reply = call.say("Yes. I want a 2BHK in Whitefield, budget 80L to 1Cr");
        assertThat(reply.action(SaveLeadDetails.class).fields()).containsKeys("property_type", "location", "budget");
        assertThat(reply.text()).endsWith("By when are you planning to buy?");
    }

    @Test
    void detailsFromAnEarlierCallAreNotAskedAgain() {
        var call = new CallDriver(CampaignScript.defaultRealEstate(), "Priya",
                Map.of("property_type", "villa", "location", "Sarjapur"));
        call.greet();
        assertThat(call.say("yes").text()).endsWith("What budget do you have in mind?");
    }

    @Test
    void acknowledgementsVaryFromTurnToTurn() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");
        String first = call.say("2BHK").sentences.getFirst();
        String second = call.say("Whitefield").sentences.getFirst();
        assertThat(first.split(",")[0]).isNotEqualTo(second.split(",")[0]);
    }

    @Test
    void notInterestedEndsPolitely() {
        var call = CallDriver.english();
        call.greet();
        var reply = call.say("I'm not interested");
        assertThat(reply.text()).startsWith("No problem at all.");
        assertThat(reply.action(EndCall.class).outcome()).isEqualTo(CallOutcome.NOT_INTERESTED);
    }

    @Test
    void aPlainRefusalDoesNotAskForDoNotCall() {
        var call = CallDriver.english();
        call.greet();
        var reply = call.say("I'm not interested");
        assertThat(reply.action(EndCall.class).doNotCall()).isFalse();
        assertThat(call.conversation.state().doNotCall()).isFalse();
    }

    @Test
    void aCallerWhoAsksNeverToBeCalledAgainHearsItConfirmedAndTheCallEndsAsDoNotCall() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");
        var reply = call.say("Please don't call me again");
        assertThat(reply.text()).isEqualTo("Sure, we won't call you again. Sorry for the trouble, and have a good day!");
        assertThat(reply.action(EndCall.class).doNotCall()).isTrue();
        assertThat(reply.action(EndCall.class).summary()).contains("Asked not to be called again.");
        assertThat(call.conversation.state().doNotCall()).isTrue();
        assertThat(call.conversation.state().outcome()).isEqualTo(CallOutcome.NOT_INTERESTED);
    }

    @Test
    void aCallerWhoSaysNotToCallOnADayIsAskedWhenToCallNeitherBookedThenNorPutOnDoNotCall() {
        var call = CallDriver.english();
        call.greet();

        var reply = call.say("Sunday ko call mat karna");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
        assertThat(reply.actions(EndCall.class)).isEmpty();
        assertThat(reply.text()).containsIgnoringCase("kab");
        assertThat(call.conversation.state().doNotCall()).isFalse();
    }

    @Test
    void aTimelineSaidWithBaadMeinDoesNotTurnTheCallIntoACallback() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");
        call.say("2BHK");
        call.say("Whitefield");
        assertThat(call.say("around 50 lakhs").text()).endsWith("By when are you planning to buy?");

        var reply = call.say("do saal baad mein lenge");

        assertThat(reply.text()).doesNotContain("kab call karun").doesNotContain("call you back");
        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
        assertThat(call.conversation.state().outcome()).isNull();
    }

    @Test
    void aTimeGivenAsTheAnswerToIsThisAGoodTimeBooksTheCallback() {
        var call = CallDriver.english();
        call.greet();

        var reply = call.say("tomorrow evening please");

        assertThat(reply.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-11T18:00+05:30"));
        assertThat(reply.action(EndCall.class).outcome()).isEqualTo(CallOutcome.CALLBACK);
    }

    @Test
    void twoMinutesAsTheAnswerToIsThisAGoodTimeStartsQualifying() {
        var call = CallDriver.english();
        call.greet();

        var reply = call.say("two minutes");

        assertThat(reply.text()).contains("What kind of property");
        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
    }

    @Test
    void aTimeGivenMidCallToAQuestionThatIsNotAboutCallingIsNotACallback() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");

        var reply = call.say("Sunday evening");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
        assertThat(call.conversation.state().outcome()).isNull();
    }

    @Test
    void callbackWithATimeIsScheduledAndConfirmed() {
        var call = CallDriver.english();
        call.greet();
        var reply = call.say("I'm busy, call me tomorrow at 5 pm");
        assertThat(reply.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-11T17:00+05:30"));
        assertThat(reply.text()).contains("I'll call you back tomorrow at 5 PM");
        assertThat(reply.action(EndCall.class).outcome()).isEqualTo(CallOutcome.CALLBACK);
    }

    @Test
    void aBookedCallbackKeepsItsTimeInTheCollectedDataTheDialerReads() {
        var call = CallDriver.english();
        call.greet();
        call.say("I'm busy, call me tomorrow at 5 pm");
        assertThat(call.conversation.state().collectedData())
                .containsEntry(ScheduleCallback.COLLECTED_KEY, "2026-06-11T17:00:00+05:30");
    }

    @Test
    void callbackWithoutATimeAsksWhen() {
        var call = CallDriver.english();
        call.greet();
        var ask = call.say("call me later");
        assertThat(ask.text()).isEqualTo("Sure. When would be a good time to call you back?");
        assertThat(ask.actions).isEmpty();
        var booked = call.say("evening");
        assertThat(booked.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-10T18:00+05:30"));
    }

    @Test
    void notAGoodTimeAtTheStartAsksWhenToCallBack() {
        var call = CallDriver.english();
        call.greet();
        assertThat(call.say("no").text()).contains("When would be a good time");
    }

    @Test
    void askingForAPersonTransfers() {
        var call = CallDriver.english();
        call.greet();
        var reply = call.say("can I talk to a real person");
        assertThat(reply.actions(TransferToHuman.class)).hasSize(1);
        assertThat(reply.text()).contains("connect you");
        assertThat(call.conversation.state().escalationRequested()).isTrue();
        assertThat(call.conversation.state().outcome()).isEqualTo(CallOutcome.TRANSFERRED);
    }

    @Test
    void pressingOneTransfers() {
        var call = CallDriver.english();
        call.greet();
        assertThat(call.press("1").actions(TransferToHuman.class)).hasSize(1);
    }

    @Test
    void otherKeysRepeatTheQuestion() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");
        var reply = call.press("7");
        assertThat(reply.text()).endsWith("And how many BHK?");
        assertThat(reply.actions).isEmpty();
    }

    @Test
    void aCallerWhoAsksWhoIsCallingAfterTheGreetingHearsWhoAndIsAskedAgain() {
        var call = CallDriver.english();
        call.greet();

        var reply = call.say("Hello, who is this?");

        assertThat(reply.text()).startsWith("This is Riya from Vaani Realty").endsWith("Is this a good time to talk?");
        assertThat(reply.actions(EndCall.class)).isEmpty();
        assertThat(call.conversation.state().outcome()).isNull();
    }

    @Test
    void aCallerWhoAsksWhoIsCallingMidCallHearsWhoAndThePendingQuestion() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");

        var reply = call.say("sorry, who is calling?");

        assertThat(reply.text()).startsWith("This is Riya from Vaani Realty")
                .endsWith("What kind of property are you looking for, an apartment, a villa or a plot? And how many BHK?");
        assertThat(reply.actions(EndCall.class)).isEmpty();
    }

    @Test
    void aHindiCallerWhoAsksWhoIsSpeakingHearsItInHindi() {
        var call = CallDriver.english();
        call.greet();

        var reply = call.say("आप कौन बोल रहे हैं?");

        assertThat(reply.text()).startsWith("मैं Vaani Realty से Riya बोल रही हूँ।").endsWith("क्या अभी बात करने का सही समय है?");
        assertThat(reply.actions(EndCall.class)).isEmpty();
    }

    @Test
    void wrongNumberApologisesAndEnds() {
        var call = CallDriver.english();
        call.greet();
        var reply = call.say("sorry, wrong number");
        assertThat(reply.text()).startsWith("I'm so sorry");
        assertThat(reply.action(EndCall.class).outcome()).isEqualTo(CallOutcome.WRONG_NUMBER);
    }

    @Test
    void silenceIsCheckedOnceThenTheCallEnds() {
        var call = CallDriver.english();
        call.greet();
        var first = call.silence();
        assertThat(first.text()).startsWith("Hello, are you still there?");
        assertThat(first.actions).isEmpty();
        var second = call.silence();
        assertThat(second.action(EndCall.class).outcome()).isEqualTo(CallOutcome.INCOMPLETE);
    }

    @Test
    void speechNoWordsWereMadeOutOfIsAskedAgainWithTheQuestion() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");
        assertThat(call.say("a 2BHK flat").text()).endsWith("Which area or locality would you prefer?");

        var reply = call.unclear();

        assertThat(reply.text()).isEqualTo("Sorry, I didn't quite catch that. Which area or locality would you prefer?");
        assertThat(reply.actions).isEmpty();
    }

    @Test
    void aCallerWhoSpokeUnclearlyIsNotTakenForSilent() {
        var call = CallDriver.english();
        call.greet();
        call.silence();
        call.unclear();

        var afterIt = call.silence();

        assertThat(afterIt.text()).startsWith("Hello, are you still there?");
        assertThat(afterIt.actions).isEmpty();
    }

    @Test
    void wrapUpWithRequiredFieldsKnownIsQualified() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes, 2BHK in Whitefield for 60 lakhs");
        var reply = call.wrapUp();
        assertThat(reply.text()).startsWith("I need to wrap up now.");
        assertThat(reply.action(EndCall.class).outcome()).isEqualTo(CallOutcome.QUALIFIED);
    }

    @Test
    void wrapUpBeforeQualificationIsIncomplete() {
        var call = CallDriver.english();
        call.greet();
        assertThat(call.wrapUp().action(EndCall.class).outcome()).isEqualTo(CallOutcome.INCOMPLETE);
    }

    @Test
    void anUnintelligibleAnswerIsReaskedOnceWithAnExampleThenSkipped() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes, a villa in Whitefield");
        var reask = call.say("blah blah");
        assertThat(reask.text()).startsWith("Sorry, I didn't quite catch that.")
                .contains("What budget do you have in mind?").endsWith("For example, fifty lakhs or one crore.");
        var moveOn = call.say("hmm blah");
        assertThat(moveOn.text()).startsWith("No problem, let's move on.").endsWith("By when are you planning to buy?");
    }

    @Test
    void aBareNumberAnswersTheQuestionJustAsked() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes, in Whitefield");
        call.say("apartment");
        assertThat(call.say("seventy").action(SaveLeadDetails.class).fields()).containsEntry("budget", "₹70L");
    }

    @Test
    void anInterruptedQuestionIsRepeated() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");
        call.conversation.onInterrupted("What kind of");
        var reply = call.say("sorry, go on");
        assertThat(reply.text()).startsWith("Sorry, as I was asking:").contains("What kind of property");
        assertThat(reply.text()).doesNotContain("didn't quite catch");
    }

    @Test
    void sayingNoAtConfirmationAsksWhatToCorrect() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes, 2BHK in Whitefield for 60 lakhs, within 6 months, investment, self funded");
        assertThat(call.say("no").text()).contains("What should I correct");
        var fixed = call.say("budget is 70 lakhs");
        assertThat(fixed.action(SaveLeadDetails.class).fields()).containsEntry("budget", "₹70L");
        assertThat(fixed.text()).contains("for 70 lakhs").endsWith("Is that right?");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            ji nahi                       | Kya badalna hai
            bilkul nahi                   | Kya badalna hai
            correct nahi hai              | Kya badalna hai
            """)
    void aNoThatStartsWithAYesWordAtConfirmationAsksWhatToCorrect(String answer, String correctionQuestion) {
        var call = CallDriver.english();
        call.greet();
        call.say("yes, 2BHK in Whitefield for 60 lakhs, within 6 months, investment, self funded");

        var reply = call.say(answer);

        assertThat(reply.text()).contains(correctionQuestion);
        assertThat(reply.actions(EndCall.class)).isEmpty();
        assertThat(call.conversation.state().outcome()).isNull();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            haan par location galat hai   | area
            yes but the budget is wrong   | budget
            ok but change the budget      | budget
            """)
    void aYesThatGoesOnToNameAWrongValueAtConfirmationAsksThatValueAgain(String answer, String question) {
        var call = CallDriver.english();
        call.greet();
        call.say("yes, 2BHK in Whitefield for 60 lakhs, within 6 months, investment, self funded");

        var reply = call.say(answer);

        assertThat(reply.text()).containsIgnoringCase(question).endsWith("?");
        assertThat(reply.actions(EndCall.class)).isEmpty();
        assertThat(call.conversation.state().outcome()).isNull();
    }

    @Test
    void aYesWithAnAsideToTheGoodTimeQuestionStartsQualifying() {
        var call = CallDriver.english();
        call.greet();

        var reply = call.say("yes but quickly please");

        assertThat(reply.text()).contains("What kind of property").doesNotContain("call you back");
    }

    @Test
    void anUnknownNameIsDroppedFromTheGreeting() {
        var call = new CallDriver(CampaignScript.defaultRealEstate(), null, Map.of());
        assertThat(call.greet().text()).startsWith("Hi, this is Riya from Vaani Realty.");
        assertThat(GreetingLine.fill(CallDriver.hinglishScript().greeting(), new LeadProfile(null, "", "+91", null)))
                .startsWith("Namaste, main Riya");
    }

    @Test
    void repliesStreamAsSentencesThenActionsThenComplete() {
        var call = CallDriver.english();
        var greeting = call.greet();
        assertThat(greeting.sentences).hasSizeGreaterThan(1).allSatisfy(s -> assertThat(s).endsWith(" "));
        assertThat(greeting.completions).isEqualTo(1);
    }

    @Test
    void aCancelledReplyStopsAtTheNextSentence() {
        var call = CallDriver.english();
        var heard = new CallDriver.Heard() {
            dev.vaani.conversation.Conversation.Reply reply;

            @Override
            public void onText(String delta) {
                super.onText(delta);
                reply.cancel();
            }
        };
        java.util.concurrent.atomic.AtomicReference<Runnable> pending = new java.util.concurrent.atomic.AtomicReference<>();
        var engine = new ScriptedConversationEngine(java.time.Clock.fixed(CallDriver.NOW.toInstant(), CallDriver.NOW.getZone()), pending::set);
        var conversation = engine.start(new dev.vaani.conversation.ConversationSetup("CA1",
                new LeadProfile(1L, "Priya", "+91", null), CampaignScript.defaultRealEstate(), Map.of()));
        heard.reply = conversation.respond(new dev.vaani.conversation.TurnInput.Greeting(), heard);
        pending.get().run();
        assertThat(heard.sentences).hasSize(1);
        assertThat(heard.completions).isZero();
    }

    @Test
    void aGoodbyeTheCallerTalkedOverIsSaidAgainWithTheEnd() {
        var pending = new java.util.ArrayDeque<Runnable>();
        var engine = new ScriptedConversationEngine(java.time.Clock.fixed(CallDriver.NOW.toInstant(), CallDriver.NOW.getZone()), pending::add);
        var conversation = engine.start(new dev.vaani.conversation.ConversationSetup("CA1",
                new LeadProfile(1L, "Priya", "+91", null), CampaignScript.defaultRealEstate(), Map.of()));
        conversation.respond(new dev.vaani.conversation.TurnInput.Greeting(), new CallDriver.Heard());
        pending.poll().run();
        var cutShort = new CallDriver.Heard();
        conversation.respond(new dev.vaani.conversation.TurnInput.CallerUtterance("not interested"), cutShort).cancel();
        pending.poll().run();
        conversation.onInterrupted("");

        var again = new CallDriver.Heard();
        conversation.respond(new dev.vaani.conversation.TurnInput.CallerUtterance("wait, what?"), again);
        pending.poll().run();

        assertThat(cutShort.sentences).isEmpty();
        assertThat(again.text()).isEqualTo("No problem at all. Thank you for your time, and have a great day!");
        assertThat(again.action(EndCall.class).outcome()).isEqualTo(CallOutcome.NOT_INTERESTED);
    }

    @Test
    void aGoodbyeTheCallerHeardNothingOfIsSaidAgainWithTheEndOnTheirNextTurn() {
        var call = CallDriver.english();
        call.greet();
        call.say("not interested");
        call.conversation.onInterrupted("");

        var again = call.say("sorry, what?");

        assertThat(again.text()).isEqualTo("No problem at all. Thank you for your time, and have a great day!");
        assertThat(again.action(EndCall.class).outcome()).isEqualTo(CallOutcome.NOT_INTERESTED);
    }

    @Test
    void afterTheEndNothingMoreIsSaid() {
        var call = CallDriver.english();
        call.greet();
        call.say("not interested");
        var after = call.say("hello?");
        assertThat(after.sentences).isEmpty();
        assertThat(after.actions).isEmpty();
        assertThat(after.completions).isEqualTo(1);
    }
}
