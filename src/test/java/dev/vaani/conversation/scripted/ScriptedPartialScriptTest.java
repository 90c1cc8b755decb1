package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.AgentAction.EndCall;
import dev.vaani.conversation.AgentAction.SaveLeadDetails;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.CampaignScript.QualificationField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A script that left parts out (as a broker's API request may) still makes a call that speaks first, and a question
 * of the campaign's own (a key the agent has no understanding of) is asked and its answer kept as said.
 */
class ScriptedPartialScriptTest {

    private static final QualificationField PARKING = new QualificationField("parking", "Do you need covered parking?", true);

    /** Only a question: no persona, greeting, purpose or closing, as stored before campaigns filled them in. */
    private static CampaignScript onlyParking() {
        return new CampaignScript(null, null, "en", null, null, List.of(PARKING), null, null);
    }

    @Test
    void aScriptWithoutAGreetingGreetsWithTheDefaultOne() {
        var call = new CallDriver(onlyParking(), "Priya Sharma", Map.of());

        assertThat(call.greet().text()).startsWith("Hi Priya, this is Riya from Vaani Realty.");
    }

    @Test
    void aCampaignsOwnQuestionIsAskedOnceTheCallerAgreesToTalk() {
        var call = new CallDriver(onlyParking(), "Priya Sharma", Map.of());
        call.greet();

        assertThat(call.say("yes sure").text()).endsWith("Do you need covered parking?");
    }

    @Test
    void theAnswerToACampaignsOwnQuestionIsKeptAsSaid() {
        var call = new CallDriver(onlyParking(), "Priya Sharma", Map.of());
        call.greet();
        call.say("yes sure");

        var answer = call.say("covered parking for two cars");

        assertThat(answer.action(SaveLeadDetails.class).fields()).containsEntry("parking", "covered parking for two cars");
    }

    @Test
    void aCallThatAskedOnlyTheCampaignsOwnQuestionsClosesWithoutAnEmptyReadBack() {
        var call = new CallDriver(onlyParking(), "Priya Sharma", Map.of());
        call.greet();
        call.say("yes sure");

        var answered = call.say("covered parking for two cars");

        assertThat(answered.text()).doesNotContain("So, .").doesNotContain("Is that right");
        assertThat(answered.action(EndCall.class).outcome()).isEqualTo(CallOutcome.QUALIFIED);
    }
}
