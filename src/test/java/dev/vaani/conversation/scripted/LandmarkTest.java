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
        assertThat(reply.text()).contains("Aap kis area mein property dekh rahe hain?").doesNotContain("Metro Station");
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
}
