package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerTurnWordsTest {

    private final CallerTurnWords words = new CallerTurnWords();

    @Test
    void aTurnOfItsOwnIsAnsweredAsHeard() {
        words.startNew();
        words.append("a flat in Whitefield ");
        words.append(" for my own use");

        assertThat(words.end()).isEqualTo(new TurnDecision.EndOfTurn("a flat in Whitefield for my own use"));
    }

    @Test
    void goingOnWithTheLastTurnAnswersBothAndKeepsTheRestApart() {
        words.startNew();
        words.append("I want a flat in");
        words.end();

        words.startGoingOnWithLastTurn();
        assertThat(words.goesOnWithLastTurn()).isTrue();
        words.append("Whitefield");

        assertThat(words.end()).isEqualTo(new TurnDecision.EndOfTurn("I want a flat in Whitefield", "Whitefield"));
    }

    @Test
    void goingOnWithNoMoreWordsAnswersTheLastTurnAgain() {
        words.startNew();
        words.append("my budget is fifty lakh");
        words.end();

        words.startGoingOnWithLastTurn();

        assertThat(words.isEmpty()).isTrue();
        assertThat(words.end()).isEqualTo(new TurnDecision.EndOfTurn("my budget is fifty lakh", ""));
    }

    @Test
    void aNewTurnForgetsTheTurnItMightHaveGoneOnWith() {
        words.startNew();
        words.append("two BHK");
        words.end();
        words.startGoingOnWithLastTurn();

        words.startNew();
        words.append("what is the price");

        assertThat(words.goesOnWithLastTurn()).isFalse();
        assertThat(words.end()).isEqualTo(new TurnDecision.EndOfTurn("what is the price"));
    }

    @Test
    void wordsThatStopMidAnswerAreUnfinishedUntilTheAnswerGoesOn() {
        words.startNew();
        words.append("my budget is around");
        assertThat(words.unfinished()).isTrue();

        words.append("seventy lakhs");
        assertThat(words.unfinished()).isFalse();
    }
}
