package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.qualification.QualificationExtractor;
import dev.vaani.testing.VaaniIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A place in a broker's file is stored under the name a call stores for it, so the console shows one spelling of a
 * city whether the lead was imported with it or said it on a call.
 */
class ImportedPlaceNamesTest extends VaaniIntegrationTest {

    @Autowired LeadImport leadImport;

    @Test
    void knownPlacesInDevanagariOrAnotherSpellingAreStoredAsACallStoresThem() {
        Map<String, String> stored = importLocations("मुंबई", "पुणे", "बाणेर, पुणे", "bombay", "व्हाइटफील्ड");

        assertThat(stored.values()).containsExactly("Mumbai", "Pune", "Baner, Pune", "Mumbai", "Whitefield");
        var call = new QualificationExtractor();
        assertThat(call.extract("मुंबई में", "location")).containsEntry("location", stored.get("मुंबई"));
        assertThat(call.extract("पुणे", "location")).containsEntry("location", stored.get("पुणे"));
    }

    @Test
    void placesTheListDoesNotKnowAreKeptAsWritten() {
        Map<String, String> stored = importLocations("गोलघर", "Flat 402, Lodha Amara", "near station road");

        assertThat(stored.values()).containsExactly("गोलघर", "Flat 402, Lodha Amara", "near station road");
    }

    @Test
    void aPlaceTypedIntoTheApiIsStoredTheSameWay(@Autowired Leads leads) {
        Lead lead = leads.create(new LeadRequest("Neha", uniquePhone(), null, null, "पुणे", null, null, null, null));

        assertThat(lead.location()).isEqualTo("Pune");
    }

    /** Imports one lead per place; returns each place as written to where the lead's row has it. */
    private Map<String, String> importLocations(String... places) {
        StringBuilder csv = new StringBuilder("Name,Mobile,City\n");
        Map<String, String> phones = new java.util.LinkedHashMap<>();
        for (String place : places) {
            String phone = uniquePhone();
            phones.put(place, phone);
            csv.append("Lead,").append(phone).append(",\"").append(place).append("\"\n");
        }
        assertThat(leadImport.importCsv(csv.toString(), null, false).imported()).isTrue();
        Map<String, String> stored = new java.util.LinkedHashMap<>();
        phones.forEach((place, phone) -> stored.put(place, jdbc.sql("SELECT location FROM leads WHERE phone = ?")
                .param(phone).query(String.class).single()));
        return stored;
    }
}
