package dev.vaani.conversation.scripted;

import java.util.Map;

import dev.vaani.conversation.AgentAction.EndCall;
import dev.vaani.conversation.AgentAction.SaveLeadDetails;
import dev.vaani.conversation.CallOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lead the broker imported with a property type, location and budget is not asked them afresh: they are read back
 * with the rest for the lead to confirm, and count as heard on the call only once confirmed.
 */
class BrokersRecordTest {

    private static final Map<String, String> IMPORTED = Map.of("property_type", "2BHK Apartment",
            "location", "Whitefield", "budget", "80L");

    @Test
    void theRecordsDetailsAreNotAskedAfresh() {
        var call = CallDriver.withRecord(IMPORTED, Map.of());
        call.greet();

        assertThat(call.say("yes, go ahead").text()).endsWith("By when are you planning to buy?");
    }

    @Test
    void theRecordIsReadBackWithWhatTheCallerSaid() {
        var call = answeredAllButTheRecord();

        assertThat(call.say("home loan").text())
                .contains("So, a 2 BHK apartment in Whitefield for 80 lakhs, within 3 months").endsWith("Is that right?");
    }

    @Test
    void theRecordCountsAsHeardOnlyOnceTheCallerConfirmsIt() {
        var call = answeredAllButTheRecord();
        call.say("home loan");
        assertThat(call.conversation.state().collectedData()).doesNotContainKeys("property_type", "location", "budget");

        var close = call.say("yes, that's right");

        assertThat(close.action(SaveLeadDetails.class).fields()).containsEntry("property_type", "apartment")
                .containsEntry("bedrooms", 2).containsEntry("location", "Whitefield").containsKey("budget");
        assertThat(close.action(EndCall.class).outcome()).isEqualTo(CallOutcome.QUALIFIED);
        assertThat(call.conversation.state().collectedData()).containsKeys("property_type", "location", "budget");
    }

    @Test
    void aRecordedDetailTheCallerCorrectsIsAskedAndTheirAnswerKept() {
        var call = answeredAllButTheRecord();
        call.say("home loan");
        assertThat(call.say("no").text()).contains("What should I correct");
        assertThat(call.say("the location").text()).endsWith("Which area or locality would you prefer?");

        assertThat(call.say("Sarjapur Road").text()).contains("in Sarjapur Road").endsWith("Is that right?");
        var close = call.say("yes");

        assertThat(close.action(SaveLeadDetails.class).fields()).containsEntry("property_type", "apartment")
                .doesNotContainKey("location");
        assertThat(call.conversation.state().collectedData()).containsEntry("location", "Sarjapur Road");
    }

    @Test
    void whatAnEarlierCallHeardWinsOverTheRecord() {
        var call = CallDriver.withRecord(IMPORTED, Map.of("location", "Hebbal"));
        call.greet();
        call.say("yes");
        call.say("within three months");
        call.say("for my own use");

        assertThat(call.say("home loan").text()).contains("in Hebbal").doesNotContain("Whitefield");
    }

    @Test
    void aRecordedDetailThatMeansNothingIsAskedAsUsual() {
        var call = CallDriver.withRecord(Map.of("property_type", "see notes"), Map.of());
        call.greet();

        assertThat(call.say("yes").text()).contains("What kind of property");
    }

    @Test
    void aCallerWhoSaysWhatTheRecordSaysConfirmsIt() {
        var call = CallDriver.withRecord(IMPORTED, Map.of());
        call.greet();
        call.say("yes");

        var reply = call.say("a 2BHK apartment");

        assertThat(reply.action(SaveLeadDetails.class).fields()).containsEntry("property_type", "apartment")
                .containsEntry("bedrooms", 2);
        assertThat(reply.text()).contains("a 2 BHK apartment").endsWith("By when are you planning to buy?");
        assertThat(call.conversation.state().collectedData()).containsKey("property_type").doesNotContainKey("location");
    }

    @Test
    void whatTheCallerSaysReplacesTheRecordWhicheverQuestionWasAsked() {
        var call = CallDriver.withRecord(IMPORTED, Map.of());
        call.greet();
        call.say("yes");
        call.say("actually a villa");
        call.say("within three months");
        call.say("for my own use");

        var readBack = call.say("home loan").text();

        assertThat(readBack).contains("So, a villa in Whitefield").doesNotContain("BHK");
        assertThat(call.conversation.state().collectedData()).containsEntry("property_type", "villa")
                .doesNotContainKey("bedrooms");
    }

    /** A call to the imported lead that has heard every answer but the last before the read-back. */
    private static CallDriver answeredAllButTheRecord() {
        var call = CallDriver.withRecord(IMPORTED, Map.of());
        call.greet();
        call.say("yes");
        call.say("within three months");
        call.say("for my own use");
        return call;
    }
}
