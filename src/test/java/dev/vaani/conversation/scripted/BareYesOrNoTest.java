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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bare yes or no answers a campaign's own yes-no question ("Do you need covered parking?") and the question of how
 * the lead will pay, and "nahi chahiye" or "no need" to it turns down the thing asked about, never the call.
 */
class BareYesOrNoTest {

    private static CallDriver askingOwnQuestion(String language, String question) {
        var script = new CampaignScript(null, null, language, null, null,
                List.of(new QualificationField("parking", question, true)), null, null);
        var call = new CallDriver(script, "Priya Sharma", Map.of());
        call.greet();
        call.say(language.equals("en") ? "yes sure" : "haan boliye");
        return call;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en       | Do you need covered parking?        | yes          | yes",
            "en       | Do you need covered parking?        | yes I do     | yes",
            "en       | Do you need covered parking?        | no           | no",
            "hinglish | Kya aapko covered parking chahiye?  | haan ji      | yes",
            "hinglish | Kya aapko covered parking chahiye?  | ji nahi      | no",
            "hi       | क्या आपको कवर्ड पार्किंग चाहिए?     | हाँ जी       | yes",
            "hi       | क्या आपको कवर्ड पार्किंग चाहिए?     | नहीं         | no"})
    void aBareYesOrNoToTheCampaignsOwnYesNoQuestionIsItsAnswer(String language, String question, String said,
                                                                String kept) {
        var call = askingOwnQuestion(language, question);

        var answered = call.say(said);

        assertThat(answered.action(SaveLeadDetails.class).fields()).containsEntry("parking", kept);
        assertThat(answered.action(EndCall.class).outcome()).isEqualTo(CallOutcome.QUALIFIED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en       | Do you need covered parking?       | no need",
            "en       | Do you need covered parking?       | no thanks",
            "hinglish | Kya aapko covered parking chahiye? | nahi chahiye",
            "hi       | क्या आपको कवर्ड पार्किंग चाहिए?    | नहीं चाहिए"})
    void turningDownWhatTheOwnQuestionOffersIsANoNotARefusalOfTheCall(String language, String question, String said) {
        var call = askingOwnQuestion(language, question);

        var answered = call.say(said);

        assertThat(answered.action(SaveLeadDetails.class).fields()).containsEntry("parking", "no");
        assertThat(answered.action(EndCall.class).outcome()).isEqualTo(CallOutcome.QUALIFIED);
    }

    @Test
    void aYesWithMoreWordsIsKeptAsSaid() {
        var call = askingOwnQuestion("en", "Do you need covered parking?");

        var answered = call.say("yes, for two cars");

        assertThat(answered.action(SaveLeadDetails.class).fields()).containsEntry("parking", "yes, for two cars");
    }

    @Test
    void aBareYesToAnOwnQuestionThatAsksWhichIsAskedAgain() {
        var call = askingOwnQuestion("en", "Which floor would you prefer?");

        var answered = call.say("yes");

        assertThat(answered.actions(SaveLeadDetails.class)).isEmpty();
        assertThat(answered.text()).endsWith("Which floor would you prefer?");
    }

    @Test
    void notInterestedToAnOwnYesNoQuestionStillEndsTheCall() {
        var call = askingOwnQuestion("en", "Do you need covered parking?");

        var answered = call.say("I'm not interested");

        assertThat(answered.action(EndCall.class).outcome()).isEqualTo(CallOutcome.NOT_INTERESTED);
    }

    private static CallDriver askedHowTheyWillPay() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes sure");
        call.say("a 2BHK apartment");
        call.say("Whitefield");
        call.say("around 50 lakhs");
        call.say("next 3 months");
        call.say("for my own use");
        return call;
    }

    @ParameterizedTest
    @CsvSource({"no", "nahi chahiye", "no need", "no thank you"})
    void aNoToTakingAHomeLoanIsSelfFundedNotARefusalOfTheCall(String said) {
        var call = askedHowTheyWillPay();

        var answered = call.say(said);

        assertThat(answered.action(SaveLeadDetails.class).fields()).containsEntry("financing", "self_funded");
        assertThat(answered.actions(EndCall.class)).isEmpty();
        assertThat(answered.text()).contains("self-funded"); // read back, in the language the caller now speaks
    }

    @Test
    void aBareYesToAChoiceOfHowToPayIsAskedAgain() {
        var call = askedHowTheyWillPay();

        var answered = call.say("yes");

        assertThat(answered.actions(SaveLeadDetails.class)).isEmpty();
        assertThat(answered.text()).contains("Will you be taking a home loan, or is it self-funded?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Is it self-funded, or will you take a loan? | no      | home_loan",
            "Do you need a home loan?                    | haan ji | home_loan",
            "Do you need a home loan?                    | no need | self_funded"})
    void aBareAnswerToACampaignsOwnWordingOfHowTheyWillPayFollowsItsWording(String question, String said,
                                                                            String financing) {
        var script = new CampaignScript(null, null, "en", null, null,
                List.of(new QualificationField("financing", question, true)), null, null);
        var call = new CallDriver(script, "Priya Sharma", Map.of());
        call.greet();
        call.say("yes sure");

        var answered = call.say(said);

        assertThat(answered.action(SaveLeadDetails.class).fields()).containsEntry("financing", financing);
    }
}
