package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.AgentAction.TransferToHuman;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A caller who asks whether they are talking to a machine hears the truth, and the call goes on. */
class AreYouARobotTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"are you a robot?", "Are you a real person?", "am I talking to an AI?",
            "wait, is this a recording?", "are you human"})
    void anEnglishCallerHearsItIsAnAutomatedAssistantAndIsAskedTheQuestionAgain(String question) {
        var call = CallDriver.english();
        call.greet();
        call.say("yes");

        var reply = call.say(question);

        assertThat(reply.text()).startsWith("I'm Riya, Vaani Realty's automated assistant, not a person.")
                .endsWith("What kind of property are you looking for, an apartment, a villa or a plot? And how many BHK?");
        assertThat(reply.actions(TransferToHuman.class)).isEmpty();
        assertThat(call.conversation.state().outcome()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            kya aap robot ho?         | Main Riya hoon, Vaani Realty ki automated assistant, koi insaan nahi.
            क्या आप इंसान हैं?          | मैं Riya हूँ, Vaani Realty की ऑटोमेटेड असिस्टेंट, कोई इंसान नहीं।
            क्या आप रोबोट हो?           | मैं Riya हूँ, Vaani Realty की ऑटोमेटेड असिस्टेंट, कोई इंसान नहीं।
            """)
    void aHindiOrHinglishCallerHearsItInTheirLanguage(String question, String answer) {
        var call = CallDriver.english();
        call.greet();

        var reply = call.say(question);

        assertThat(reply.text()).startsWith(answer);
        assertThat(reply.actions(TransferToHuman.class)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"are you a robot?", "are you a real person?"})
    void beforeTheFirstQuestionTheCallerIsAskedIfItIsAGoodTime(String question) {
        var call = CallDriver.english();
        call.greet();

        var reply = call.say(question);

        assertThat(reply.text()).contains("automated assistant, not a person").endsWith("Is this a good time to talk?")
                .doesNotContain("What kind of property");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"are you a robot? I want to talk to a real person", "can I talk to a real person"})
    void aCallerWhoAsksForAPersonIsStillHandedOver(String request) {
        var call = CallDriver.english();
        call.greet();

        var reply = call.say(request);

        assertThat(reply.actions(TransferToHuman.class)).hasSize(1);
    }
}
