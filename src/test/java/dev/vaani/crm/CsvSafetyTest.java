package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * results.csv opens safely in a spreadsheet (no cell runs as a formula, no value splits a row) and imports back as
 * it was exported; free text with control characters is refused at the API and at import, with the row number.
 */
class CsvSafetyTest extends VaaniIntegrationTest {

    /** Names a spreadsheet or a naive CSV writer would mistreat, with the cell the export must hold. */
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("=2+3", "'=2+3");
        NAMES.put("+SUM(A1:A9)", "'+SUM(A1:A9)");
        NAMES.put("-2+3", "'-2+3");
        NAMES.put("@cmd|' /C calc'!A0", "'@cmd|' /C calc'!A0");
        NAMES.put("   =HYPERLINK(\"http://x\")", "'   =HYPERLINK(\"http://x\")");
        NAMES.put("O'Brien, \"Bob\"", "O'Brien, \"Bob\"");
        NAMES.put("राम शर्मा", "राम शर्मा");
        NAMES.put("Zoë Ñúñez 🙂", "Zoë Ñúñez 🙂");
        NAMES.put("-12.5", "-12.5");
    }

    @Test
    void resultsCsvNeutralisesFormulasQuotesLineBreaksAndImportsBackAsItWas() throws Exception {
        long campaign = campaign("csv round trip " + java.util.UUID.randomUUID());
        Map<String, String> phoneToName = new LinkedHashMap<>();
        for (String name : NAMES.keySet()) {
            String phone = uniquePhone();
            phoneToName.put(phone, name);
            addToCampaign(campaign, insertLead(name, phone));
        }
        // written before the API refused control characters: the export must still keep it in one cell
        String legacyPhone = uniquePhone();
        addToCampaign(campaign, insertLead("Ravi\r\n\r\n=2+3", legacyPhone));

        String csv = api().get().uri("/api/campaigns/{id}/results.csv", campaign).retrieve().body(String.class);

        List<CSVRecord> records = parse(csv);
        assertThat(records).hasSize(NAMES.size() + 2);
        assertThat(records.getFirst().get(1)).isEqualTo("name");
        Map<String, String> exported = new LinkedHashMap<>();
        records.subList(1, records.size()).forEach(r -> exported.put(CsvCells.restore(r.get(2)), r.get(1)));
        phoneToName.forEach((phone, name) -> assertThat(exported.get(phone)).as(name).isEqualTo(NAMES.get(name)));
        assertThat(exported.get(legacyPhone)).isEqualTo("Ravi\r\n\r\n=2+3");
        assertThat(csv).contains("\"Ravi\r\n\r\n=2+3\"").contains("\"O'Brien, \"\"Bob\"\"\"");

        jdbc.sql("DELETE FROM campaign_leads WHERE campaign_id = ?").param(campaign).update();
        jdbc.sql("DELETE FROM leads WHERE phone IN (:phones)").param("phones", new ArrayList<>(exported.keySet())).update();
        ResponseEntity<ImportResult> imported = api().post().uri("/api/leads/import?partial=true")
                .contentType(MediaType.parseMediaType("text/csv")).body(csv.getBytes(StandardCharsets.UTF_8)).retrieve()
                .toEntity(ImportResult.class);

        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(imported.getBody().created()).isEqualTo(NAMES.size());
        int legacyRow = NAMES.size() + 2; // header on line 1, one line per lead before it
        assertThat(imported.getBody().errors()).containsExactly(new ImportResult.RowError(legacyRow, "B (name)",
                "name contains a control character (line break, tab or similar)"));
        phoneToName.forEach((phone, name) -> assertThat(jdbc.sql("SELECT name FROM leads WHERE phone = ?").param(phone)
                .query(String.class).single()).isEqualTo(name));
    }

    @Test
    void resultsCsvWritesAPhoneNumberAsTextASpreadsheetKeepsWithItsPlus() throws Exception {
        long campaign = campaign("csv phone " + java.util.UUID.randomUUID());
        String phone = uniquePhone();
        addToCampaign(campaign, insertLead("Rajesh Kumar", phone));

        String csv = api().get().uri("/api/campaigns/{id}/results.csv", campaign).retrieve().body(String.class);

        assertThat(parse(csv).get(1).get(2)).isEqualTo("'" + phone);
    }

    @Test
    void aPlainNumberIsLeftAsItIs() {
        assertThat(CsvCells.neutralise("42")).isEqualTo("42");
        assertThat(CsvCells.neutralise("-12.5")).isEqualTo("-12.5");
        assertThat(CsvCells.neutralise("\tTab")).isEqualTo("'\tTab");
        assertThat(CsvCells.neutralise("\rCR")).isEqualTo("'\rCR");
        assertThat(CsvCells.neutralise("  @x")).isEqualTo("'  @x");
    }

    @Test
    void theApiRefusesControlCharactersInFreeText() {
        ResponseEntity<String> lead = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Ravi\r\n=2+3", "phone", uniquePhone())).retrieve().toEntity(String.class);
        ResponseEntity<String> location = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Ravi", "phone", uniquePhone(), "location", "Pune\tEast")).retrieve()
                .toEntity(String.class);
        ResponseEntity<String> campaign = api().post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Diwali\u0085offer")).retrieve().toEntity(String.class);

        assertThat(lead.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(lead.getBody()).contains("\"field\":\"name\"").contains("control characters");
        assertThat(location.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(location.getBody()).contains("\"field\":\"location\"");
        assertThat(campaign.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(campaign.getBody()).contains("\"field\":\"name\"");
    }

    @Test
    void anImportRowWithAControlCharacterIsRefusedWithItsRowNumber() {
        String good = uniquePhone();
        String csv = "name,phone,location\r\nAsha,%s,Pune\r\n\"Line\r\nBreak\",%s,Pune\r\nTab,%s,\"Navi\tMumbai\"\r\n"
                .formatted(good, uniquePhone(), uniquePhone());

        ResponseEntity<ImportResult> response = api().post().uri("/api/leads/import?partial=true")
                .contentType(MediaType.parseMediaType("text/csv")).body(csv).retrieve().toEntity(ImportResult.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().errors()).containsExactly(
                new ImportResult.RowError(3, "A (name)", "name contains a control character (line break, tab or similar)"),
                new ImportResult.RowError(5, "C (location)", "location contains a control character (line break, tab or similar)"));
        assertThat(response.getBody().created()).isEqualTo(1);
    }

    @Test
    void aQuoteNeverClosedIsSaidToBeTheCauseOfTheRowThatTookInTheRestOfTheFile() {
        String csv = "Name,Phone\nA,%s\n\"B unterminated,%s\nC,%s\n".formatted(uniquePhone(), uniquePhone(), uniquePhone());

        ResponseEntity<ImportResult> response = api().post().uri("/api/leads/import?partial=true")
                .contentType(MediaType.parseMediaType("text/csv")).body(csv).retrieve().toEntity(ImportResult.class);

        assertThat(response.getBody().errors()).containsExactly(new ImportResult.RowError(3, "A (Name)",
                "name runs to the end of the file: a quote (\") opened in it is never closed, so the lines after it were "
                        + "read into this cell; remove the stray quote or close it"));
    }

    private long campaign(String name) {
        return jdbc.sql("INSERT INTO campaigns (name) VALUES (?) RETURNING id").param(name).query(Long.class).single();
    }

    private void addToCampaign(long campaign, long lead) {
        jdbc.sql("INSERT INTO campaign_leads (campaign_id, lead_id) VALUES (?, ?)").params(campaign, lead).update();
    }

    private static List<CSVRecord> parse(String csv) throws Exception {
        try (CSVParser parser = CsvCells.FORMAT.parse(new StringReader(csv))) {
            return parser.getRecords();
        }
    }
}
