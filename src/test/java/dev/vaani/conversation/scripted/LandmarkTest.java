package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.AgentAction.SaveLeadDetails;
import org.junit.jupiter.api.Test;

/** A landmark the caller lives near ("metro station ke paas") is not the area they want: the agent asks which area. */
class LandmarkTest {

    @Test
    void aLandmarkAloneIsNotStoredAndTheAreaIsAskedAgain() {
        var call = CallDriver.hinglish();
        call.greet();
        call.say("haan boliye");
        call.say("2 BHK flat chahiye");

        var reply = call.say("metro station ke paas");

        assertThat(reply.actions(SaveLeadDetails.class))
                .allSatisfy(saved -> assertThat(saved.fields()).doesNotContainKey("location"));
        assertThat(reply.text()).contains("Woh kis area ke paas hai?").doesNotContain("Metro Station");
    }

    @Test
    void theAreaGivenAfterALandmarkIsTheOneStored() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes sure");
        call.say("a 2 BHK flat");
        call.say("near airport");

        var reply = call.say("Whitefield");

        assertThat(reply.action(SaveLeadDetails.class).fields()).containsEntry("location", "Whitefield");
        assertThat(reply.text()).contains("Whitefield").doesNotContain("Airport");
    }

    @Test
    void aLocalityNamedWithItsLandmarkIsTheLocality() {
        var call = CallDriver.hinglish();
        call.greet();
        call.say("haan boliye");
        call.say("2 BHK flat chahiye");

        var reply = call.say("Whitefield metro station ke paas");

        assertThat(reply.action(SaveLeadDetails.class).fields()).containsEntry("location", "Whitefield");
    }

    @Test
    void aLandmarkAloneIsAskedWhichAreaItIsNear() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes sure");
        call.say("a 2 BHK flat");

        var reply = call.say("near the metro station");

        assertThat(reply.text()).isEqualTo("Which area is that near? For example, Whitefield or Sarjapur Road.");
    }

    @Test
    void aLandmarkAloneInHinglishIsAskedWhichAreaItIsNear() {
        var call = CallDriver.hinglish();
        call.greet();
        call.say("haan boliye");
        call.say("2 BHK flat chahiye");

        var reply = call.say("mall ke paas");

        assertThat(reply.text()).startsWith("Woh kis area ke paas hai?").doesNotContain("samajh nahi");
    }

    @Test
    void aLandmarkAloneInHindiIsAskedWhichAreaItIsNear() {
        var call = CallDriver.hinglish();
        call.greet();
        call.say("हाँ बोलिए");
        call.say("टू बीएचके फ्लैट चाहिए");

        var reply = call.say("स्टेशन के पास");

        assertThat(reply.text()).startsWith("वह किस इलाके के पास है?").doesNotContain("समझ नहीं")
                .contains("व्हाइटफील्ड");
    }

    @Test
    void aSecondLandmarkAloneMovesOnRatherThanAskAgain() {
        var call = CallDriver.hinglish();
        call.greet();
        call.say("haan boliye");
        call.say("2 BHK flat chahiye");
        call.say("mall ke paas");

        var reply = call.say("station ke paas");

        assertThat(reply.text()).doesNotContain("kis area").contains("Aapka budget kitna hai?");
    }
}
