package dev.vaani.conversation.qualification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YesNoQuestionTest {

    @ParameterizedTest
    @ValueSource(strings = {"Do you need covered parking?", "Is the flat for a family?", "Any pets?",
            "Kya aapko covered parking chahiye?", "Parking chahiye kya?", "Aapko parking chahiye?",
            "क्या आपको कवर्ड पार्किंग चाहिए?", "Would you like a site visit this weekend"})
    void aQuestionThatOpensOrEndsLikeOneAsksForYesOrNo(String question) {
        assertThat(YesNoQuestion.asksForYesOrNo(question)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Which floor do you prefer?", "Aap kya dhoondh rahe hain?", "Aap kab shift karenge?",
            "Is it a flat or a villa?", "Will you be taking a home loan, or is it self-funded?",
            "क्या आप होम लोन लेंगे, या अपने पैसों से खरीदेंगे?", "Tell me your preferred floor.", ""})
    void aQuestionWordOrAChoiceAsksForSomethingElse(String question) {
        assertThat(YesNoQuestion.asksForYesOrNo(question)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "Haan ji.", "ji haan", "yes I do", "bilkul", "haan chahiye", "हाँ जी", "haan na"})
    void aYesAndNothingElseIsABareYes(String answer) {
        assertThat(YesNoQuestion.bareAnswer(answer)).contains(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "ji nahi", "nahi chahiye", "no need", "no thank you", "I don't need it",
            "koi zarurat nahi", "नहीं चाहिए", "bilkul nahi", "na"})
    void aNoAndNothingElseIsABareNo(String answer) {
        assertThat(YesNoQuestion.bareAnswer(answer)).contains(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes, for two cars", "not sure", "pata nahi", "abhi nahi", "thank you",
            "no, open parking is fine", "", "  "})
    void aTurnThatSaysMoreOrSomethingElseIsNoBareAnswer(String answer) {
        assertThat(YesNoQuestion.bareAnswer(answer)).isEmpty();
    }

    @Test
    void aChoicesFirstOptionIsTheWordsBeforeItsOr() {
        assertThat(YesNoQuestion.firstChoice("Will you be taking a home loan, or is it self-funded?"))
                .contains("will you be taking a home loan");
        assertThat(YesNoQuestion.firstChoice("Do you need a home loan?")).isEmpty();
    }
}
