package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a scripted call stores when the caller puts an answer right, in the same turn or the next. */
class CorrectionsTest {

    private final CallDriver call = CallDriver.english();

    @Test
    void aBudgetCorrectedInTheSameBreathIsStoredAndReadBackCorrected() {
        reachTheBudgetQuestion();

        var reply = call.say("budget 50 lakh, no sorry, 70 lakh");

        assertThat(reply.text()).contains("70 lakhs").doesNotContain("50 lakhs");
        assertThat(call.conversation.state().collectedData()).containsEntry("budget_min_rupees", 7_000_000L)
                .containsEntry("budget_max_rupees", 7_000_000L);
    }

    @Test
    void aPlaceCorrectedInTheSameBreathIsStoredCorrected() {
        call.greet();
        call.say("yes");
        call.say("2 BHK flat");

        var reply = call.say("Whitefield, actually Sarjapur");

        assertThat(reply.text()).contains("Sarjapur").doesNotContain("Whitefield");
        assertThat(call.conversation.state().collectedData()).containsEntry("location", "Sarjapur");
    }

    @Test
    void aBudgetCorrectedInTheNextTurnReplacesTheOneJustGivenAndTheNextQuestionWaits() {
        reachTheBudgetQuestion();
        call.say("budget 50 lakh");

        var reply = call.say("no sorry, 70 lakh");

        assertThat(reply.text()).contains("70 lakhs").endsWith("By when are you planning to buy?")
                .doesNotContain("didn't quite catch");
        assertThat(call.conversation.state().collectedData()).containsEntry("budget_min_rupees", 7_000_000L);
    }

    @Test
    void anAnswerWithoutACorrectionDoesNotReplaceTheLastOne() {
        reachTheBudgetQuestion();
        call.say("budget 50 lakh");

        call.say("70 lakh");

        assertThat(call.conversation.state().collectedData()).containsEntry("budget_min_rupees", 5_000_000L);
    }

    private void reachTheBudgetQuestion() {
        call.greet();
        call.say("yes");
        call.say("2 BHK flat");
        call.say("Whitefield");
    }
}
