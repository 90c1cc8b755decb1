package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.AgentAction.EndCall;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A caller who hears the read-back and says a value is wrong is asked that value again, never closed on the old one. */
class ReadBackCorrectionTest {

    @Test
    void sayingAReadBackValueIsWrongAsksItAgain() {
        var call = readBackInEnglish();

        var reply = call.say("the budget is wrong");

        assertThat(reply.text()).endsWith("What budget do you have in mind?");
        assertThat(reply.actions).noneMatch(EndCall.class::isInstance);
    }

    @Test
    void aNoNamingTheWrongValueAsksItAgainWithoutAskingWhatToCorrect() {
        var call = readBackInEnglish();

        assertThat(call.say("no, the location is wrong").text()).endsWith("Which area or locality would you prefer?");
    }

    @Test
    void aHindiCallerWhoSaysTheBudgetIsWrongIsAskedTheBudgetAgain() {
        var call = readBackInHindi();

        assertThat(call.say("बजट गलत है").text()).endsWith("आपका बजट कितना है?");
    }

    @Test
    void theHindiAnswerToWhatShouldICorrectIsUnderstood() {
        var call = readBackInHindi();
        call.say("नहीं");

        // the Hindi "what should I correct?" offers प्रॉपर्टी का टाइप, इलाका या बजट
        assertThat(call.say("इलाका").text()).endsWith("आप किस इलाके में प्रॉपर्टी देख रहे हैं?");
    }

    private static CallDriver readBackInEnglish() {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");
        call.say("2 BHK flat");
        call.say("Whitefield");
        call.say("50 lakhs");
        call.say("within 3 months");
        call.say("own use");
        assertThat(call.say("home loan").text()).endsWith("Is that right?");
        return call;
    }

    private static CallDriver readBackInHindi() {
        var call = new CallDriver(LanguageSwitchingTest.hindiScript(), "Rahul Verma", Map.of());
        call.greet();
        call.say("हाँ जी बोलिए");
        assertThat(call.say("मुझे व्हाइटफील्ड में टू बीएचके फ्लैट चाहिए, बजट पचास लाख के आसपास").text())
                .endsWith("सही है न?");
        return call;
    }
}
