package dev.vaani.conversation.qualification;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QualificationExtractorTest {

    private final QualificationExtractor extractor = new QualificationExtractor(java.util.List.of("Prestige Lakeside"));

    @Test
    void oneUtteranceCanAnswerSeveralQuestions() {
        assertThat(extractor.extract("I want a 2BHK in Whitefield around 50 lakhs, for my own use"))
                .containsEntry("property_type", "apartment")
                .containsEntry("bedrooms", 2)
                .containsEntry("location", "Whitefield")
                .containsEntry("budget", "₹45L–₹55L")
                .containsEntry("budget_min_rupees", 4_500_000L)
                .containsEntry("budget_max_rupees", 5_500_000L)
                .containsEntry("purpose", "self_use");
    }

    @Test
    void aBareNumberAfterTheBhkQuestionIsBedroomsNotMoney() {
        assertThat(extractor.extract("three", "property_type"))
                .containsEntry("bedrooms", 3)
                .doesNotContainKey("budget");
    }

    @Test
    void campaignLocalitiesAreRecognised() {
        assertThat(extractor.extract("prestige lakeside")).containsEntry("location", "Prestige Lakeside");
    }

    @Test
    void normalisesToolArgumentsLikeSpeech() {
        var result = extractor.normalise(Map.of(
                "budget", "80L-1Cr", "property_type", "2 BHK apartment", "location", "whitefield",
                "timeline", "within_3_months", "financing", "Home loan"));

        assertThat(result.fields())
                .containsEntry("budget", "₹80L–₹1Cr")
                .containsEntry("budget_min_rupees", 8_000_000L)
                .containsEntry("property_type", "apartment")
                .containsEntry("bedrooms", 2)
                .containsEntry("location", "Whitefield")
                .containsEntry("timeline", "within_3_months")
                .containsEntry("financing", "home_loan");
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void normalisesAnLlmsHindiAndHinglishArgumentsAsACallersWords() {
        var result = extractor.normalise(Map.of("budget", "70-80 लाख", "property_type", "office",
                "location", "नोएडा सेक्टर 62", "timeline", "अगले महीने"));

        assertThat(result.fields())
                .containsEntry("budget_min_rupees", 7_000_000L)
                .containsEntry("budget_max_rupees", 8_000_000L)
                .containsEntry("property_type", "commercial")
                .containsEntry("location", "Sector 62, Noida")
                .containsEntry("timeline", "within_3_months");
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void dropsAndReportsValuesThatMeanNothing() {
        var result = extractor.normalise(Map.of("budget", "a lot", "property_type", "castle", "timeline", ""));

        assertThat(result.fields()).isEmpty();
        assertThat(result.rejected()).containsOnlyKeys("budget", "property_type", "timeline");
    }

    @Test
    void keepsCampaignFieldsItDoesNotKnowAsText() {
        assertThat(extractor.normalise(Map.of("preferred_floor", " high floor ")).fields())
                .containsEntry("preferred_floor", "high floor");
    }

    @Test
    void takesNumericBudgetBoundsWhenNoBudgetTextCame() {
        assertThat(extractor.normalise(Map.of("budget_min_rupees", 6_000_000, "budget_max_rupees", 8_000_000)).fields())
                .containsEntry("budget", "₹60L–₹80L");
    }
}
