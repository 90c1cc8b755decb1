package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A call to a lead starts with what the broker's import says the lead wants, for the agent to confirm. */
class LeadOnRecordTest extends VaaniIntegrationTest {

    @Autowired CallRecordStore store;

    @Test
    void theLeadACallIsAboutCarriesTheBrokersDetails() {
        long lead = insertLead("Farah Record", uniquePhone());
        jdbc.sql("UPDATE leads SET property_type = '2BHK', location = 'Whitefield', budget = '' WHERE id = ?")
                .param(lead).update();

        assertThat(store.findLead(lead).orElseThrow().onRecord())
                .containsExactlyInAnyOrderEntriesOf(Map.of("property_type", "2BHK", "location", "Whitefield"));
    }

    @Test
    void aLeadImportedWithoutDetailsHasNoneOnRecord() {
        long lead = insertLead("Gita Record", uniquePhone());

        assertThat(store.findLead(lead).orElseThrow().onRecord()).isEmpty();
    }
}
