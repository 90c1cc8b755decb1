package dev.vaani.conversation.scripted;

import java.util.Map;

import dev.vaani.conversation.AgentAction.EndCall;
import dev.vaani.conversation.AgentAction.SaveLeadDetails;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.CampaignScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripted agent behind the offline recogniser, which gets about one word in four wrong. What the caller said is
 * in the comments; what the recogniser heard is what the test sends.
 */
class MisrecognitionTest {

    /** A lead whose property, location and budget came from an earlier call: the agent asks the timeline first. */
    private static CallDriver askingTimeline() {
        var call = new CallDriver(CampaignScript.defaultRealEstate(), "Priya", Map.of(
                "property_type", "apartment", "bedrooms", 2, "location", "Whitefield",
                "budget", "₹50L", "budget_min_rupees", 5_000_000L, "budget_max_rupees", 5_000_000L));
        call.greet();
        assertThat(call.say("yes").text()).endsWith("By when are you planning to buy?");
        return call;
    }

    @Test
    void theSimulatedOfflineCallIsQualifiedWithoutLoopsOrInventedValues() {
        var call = CallDriver.english();
        call.greet();
        assertThat(call.say("yes i").text()).contains("What kind of property");

        // "Wait, sorry, can you repeat that?"
        var repeat = call.say("what sorry can you repeat flat");
        assertThat(repeat.text()).startsWith("Sure. What kind of property");
        assertThat(repeat.actions).isEmpty();

        var property = call.say("i am looking for a two b h k apartment");
        assertThat(property.action(SaveLeadDetails.class).fields())
                .containsEntry("property_type", "apartment").containsEntry("bedrooms", 2);
        assertThat(property.text()).endsWith("Which area or locality would you prefer?");

        assertThat(call.say("in whitefield").text()).contains("Whitefield").endsWith("What budget do you have in mind?");
        // "My budget is around fifty lakhs"
        assertThat(call.say("my budget is around fifty").text()).contains("around 50 lakhs");

        // "Within three months": no budget of 3 lakhs, the timeline is asked again with an example
        var timeline = call.say("within three lakh");
        assertThat(timeline.actions).isEmpty();
        assertThat(timeline.text()).startsWith("Sorry, I didn't quite catch that.").contains("By when");

        // "It is for my own use": saved, and the timeline (asked twice now) is given up instead of asked a third time
        var purpose = call.say("it is for my own use");
        assertThat(purpose.action(SaveLeadDetails.class).fields()).containsEntry("purpose", "self_use");
        assertThat(purpose.text()).doesNotContain("didn't").doesNotContain("By when")
                .endsWith("Will you be taking a home loan, or is it self-funded?");

        var readBack = call.say("i will take a home loan");
        assertThat(readBack.text()).contains("So, a 2 BHK apartment in Whitefield around 50 lakhs").endsWith("Is that right?");

        // "Yes, that is right"
        var close = call.say("yeah flat in right");
        assertThat(close.action(EndCall.class).outcome()).isEqualTo(CallOutcome.QUALIFIED);
        assertThat(call.conversation.state().collectedData())
                .containsEntry("location", "Whitefield").containsEntry("budget", "₹45L–₹55L")
                .containsEntry("financing", "home_loan").doesNotContainKey("timeline");
    }

    @ParameterizedTest(name = "[{index}] asked the timeline, heard \"{0}\": budget {1}, location {2}")
    @CsvSource(delimiter = '|', textBlock = """
            within three lakh                   | ₹50L | Whitefield
            up to 90 lakhs                      | ₹50L | Whitefield
            something in Powai                  | ₹50L | Whitefield
            my budget is actually 80 lakhs      | ₹80L | Whitefield
            sorry the budget is 1 crore         | ₹1Cr | Whitefield
            change the location to Powai        | ₹50L | Powai
            the area is Powai not Whitefield    | ₹50L | Powai
            """)
    void aVolunteeredValueReplacesAKnownOneOnlyWhenTheCallerNamesTheField(String heard, String budget, String location) {
        var call = askingTimeline();
        call.say(heard);
        assertThat(call.conversation.state().collectedData())
                .containsEntry("budget", budget).containsEntry("location", location);
    }

    @Test
    void anAnswerToALaterQuestionIsSavedWithoutApologyAndTheQuestionIsAskedOnceMore() {
        var call = askingTimeline();
        // "It is for my own use"
        var reply = call.say("it is for my own use");
        assertThat(reply.action(SaveLeadDetails.class).fields()).containsEntry("purpose", "self_use");
        assertThat(reply.text()).isEqualTo("Got it, for your own use. By when are you planning to buy?");

        // Another answer that is not the timeline: asked twice is enough, so on to the read-back
        var next = call.say("i will take a home loan");
        assertThat(next.action(SaveLeadDetails.class).fields()).containsEntry("financing", "home_loan");
        assertThat(next.text()).doesNotContain("By when").endsWith("Is that right?");
    }

    @Test
    void theLocationQuestionDoesNotTakeAnEverydayWordForAPlace() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");
        call.say("2BHK");
        // "Yes, that is right"
        var reply = call.say("yeah flat in right");
        assertThat(reply.actions).isEmpty();
        assertThat(reply.text()).startsWith("Sorry, I didn't quite catch that.");
        assertThat(call.conversation.state().collectedData()).doesNotContainKey("location");
    }

    @ParameterizedTest(name = "\"{0}\" repeats the question")
    @ValueSource(strings = {"what sorry can you repeat flat", "can you repeat that", "say again", "sorry, what?",
            "kya bola", "phir se bolo", "I didn't catch that, a villa"})
    void aRequestToRepeatRepeatsTheQuestionAndSavesNothing(String heard) {
        var call = CallDriver.english();
        call.greet();
        String question = call.say("yes").text();
        var reply = call.say(heard);
        assertThat(reply.text()).isEqualTo("Sure. " + question.substring(question.indexOf("What kind")));
        assertThat(reply.actions).isEmpty();
        assertThat(call.conversation.state().collectedData()).isEmpty();
    }

    @Test
    void aRepeatRequestInHinglishIsAnsweredInHinglish() {
        var call = CallDriver.hinglish();
        call.greet();
        call.say("haan boliye");
        assertThat(call.say("kya bola aapne").text()).startsWith("Zaroor. Aap kis type ki property");
    }

    @Test
    void aRepeatRequestDoesNotCountAsAFailedAnswer() {
        var call = askingTimeline();
        call.say("blah blah");
        call.say("say again");
        assertThat(call.say("within three months").text()).contains("within 3 months");
    }

    @ParameterizedTest(name = "at the read-back \"{0}\" confirms")
    @ValueSource(strings = {"yes", "yeah flat in right", "that is right", "haan sahi hai",
            "correct", "it is correct"})
    void aMangledYesConfirmsTheReadBack(String heard) {
        var call = CallDriver.english();
        call.greet();
        call.say("yes, 2BHK in Whitefield for 60 lakhs, within 6 months, investment, self funded");
        var close = call.say(heard);
        assertThat(close.action(EndCall.class).outcome()).isEqualTo(CallOutcome.QUALIFIED);
        assertThat(call.conversation.state().collectedData())
                .containsEntry("location", "Whitefield").containsEntry("property_type", "apartment");
    }

    @Test
    void whenTellingWhatToCorrectAPlaceAloneReplacesTheLocation() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes, 2BHK in Whitefield for 60 lakhs, within 6 months, investment, self funded");
        call.say("no");
        var fixed = call.say("Powai");
        assertThat(fixed.action(SaveLeadDetails.class).fields()).containsEntry("location", "Powai");
        assertThat(fixed.text()).contains("in Powai").endsWith("Is that right?");
    }

    @Test
    void aBhkCountAnswersThePropertyQuestionAsAnApartment() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");
        var reply = call.say("three b.h.k");
        assertThat(reply.action(SaveLeadDetails.class).fields())
                .containsEntry("property_type", "apartment").containsEntry("bedrooms", 3);
        assertThat(reply.text()).contains("a 3 BHK apartment");
    }
}
