package dev.vaani.conversation.qualification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnfinishedAnswersTest {

    @ParameterizedTest
    @ValueSource(strings = {"my budget is around", "between fifty and", "my budget is fifty", "one point",
            "I am looking for", "budget lagbhag", "somewhere near", "it is for um", "I think..."})
    void answersStoppingMidPhraseAreUnfinished(String transcript) {
        assertThat(UnfinishedAnswers.isUnfinished(transcript)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my budget is fifty lakhs", "two", "Whitefield", "in the next three months", "yes",
            "not interested", "call me later", "budget pachas lakh hai", ""})
    void completeAnswersAreNot(String transcript) {
        assertThat(UnfinishedAnswers.isUnfinished(transcript)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my budget is the", "two call me tomorrow b in", "I want a", "call me back to"})
    void theShortestFunctionWordsARecogniserInventsFromNoiseDoNotHoldTheTurn(String transcript) {
        assertThat(UnfinishedAnswers.isUnfinished(transcript)).isFalse();
    }
}
