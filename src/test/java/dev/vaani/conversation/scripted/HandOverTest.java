package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.AgentAction.TransferToHuman;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.HandOver;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a caller who asks for a person is promised depends on whether the call can connect them. */
class HandOverTest {

    @Nested
    class WhenTheCallCanConnectThem {

        @Test
        void theyAreAskedToStayOnTheLine() {
            var call = new CallDriver(CampaignScript.defaultRealEstate(), "Priya Sharma", Map.of(), HandOver.CONNECT_NOW);
            call.greet();

            var reply = call.say("can I talk to a real person");

            assertThat(reply.text()).contains("connect you", "stay on the line");
            assertThat(reply.actions(TransferToHuman.class)).hasSize(1);
        }
    }

    @Nested
    class WhenNothingCanConnectThem {

        private final CallDriver call =
                new CallDriver(CampaignScript.defaultRealEstate(), "Priya Sharma", Map.of(), HandOver.CALL_BACK);

        @Test
        void theyArePromisedACallBackAndNeverAConnection() {
            call.greet();

            var reply = call.say("can I talk to a real person");

            assertThat(reply.text()).contains("call you back").doesNotContain("stay on the line")
                    .doesNotContain("I'll connect you");
        }

        @Test
        void thePersonStillLearnsOfItThroughTheHandOver() {
            call.greet();

            var reply = call.press("1");

            assertThat(reply.actions(TransferToHuman.class)).hasSize(1);
            assertThat(call.conversation.state().outcome()).isEqualTo(CallOutcome.TRANSFERRED);
        }

        @Test
        void speakingDuringTheHandOverRepeatsThePromiseNotAConnection() {
            call.greet();
            call.say("can I talk to a real person");

            assertThat(call.say("hello?").text()).contains("call you back").doesNotContain("connecting");
        }

        @Test
        void pressingAKeyDuringTheHandOverRepeatsThePromise() {
            call.greet();
            call.press("1");

            assertThat(call.press("5").text()).contains("call you back");
            assertThat(call.press("1").text()).contains("call you back");
        }

        @Test
        void aHindiCallerIsPromisedTheCallBackInHindi() {
            var hindi = new CallDriver(CampaignScript.defaultRealEstate(), "Rahul Verma", Map.of(), HandOver.CALL_BACK);
            hindi.greet();

            var reply = hindi.say("मुझे किसी इंसान से बात करनी है");

            assertThat(reply.text()).contains("वापस कॉल");
            assertThat(reply.actions(TransferToHuman.class)).hasSize(1);
        }
    }
}
