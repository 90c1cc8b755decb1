package dev.vaani.conversation.scripted;

import java.util.Map;

import dev.vaani.conversation.AgentAction.EndCall;
import dev.vaani.conversation.AgentAction.SaveLeadDetails;
import dev.vaani.conversation.CallOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A caller who wants 2.5 BHK hears it read back as people say it, and the call stores 2.5. */
class HalfBedroomReadBackTest {

    @Test
    void aHindiCallerWhoWantsDhaiBhkHearsDhaiBhk() {
        var call = new CallDriver(LanguageSwitchingTest.hindiScript(), "Rahul Verma", Map.of());
        call.greet();
        call.say("हाँ जी बोलिए");
        var reply = call.say("मुझे व्हाइटफील्ड में ढाई बीएचके फ्लैट चाहिए, बजट पचास लाख के आसपास");
        assertThat(reply.action(SaveLeadDetails.class).fields()).containsEntry("bedrooms", 2.5);
        assertThat(reply.text()).isEqualTo("ठीक है, ढाई बीएचके फ्लैट, व्हाइटफील्ड में, बजट लगभग पचास लाख। "
                + "तो आपको ढाई बीएचके फ्लैट, व्हाइटफील्ड में, बजट लगभग पचास लाख चाहिए। सही है न?");
        assertThat(call.say("हाँ सही है").action(EndCall.class).outcome()).isEqualTo(CallOutcome.QUALIFIED);
    }

    @Test
    void anEnglishCallerHearsTwoAndAHalfBhkAndTheTeamReads25() {
        var call = CallDriver.english();
        call.greet();
        var reply = call.say("Yes. I want a two and a half BHK apartment in Whitefield");
        assertThat(reply.action(SaveLeadDetails.class).fields()).containsEntry("bedrooms", 2.5);
        assertThat(reply.text()).contains("a two and a half BHK apartment in Whitefield").doesNotContain("2.5");
        call.say("around fifty lakhs");
        call.say("within three months");
        call.say("for my own use");
        var confirm = call.say("home loan");
        assertThat(confirm.text()).contains("a two and a half BHK apartment in Whitefield");
        var close = call.say("yes that's right");
        assertThat(close.action(EndCall.class).summary()).startsWith("Lead wants a 2.5 BHK apartment in Whitefield");
    }

    @Test
    void aHinglishCallerHearsDhaiBhk() {
        var call = CallDriver.hinglish();
        call.greet();
        call.say("haan boliye");
        var reply = call.say("mujhe dhai BHK flat chahiye");
        assertThat(reply.action(SaveLeadDetails.class).fields()).containsEntry("bedrooms", 2.5);
        assertThat(reply.text()).contains("dhai BHK apartment");
    }
}
