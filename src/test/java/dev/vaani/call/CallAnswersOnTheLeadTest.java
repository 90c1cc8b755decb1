package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.crm.LeadImport;
import dev.vaani.testing.VaaniIntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a call collected, as the lead's record keeps it: the broker's imported fields are theirs and stay; the call's
 * answers are kept beside them (collected_data) and fill only fields the broker left empty.
 */
class CallAnswersOnTheLeadTest extends VaaniIntegrationTest {

    @Autowired CallRecordStore store;
    @Autowired LeadImport leadImport;

    @Test
    void aCallsAnswersDoNotReplaceTheBrokersImportedFields() {
        String phone = uniquePhone();
        leadImport.importCsv("Name,Mobile,City,Budget,Property Type\nAmit," + phone + ",Pune,80L,2BHK\n", null, false);
        long leadId = leadId(phone);

        endCall(leadId, Map.of("property_type", "apartment", "bedrooms", 2.5, "location", "Dhanakavadi",
                "budget", "₹45L–₹55L", "budget_min_rupees", 4_500_000L, "budget_max_rupees", 5_500_000L,
                "timeline", "within_3_months"));

        Map<String, Object> lead = lead(leadId);
        assertThat(lead).containsEntry("property_type", "2BHK").containsEntry("location", "Pune")
                .containsEntry("budget", "80L").containsEntry("budget_min_rupees", null)
                .containsEntry("timeline", "within_3_months");
        assertThat((String) lead.get("collected")).contains("\"location\": \"Dhanakavadi\"")
                .contains("\"budget\": \"₹45L–₹55L\"").contains("\"bedrooms\": 2.5");
    }

    @Test
    void aCallFillsWhatTheBrokerLeftEmptyAndKeepsHalfABedroom() {
        long leadId = insertLead("Sunita", uniquePhone());

        endCall(leadId, Map.of("property_type", "apartment", "bedrooms", 2.5, "location", "Whitefield",
                "budget", "₹45L–₹55L", "budget_min_rupees", 4_500_000L, "budget_max_rupees", 5_500_000L));

        assertThat(lead(leadId)).containsEntry("property_type", "apartment").containsEntry("location", "Whitefield")
                .containsEntry("budget", "₹45L–₹55L").containsEntry("budget_min_rupees", 4_500_000L)
                .containsEntry("bedrooms", new BigDecimal("2.5"));
    }

    @Test
    void theApiShowsTheBrokersFieldsBesideWhatTheLeadSaid() {
        String phone = uniquePhone();
        leadImport.importCsv("Name,Mobile,City,Budget\nKiran," + phone + ",Pune,80L\n", null, false);
        long leadId = leadId(phone);
        endCall(leadId, Map.of("location", "Baner", "budget", "₹45L–₹55L"));

        String lead = api().get().uri("/api/leads/" + leadId).retrieve().body(String.class);

        assertThat(lead).contains("\"location\":\"Pune\"", "\"budget\":\"80L\"")
                .contains("\"collectedData\":{").contains("\"location\":\"Baner\"", "\"budget\":\"₹45L–₹55L\"");
    }

    private void endCall(long leadId, Map<String, Object> collected) {
        String sid = "ans" + UUID.randomUUID().toString().replace("-", "");
        store.started(sid, "MZ" + sid, leadId, null, "outbound", "+919876500000", "+918047495678", 8000, Instant.now());
        store.write(new CallRecordStore.Snapshot(sid, leadId, 1, "closing", new LinkedHashMap<>(collected), false,
                "qualified", "Lead wants a flat.", false, List.of(),
                new CallRecordStore.End("completed", "caller hung up", Instant.now(), null, List.of())));
    }

    private long leadId(String phone) {
        return jdbc.sql("SELECT id FROM leads WHERE phone = ?").param(phone).query(Long.class).single();
    }

    private Map<String, Object> lead(long id) {
        return jdbc.sql("""
                SELECT property_type, location, budget, budget_min_rupees, timeline, bedrooms,
                       collected_data::text AS collected FROM leads WHERE id = ?""").param(id).query().singleRow();
    }
}
