package dev.vaani.console;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What a call collected, as the console shows it to a broker: people's words, not stored codes. */
class CallPresentationTest {

    private final CallPresentation presentation = new CallPresentation(JsonMapper.builder().build());

    @Test
    void aBookedCallBackShowsTheTimeOnTheLeadsOwnClock() {
        assertThat(presentation.collected("{\"callback_at\":\"2026-06-11T17:00:00+05:30\"}"))
                .containsExactly(entry("Call back at", "11 Jun, 17:00"));
    }

    @Test
    void aCallBackTimeThatIsNotOneIsShownAsStored() {
        assertThat(presentation.collected("{\"callback_at\":\"tomorrow evening\"}"))
                .containsExactly(entry("Call back at", "tomorrow evening"));
    }

    @Test
    void aFinancingChoiceIsShownInWords() {
        assertThat(presentation.collected("{\"financing\":\"home_loan\"}")).containsExactly(entry("Financing", "home loan"));
    }

    @Test
    void aBudgetIsOneLineInLakhWithoutTheRupeeFiguresStoredBesideIt() {
        assertThat(presentation.collected(
                "{\"budget\":\"up to ₹80L\",\"budget_min_rupees\":0,\"budget_max_rupees\":8000000}"))
                .containsExactly(entry("Budget", "up to ₹80 lakh"));
    }

    @Test
    void aBudgetRangeWithinOneUnitNamesTheUnitOnce() {
        assertThat(presentation.collected("{\"budget_min_rupees\":4500000,\"budget_max_rupees\":5500000}"))
                .containsExactly(entry("Budget", "₹45–55 lakh"));
    }

    @Test
    void aBudgetReachingACroreIsShownInCrore() {
        assertThat(presentation.collected("{\"budget_min_rupees\":8000000,\"budget_max_rupees\":12000000}"))
                .containsExactly(entry("Budget", "₹80 lakh – ₹1.2 crore"));
    }

    @Test
    void aBudgetWithNoCeilingIsShownAsOrMore() {
        assertThat(presentation.collected(
                "{\"budget_min_rupees\":10000000,\"budget_max_rupees\":" + Long.MAX_VALUE + "}"))
                .containsExactly(entry("Budget", "₹1 crore or more"));
    }

    @Test
    void theAnswersTheAgentUnderstandsAreShownInWordsInTheOrderItAsksThem() {
        assertThat(presentation.collected("""
                {"financing":"self_funded","purpose":"self_use","timeline":"within_3_months","location":"Whitefield",
                 "bedrooms":2.5,"property_type":"independent_house"}"""))
                .containsExactly(entry("Property type", "independent house"), entry("Bedrooms", "2.5 BHK"),
                        entry("Location", "Whitefield"), entry("Timeline", "within 3 months"),
                        entry("Purpose", "for their own use"), entry("Financing", "self funded"));
    }

    @Test
    void aCampaignsOwnAnswerIsShownUnderItsKeyInWordsAndAsTheLeadSaidIt() {
        assertThat(presentation.collected("{\"parking_needed\":\"Yes, two cars\"}"))
                .containsExactly(entry("Parking needed", "Yes, two cars"));
    }

    @Test
    void theKeysTheAgentUnderstandsLeaveOutTheBudgetsRupeeBoundsWhichNoQuestionAsksFor() {
        assertThat(presentation.understoodKeys()).contains("property_type", "location", "budget", "financing")
                .doesNotContain("budget_min_rupees", "budget_max_rupees");
    }
}
