package dev.vaani.conversation.scripted;

import java.util.List;
import java.util.Map;

import dev.vaani.conversation.AgentAction.EndCall;
import dev.vaani.conversation.AgentAction.SaveLeadDetails;
import dev.vaani.conversation.AgentAction.ScheduleCallback;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.CampaignScript;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripted agent answers in the language the caller speaks, and follows when the caller switches. */
class LanguageSwitchingTest {

    static CampaignScript hindiScript() {
        return new CampaignScript("Riya", "Vaani Realty", "hi",
                "नमस्ते {name} जी, मैं वाणी रियल्टी से रिया बोल रही हूँ। क्या अभी दो मिनट बात कर सकते हैं?",
                "हम खरीदारों को उनके बजट में फ्लैट, विला और प्लॉट ढूँढने में मदद करते हैं।",
                List.of(new CampaignScript.QualificationField("property_type", "आप किस तरह की प्रॉपर्टी देख रहे हैं? और कितने बीएचके?", true),
                        new CampaignScript.QualificationField("location", "आप किस इलाके में प्रॉपर्टी देख रहे हैं?", true),
                        new CampaignScript.QualificationField("budget", "आपका बजट कितना है?", true)),
                "धन्यवाद! हमारे एडवाइज़र जल्दी ही आपको कॉल करेंगे।", "");
    }

    @Test
    void aHindiCampaignQualifiesADevanagariCallerInHindi() {
        var call = new CallDriver(hindiScript(), "Rahul Verma", Map.of());
        assertThat(call.greet().text()).startsWith("नमस्ते Rahul जी");
        assertThat(call.say("हाँ जी बोलिए").text()).contains("किस तरह की प्रॉपर्टी");
        var reply = call.say("मुझे व्हाइटफील्ड में टू बीएचके फ्लैट चाहिए, बजट पचास लाख के आसपास");
        assertThat(reply.action(SaveLeadDetails.class).fields()).containsEntry("property_type", "apartment")
                .containsEntry("bedrooms", 2).containsEntry("location", "Whitefield")
                .containsEntry("budget_min_rupees", 4_500_000L).containsEntry("budget_max_rupees", 5_500_000L);
        assertThat(reply.text()).isEqualTo("ठीक है, दो बीएचके फ्लैट, व्हाइटफील्ड में, बजट लगभग पचास लाख। "
                + "तो आपको दो बीएचके फ्लैट, व्हाइटफील्ड में, बजट लगभग पचास लाख चाहिए। सही है न?");
        var close = call.say("हाँ सही है");
        assertThat(close.text()).isEqualTo("धन्यवाद! हमारे एडवाइज़र जल्दी ही आपको कॉल करेंगे।");
        assertThat(close.action(EndCall.class).outcome()).isEqualTo(CallOutcome.QUALIFIED);
    }

    /** A Hindi campaign whose broker wrote the first question in English and left the next one as the default. */
    private static CampaignScript hindiCampaignWithTheBrokersOwnFirstQuestion() {
        CampaignScript hindi = hindiScript();
        return new CampaignScript(hindi.agentName(), hindi.companyName(), "hi", hindi.greeting(), hindi.purpose(),
                List.of(new CampaignScript.QualificationField("property_type",
                                "Which project are you interested in, Sunrise Heights or Sunrise Greens?", true),
                        CampaignScript.defaultRealEstate().qualificationFields().get(1)),
                hindi.closing(), "");
    }

    @Test
    void aHindiCampaignAsksTheBrokersOwnQuestionInTheWordsTheyWrote() {
        var call = new CallDriver(hindiCampaignWithTheBrokersOwnFirstQuestion(), "Rahul Verma", Map.of());
        call.greet();
        assertThat(call.say("हाँ जी बोलिए").text())
                .endsWith("Which project are you interested in, Sunrise Heights or Sunrise Greens?");
    }

    @Test
    void aHindiCampaignAsksABuiltInQuestionLeftInEnglishInHindi() {
        var call = new CallDriver(hindiCampaignWithTheBrokersOwnFirstQuestion(), "Rahul Verma", Map.of());
        call.greet();
        call.say("हाँ जी बोलिए");
        assertThat(call.say("मुझे टू बीएचके फ्लैट चाहिए").text()).endsWith("आप किस इलाके में प्रॉपर्टी देख रहे हैं?");
    }

    @Test
    void aHindiCallerWhoSaysNotNowIsAskedWhenToCallBackAndNotRecordedAsBuyingImmediately() {
        var call = new CallDriver(hindiScript(), "Rahul Verma", Map.of());
        call.greet();
        var notNow = call.say("अभी नहीं");
        assertThat(notNow.text()).isEqualTo("ज़रूर। आपको कब कॉल करूँ?");
        assertThat(notNow.actions(SaveLeadDetails.class)).isEmpty();
        var booked = call.say("शाम को फोन करें");
        assertThat(booked.action(EndCall.class).outcome()).isEqualTo(CallOutcome.CALLBACK);
        assertThat(call.conversation.state().collectedData()).doesNotContainKey("timeline");
    }

    @Test
    void aHindiCallerWhoAsksToBeCalledInAnHourGetsTheCallbackBooked() {
        var call = new CallDriver(hindiScript(), "Rahul Verma", Map.of());
        call.greet();
        call.say("हाँ जी बोलिए");
        var reply = call.say("एक घंटे बाद कॉल करो");
        assertThat(reply.action(ScheduleCallback.class).when().toZonedDateTime().toLocalTime())
                .isEqualTo(CallDriver.NOW.plusHours(1).toLocalTime());
        assertThat(reply.action(EndCall.class).outcome()).isEqualTo(CallOutcome.CALLBACK);
    }

    @Test
    void aHindiCallerWhoTurnsDownAFeatureIsStillQualified() {
        var call = new CallDriver(hindiScript(), "Rahul Verma", Map.of());
        call.greet();
        call.say("हाँ जी बोलिए");
        var preference = call.say("टॉप फ्लोर नहीं चाहिए");
        assertThat(preference.actions(EndCall.class)).isEmpty();
        var answer = call.say("विला नहीं चाहिए, फ्लैट चाहिए");
        assertThat(answer.action(SaveLeadDetails.class).fields()).containsEntry("property_type", "apartment");
    }

    @Test
    void aHindiCallerWhoAsksNotToBeCalledAgainHearsItConfirmedInHindi() {
        var call = new CallDriver(hindiScript(), "Rahul Verma", Map.of());
        call.greet();
        var reply = call.say("मुझे कोई दिलचस्पी नहीं है, दोबारा कॉल मत कीजिए");
        assertThat(reply.text()).isEqualTo("ज़रूर, हम आपको दोबारा कॉल नहीं करेंगे। परेशानी के लिए माफ़ कीजिए, आपका दिन शुभ हो!");
        assertThat(reply.action(EndCall.class).doNotCall()).isTrue();
    }

    @Test
    void aHinglishCallerWhoAsksNotToBeCalledAgainHearsItConfirmedInHinglish() {
        var call = CallDriver.hinglish();
        call.greet();
        var reply = call.say("mujhe mat call karo yaar");
        assertThat(reply.text()).isEqualTo("Zaroor, hum aapko dobara call nahi karenge. Pareshani ke liye maaf kijiye, aapka din shubh ho!");
        assertThat(reply.action(EndCall.class).doNotCall()).isTrue();
    }

    @Test
    void anEnglishCampaignSwitchesToHindiWhenTheCallerDoes() {
        var call = CallDriver.english();
        call.greet();
        assertThat(call.say("Yes, sure, tell me").text()).contains("What kind of property are you looking for");
        var hindi = call.say("मुझे थ्री बीएचके विला चाहिए");
        // the campaign's English question is replaced by the phrasebook's Hindi one
        assertThat(hindi.text()).isEqualTo("ठीक है, तीन बीएचके विला। आप किस इलाके में प्रॉपर्टी देख रहे हैं?");
        var english = call.say("I would like Whitefield please");
        assertThat(english.text()).isEqualTo("Okay, Whitefield. What budget do you have in mind?");
    }

    @Test
    void aHindiCampaignSwitchesToHinglishAndBackToHindi() {
        var call = new CallDriver(hindiScript(), "Rahul Verma", Map.of());
        call.greet();
        call.say("हाँ जी");
        assertThat(call.say("teen BHK flat chahiye").text())
                .isEqualTo("Theek hai, 3 BHK apartment. Aap kis area mein property dekh rahe hain?");
        assertThat(call.say("अंधेरी वेस्ट में").text()).isEqualTo("अच्छा, अंधेरी वेस्ट में। आपका बजट कितना है?");
    }

    @Test
    void neutralAnswersKeepTheLanguage() {
        var call = new CallDriver(hindiScript(), "Rahul Verma", Map.of());
        call.greet();
        call.say("हाँ जी");
        // "2BHK", "ok" say nothing about the language: the call stays in Hindi
        assertThat(call.say("2BHK").text()).endsWith("आप किस इलाके में प्रॉपर्टी देख रहे हैं?");
    }

    @Test
    void hinglishAmountsAreSpokenInHinglish() {
        var call = CallDriver.hinglish();
        call.greet();
        call.say("haan boliye");
        call.say("teen BHK chahiye");
        call.say("Whitefield mein");
        assertThat(call.say("budget saath se assi lakh").text())
                .startsWith("Badhiya, budget 60 se 80 lakh.").doesNotContain("₹");
    }
}
