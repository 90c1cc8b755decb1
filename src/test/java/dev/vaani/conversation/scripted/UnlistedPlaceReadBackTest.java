package dev.vaani.conversation.scripted;

import java.util.Map;

import dev.vaani.conversation.AgentAction.SaveLeadDetails;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A place the locality list does not know is read back to a Hindi caller in their own words: a transliteration in
 * Latin letters ("Dhanakavadi") in a Hindi sentence is what a Hindi voice reads as English, or spells out.
 */
class UnlistedPlaceReadBackTest {

    @Test
    void aHindiCallerHearsTheirOwnWordsForAPlaceWeDoNotKnow() {
        var call = new CallDriver(LanguageSwitchingTest.hindiScript(), "Rahul Verma", Map.of());
        call.greet();
        call.say("हाँ जी बोलिए");
        call.say("मुझे टू बीएचके फ्लैट चाहिए");

        var reply = call.say("धनकवडी में");

        assertThat(reply.action(SaveLeadDetails.class).fields()).containsEntry("location", "धनकवडी");
        assertThat(reply.text()).contains("धनकवडी में").doesNotContainPattern("[A-Za-z]");
        var confirm = call.say("बजट पचास लाख");
        assertThat(confirm.text()).contains("दो बीएचके फ्लैट, धनकवडी में").doesNotContainPattern("[A-Za-z]");
    }

    @Test
    void aHindiCallerHearsASectorAddressInHindiWords() {
        var call = new CallDriver(LanguageSwitchingTest.hindiScript(), "Rahul Verma", Map.of());
        call.greet();
        call.say("हाँ जी बोलिए");
        call.say("मुझे टू बीएचके फ्लैट चाहिए");

        var reply = call.say("नोएडा सेक्टर 62 में");

        assertThat(reply.action(SaveLeadDetails.class).fields()).containsEntry("location", "Sector 62, Noida");
        assertThat(reply.text()).contains("सेक्टर बासठ, नोएडा में").doesNotContainPattern("[A-Za-z]");
    }
}
