package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.CallOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The call summary is read by the broker about the lead, so it speaks of the lead in the third person, where the
 * agent's read-back to the caller says "your".
 */
class LeadSummaryTest {

    @Test
    void aLeadBuyingForThemselvesIsDescribedAsBuyingForTheirOwnUse() {
        String summary = LeadDescription.summary(Map.of("property_type", "villa", "purpose", "self_use"),
                CallOutcome.QUALIFIED, null);

        assertThat(summary).isEqualTo("Lead wants a villa, for their own use. Outcome: qualified.");
    }

    @Test
    void aLeadBuyingForBothReasonsIsDescribedInTheThirdPersonToo() {
        String summary = LeadDescription.summary(Map.of("property_type", "villa", "purpose", "both"),
                CallOutcome.QUALIFIED, null);

        assertThat(summary).isEqualTo("Lead wants a villa, for their own use and as an investment. Outcome: qualified.");
    }
}
