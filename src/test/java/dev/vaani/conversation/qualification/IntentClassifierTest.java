package dev.vaani.conversation.qualification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IntentClassifierTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not interested                         | NOT_INTERESTED
            I'm not interested, thanks             | NOT_INTERESTED
            nahi chahiye                           | NOT_INTERESTED
            interest nahi hai                      | NOT_INTERESTED
            already bought a flat                  | NOT_INTERESTED
            call me later                          | CALL_LATER
            busy right now                         | CALL_LATER
            baad mein call karo                    | CALL_LATER
            call me tomorrow at 5 pm               | CALL_LATER
            not interested right now, call me back | CALL_LATER
            can I talk to a person                 | TALK_TO_HUMAN
            agent se baat karni hai                | TALK_TO_HUMAN
            I want a human                         | TALK_TO_HUMAN
            put me through to a real person        | TALK_TO_HUMAN
            wrong number                           | WRONG_NUMBER
            who is this                            | ASKS_WHO_IS_CALLING
            galat number hai                       | WRONG_NUMBER
            yes                                    | AFFIRM
            haan                                   | AFFIRM
            ji                                     | AFFIRM
            sure, go ahead                         | AFFIRM
            okay                                   | AFFIRM
            bilkul                                 | AFFIRM
            theek hai                              | AFFIRM
            no                                     | NEGATIVE
            nahi                                   | NEGATIVE
            not now                                | NEGATIVE
            hmm                                    | BACKCHANNEL
            achha                                  | BACKCHANNEL
            pata nahi                              | UNSURE
            I don't know yet                       | UNSURE
            I want a 2BHK in Whitefield            | OTHER
            what sorry can you repeat flat         | REPEAT
            can you repeat that                    | REPEAT
            say again                              | REPEAT
            sorry, what?                           | REPEAT
            what?                                  | REPEAT
            kya bola aapne                         | REPEAT
            phir se bolo                           | REPEAT
            I didn't catch that                    | REPEAT
            sorry, go on                           | OTHER
            """)
    void classifies(String utterance, Intent expected) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is not CALL_LATER")
    @ValueSource(strings = {"एक साल बाद में", "do saal baad mein lenge", "Diwali ke baad mein", "loan ka baad mein dekhenge",
            "teen mahine baad mein", "loan baad mein karenge"})
    void baadMeinInATimelineOrAFinancingAnswerIsNotACallback(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isNotEqualTo(Intent.CALL_LATER);
    }

    @ParameterizedTest(name = "\"{0}\" -> CALL_LATER")
    @ValueSource(strings = {"baad mein call karo", "abhi nahi, baad mein", "बाद में बात करते हैं", "baad mein", "baad me",
            "haan ji, baad mein", "abhi call mat karo, baad mein", "abhi nahi, baad mein karna", "baad mein karenge"})
    void baadMeinOnItsOwnOrAboutTheCallIsACallback(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.CALL_LATER);
    }

    @ParameterizedTest(name = "\"{0}\" -> CALL_LATER")
    @ValueSource(strings = {"kal baat karte hain", "कल शाम को बात करते हैं", "can we talk tomorrow evening",
            "let's speak on Monday", "shaam 6 baje baat karenge", "talk to you later"})
    void aTimeToTalkWithoutTheWordCallIsACallback(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.CALL_LATER);
    }

    @ParameterizedTest(name = "\"{0}\" is not CALL_LATER")
    @ValueSource(strings = {"haan, do minute baat karte hain", "yes, we can talk now", "maine kal aapke office mein baat ki thi"})
    void talkingNowOrTalkingInThePastIsNotACallback(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isNotEqualTo(Intent.CALL_LATER);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            haan, busy nahi hoon       | AFFIRM
            yes, I'm not busy          | AFFIRM
            no, I'm busy               | CALL_LATER
            abhi busy hoon             | CALL_LATER
            """)
    void notBeingBusyIsNotACallback(String utterance, Intent expected) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" -> ASKS_WHO_IS_CALLING")
    @ValueSource(strings = {"आप कौन बोल रहे हैं?", "कौन बोल रहा है", "Hello, who is this?", "who's calling?",
            "aap kaun bol rahe ho", "kahan se bol rahe hain", "कौन?"})
    void askingWhoIsCallingIsNotAWrongNumber(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.ASKS_WHO_IS_CALLING);
    }

    @ParameterizedTest(name = "\"{0}\" -> WRONG_NUMBER")
    @ValueSource(strings = {"wrong number", "galat number", "maine enquiry nahi ki", "I didn't enquire",
            "रॉन्ग नंबर", "who is this? wrong number"})
    void sayingTheCallIsNotForThemIsAWrongNumber(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.WRONG_NUMBER);
    }

    @ParameterizedTest(name = "\"{0}\" -> NEGATIVE")
    @ValueSource(strings = {"जी नहीं", "ji nahi", "bilkul nahi", "correct nahi hai", "sahi nahi hai",
            "haan par location galat hai", "yes but the budget is wrong", "ok but change the budget",
            "haan, abhi nahi"})
    void aYesWordFollowedByANoOrACorrectionIsANo(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.NEGATIVE);
    }

    @ParameterizedTest(name = "\"{0}\" -> AFFIRM")
    @ValueSource(strings = {"haan ji", "ji haan", "जी हाँ", "bilkul", "yes that's right", "haan sahi hai",
            "yes, no problem", "haan ji, koi baat nahi", "haan, kyun nahi", "sure, why not"})
    void aYesStaysAYesWhenNothingInItSaysNo(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.AFFIRM);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            yes but quickly please            | OTHER
            haan lekin jaldi                  | OTHER
            haan, pata nahi                   | UNSURE
            """)
    void aYesWithAQualificationThatCorrectsNothingIsNeitherYesNorNo(String utterance, Intent expected) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"don't call me again", "please stop calling", "remove my number", "mat call karo",
            "Mujhe interest nahi hai, dobara call mat karna", "मुझे कोई दिलचस्पी नहीं है, दोबारा कॉल मत कीजिए",
            "कॉल मत कीजिए", "मेरा नंबर हटा दीजिए", "who is this? never call me again", "I'm busy, stop calling me"})
    void anExplicitRequestNeverToBeCalledAgainIsDoNotCall(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.DO_NOT_CALL);
    }

    @ParameterizedTest(name = "\"{0}\" -> DO_NOT_CALL")
    @ValueSource(strings = {"बार बार कॉल मत किया करो", "मुझे कॉल न करें", "कृपया दोबारा कॉल न करें", "मेरा नंबर डिलीट कर दो",
            "mera number delete kar do", "please don't disturb me", "मुझे अपनी लिस्ट से हटा दीजिए", "list se hata do",
            "please take me off your list"})
    void otherWaysOfAskingNotToBeCalledAreDoNotCall(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.DO_NOT_CALL);
    }

    @ParameterizedTest(name = "\"{0}\" -> CALL_LATER")
    @ValueSource(strings = {"abhi call na karen, kal shaam call karna", "please don't disturb me now, call me tomorrow"})
    void aRequestNotToBeCalledNowThatAsksForAnotherTimeIsACallback(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.CALL_LATER);
    }

    @ParameterizedTest(name = "\"{0}\" -> DO_NOT_CALL")
    @ValueSource(strings = {"कल भी बोला था, कॉल मत करो", "aaj ke baad call mat karna", "ab se call mat karna",
            "don't call me in the evening anymore", "don't call me again on sunday"})
    void aRequestNotToCallFromNowOnIsOneWhateverTimeIsSaidAroundIt(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.DO_NOT_CALL);
    }

    @ParameterizedTest(name = "\"{0}\" -> CALL_LATER")
    @ValueSource(strings = {"Sunday ko call mat karna", "please don't call me in the evening",
            "abhi busy hoon, raat ko call mat karna", "don't call me after 6 pm", "abhi call mat karo",
            "सुबह कॉल मत करना"})
    void aCallTurnedDownOnlyAtSomeTimesIsTheCallersHoursNotARequestNeverToBeCalled(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.CALL_LATER);
    }

    @ParameterizedTest(name = "\"{0}\" -> CALL_LATER")
    @ValueSource(strings = {"aaj mat karo, kal call karna", "aaj call mat karo, kal karna",
            "abhi phone mat karo, shaam ko phone karna"})
    void notTodayButAnotherDayIsACallback(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.CALL_LATER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not interested", "मुझे कोई दिलचस्पी नहीं है", "nahi chahiye", "already bought a flat"})
    void aPlainRefusalIsNotARequestToStopCalling(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.NOT_INTERESTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"don't call me now, call me tomorrow evening", "abhi call mat karo, kal shaam call karna",
            "stop, call me back tomorrow", "do not disturb me now, call me in the evening"})
    void notNowButLaterIsACallbackNotDoNotCall(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isEqualTo(Intent.CALL_LATER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"loan nahi chahiye", "villa nahi chahiye, flat chahiye", "no need of a loan"})
    void aCorrectionIsNotARefusal(String utterance) {
        assertThat(IntentClassifier.classify(utterance)).isNotEqualTo(Intent.NOT_INTERESTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hmm", "achha", "okay", "haan", "ji", "right", "Hmm.", "haan ji", "Okay okay"})
    void listeningNoisesAreBackchannels(String transcript) {
        assertThat(IntentClassifier.isBackchannel(transcript)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"haan but", "wait", "no", "hold on, I have a question", "okay so what is the price", ""})
    void realInterruptionsAreNotBackchannels(String transcript) {
        assertThat(IntentClassifier.isBackchannel(transcript)).isFalse();
    }

    @ParameterizedTest(name = "at the read-back, \"{0}\" confirms: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            yes                                    | true
            yes that is all correct                | true
            flat in right yeah                     | false
            that is right                          | true
            haan sahi hai                          | true
            correct                                | true
            ok yes correct                         | true
            bilkul sahi                            | true
            no                                     | false
            yes but the budget is wrong            | false
            ji nahi                                | false
            bilkul nahi                            | false
            correct nahi hai                       | false
            haan par location galat hai            | false
            ok but change the budget               | false
            not right                              | false
            nahi galat hai                         | false
            hmm                                    | false
            what                                   | false
            """)
    void aReadBackIsConfirmedByYesWordsAlone(String utterance, boolean confirms) {
        assertThat(IntentClassifier.confirms(utterance)).isEqualTo(confirms);
    }

    @Test
    void aBareYesIsBothAnAnswerAndABackchannel() {
        assertThat(IntentClassifier.classify("yes")).isEqualTo(Intent.AFFIRM);
        assertThat(IntentClassifier.isBackchannel("yes")).isTrue();
    }
}
