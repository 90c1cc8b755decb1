package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * POST /api/leads/import as brokers use it: the files spreadsheets save, phones Vaani must not dial, and answers that
 * point at the cell to fix.
 */
class LeadImportTest extends VaaniIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Test
    void aPhoneWithLettersIsARowErrorAndIsNeverDialledAsKeypadDigits() {
        long campaign = campaign();
        String csv = "name,phone,email,property_type,location,budget,source\nLetters,98450ABCDE,,,,,\nVanity,1800FLOWERS,,,,,\n";

        ResponseEntity<Map<String, Object>> response = importCsv("?partial=true&campaignId=" + campaign, csv);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(errors(response)).containsExactly(
                Map.of("row", 2, "column", "B (phone)", "reason", "phone contains letters: XXXXXXBCDE"),
                Map.of("row", 3, "column", "B (phone)", "reason", "phone contains letters: XXXXXXXWERS"));
        assertThat(response.getBody()).containsEntry("created", 0).containsEntry("merged", 0);
        assertThat(leadsOf(campaign)).isZero();
    }

    @Test
    void aNumberOfAnotherCountryIsARowError() {
        long campaign = campaign();

        ResponseEntity<Map<String, Object>> response = importCsv("?partial=true&campaignId=" + campaign,
                "Full Name,Mobile\nSam,+1 415 555 0100\n");

        assertThat(errors(response)).containsExactly(Map.of("row", 2, "column", "B (Mobile)",
                "reason", "only Indian (+91) numbers can be called: +1 XXXXXXXX0100"));
        assertThat(leadsOf(campaign)).isZero();
    }

    @Test
    void aRowWithTheSamePhoneAsAnEarlierRowIsNotedWithBothLines() {
        String phone = uniquePhone();
        String csv = "name,phone,email\nMeera,%s,\nAsha,%s,\n\"Meera K\",%s,meera@example.com\n"
                .formatted(phone, uniquePhone(), phone.replace("+91", "0"));

        ResponseEntity<Map<String, Object>> response = importCsv("?partial=true", csv);

        assertThat(response.getBody()).containsEntry("created", 2).containsEntry("merged", 1)
                .containsEntry("skipped", 0);
        assertThat(response.getBody().get("notes")).isEqualTo(List.of(Map.of("row", 4, "column", "B (phone)",
                "note", "same phone as line 2; merged into that row (its empty cells filled from this one)")));
        assertThat(jdbc.sql("SELECT email FROM leads WHERE phone = ?").param(phone).query(String.class).single())
                .isEqualTo("meera@example.com");
    }

    @Test
    void aPhoneASpreadsheetWroteAsAWholeNumberWithADecimalIsImported() {
        String phone = uniquePhone();

        ResponseEntity<Map<String, Object>> response = importCsv("", "name,phone\nPriya," + phone.substring(3) + ".0\n");

        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param(phone).query(Integer.class).single()).isOne();
    }

    @Test
    void aPhoneInScientificNotationIsARowErrorSayingHowToKeepItsDigits() {
        ResponseEntity<Map<String, Object>> response = importCsv("?partial=true", "name,phone\nPriya,9.87654E+09\n");

        assertThat(errors(response)).containsExactly(Map.of("row", 2, "column", "B (phone)", "reason",
                "the spreadsheet turned this number into scientific notation and lost digits; "
                        + "format the phone column as Text and export again"));
    }

    @Test
    void aRowWithAnInvalidEmailIsImportedWithoutItAndWarnedOf() {
        String phone = uniquePhone();

        ResponseEntity<Map<String, Object>> response = importCsv("", "name,phone,email\nPriya," + phone + ",priya@gmail\n");

        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("created", 1).containsEntry("skipped", 0)
                .containsEntry("warnings", List.of(Map.of("row", 2, "column", "C (email)",
                        "note", "email is not valid, imported without it: priya@gmail")));
        assertThat(jdbc.sql("SELECT email IS NULL FROM leads WHERE phone = ?").param(phone).query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void aNumberInTheEmailColumnIsWarnedOfMasked() {
        String phone = uniquePhone();
        String second = uniquePhone();

        ResponseEntity<Map<String, Object>> response = importCsv("", "name,phone,email\nPriya," + phone + "," + second + "\n");

        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(String.valueOf(response.getBody().get("warnings"))).contains(PhoneMasking.mask(second))
                .doesNotContain(second);
    }

    @Test
    void rowsOfEmptyCellsAnExcelExportLeavesAreSkippedLikeBlankLines() {
        String first = uniquePhone();
        String second = uniquePhone();

        ResponseEntity<Map<String, Object>> response = importCsv("",
                ",,\r\nname,phone,email\r\nRavi," + first + ",\r\nSita," + second + ",\r\n,,\r\n,,\r\n");

        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("created", 2).containsEntry("errors", List.of());
    }

    @Test
    void columnsNoLeadFieldIsReadFromAreListedAsIgnored() {
        ResponseEntity<Map<String, Object>> response = importCsv("",
                "name,phone,Remarks,WhatsApp\nPriya," + uniquePhone() + ",call after 6," + uniquePhone() + "\n");

        assertThat(response.getBody()).containsEntry("ignoredColumns", List.of("Remarks", "WhatsApp"));
    }

    @Test
    void aFileWithOnlyAHeaderIsRefusedSayingItHasNoRows() {
        ResponseEntity<Map<String, Object>> response = importCsv("", "name,phone\n");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("detail", "The file has no rows under its header; add one lead per line");
    }

    static Stream<Arguments> headersBrokersWrite() {
        return Stream.of(Arguments.of("Customer Name", "Mobile No."), Arguments.of("Name", "Contact No"),
                Arguments.of("Name", "Mobile Number"), Arguments.of("Name", "Phone No"), Arguments.of("Name", "WhatsApp"),
                Arguments.of(" FULL_NAME ", "  MOBILE_NO #"), Arguments.of("Name", "Phone-Number"),
                Arguments.of("नाम", "मोबाइल"), Arguments.of("नाम", "\u095Eोन"), Arguments.of("नाम", "फ\u093Cोन"),
                Arguments.of("नाम", "फोन"), Arguments.of("नाम", "मोबाइल नंबर"));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("headersBrokersWrite")
    void headersAreMatchedWhateverTheirCasePunctuationSpacingOrNumberSuffix(String nameHeader, String phoneHeader) {
        String phone = uniquePhone();

        ResponseEntity<Map<String, Object>> response = importCsv("", nameHeader + "," + phoneHeader + "\nप्रिया," + phone + "\n");

        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT name FROM leads WHERE phone = ?").param(phone).query(String.class).single())
                .isEqualTo("प्रिया");
    }

    @Test
    void aFileWithoutAPhoneColumnListsTheHeadersItFoundWithPhonesMasked() {
        ResponseEntity<Map<String, Object>> response = importCsv("", "Name,Remarks,9876543210\nPriya,call after 6,x\n");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) response.getBody().get("detail")).startsWith("No phone column")
                .endsWith("(found: Name, Remarks, XXXXXX3210)");
    }

    static Stream<Arguments> filesSpreadsheetsSave() {
        String comma = "Name,Phone\r\nPriya,%s\r\n";
        return Stream.of(
                Arguments.of("semicolon-separated", "Name;Phone;City\r\nPriya;%s;Pune\r\n", StandardCharsets.UTF_8, new byte[0]),
                Arguments.of("tab-separated", "Name\tPhone\tCity\r\nPriya\t%s\tPune\r\n", StandardCharsets.UTF_8, new byte[0]),
                Arguments.of("UTF-8 with a byte order mark", comma, StandardCharsets.UTF_8, bytes(0xEF, 0xBB, 0xBF)),
                Arguments.of("UTF-16 LE with a byte order mark, tab-separated", "Name\tPhone\r\nPriya\t%s\r\n",
                        StandardCharsets.UTF_16LE, bytes(0xFF, 0xFE)),
                Arguments.of("UTF-16 BE with a byte order mark", comma, StandardCharsets.UTF_16BE, bytes(0xFE, 0xFF)),
                Arguments.of("UTF-16 LE whose byte order mark was lost", "Name\tPhone\r\nPriya\t%s\r\n",
                        StandardCharsets.UTF_16LE, new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesSpreadsheetsSave")
    void readsTheCsvFilesSpreadsheetsSave(String kind, String template, Charset charset, byte[] byteOrderMark) {
        String phone = uniquePhone();
        byte[] text = template.formatted(phone).getBytes(charset);
        byte[] file = new byte[byteOrderMark.length + text.length];
        System.arraycopy(byteOrderMark, 0, file, 0, byteOrderMark.length);
        System.arraycopy(text, 0, file, byteOrderMark.length, text.length);

        ResponseEntity<Map<String, Object>> response = upload(file);

        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT name FROM leads WHERE phone = ?").param(phone).query(String.class).single())
                .isEqualTo("Priya");
    }

    @Test
    void namesInWindowsExcelsPlainCsvAreReadAsWritten() {
        String phone = uniquePhone();
        byte[] file = "Name,Phone,Area\r\nZoë Fernandes,%s,Bandra – West\r\n".formatted(phone)
                .getBytes(Charset.forName("windows-1252"));

        ResponseEntity<Map<String, Object>> response = upload(file);

        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT name FROM leads WHERE phone = ?").param(phone).query(String.class).single())
                .isEqualTo("Zoë Fernandes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unicodeTextWithoutItsMark")
    void devanagariInUnicodeTextWhoseMarkWasLostIsReadAsWritten(Charset utf16) {
        String phone = uniquePhone();
        byte[] file = "Name\tPhone\tArea\r\nप्रिया शर्मा\t%s\tकोरेगांव पार्क, पुणे, महाराष्ट्र\r\n".formatted(phone)
                .getBytes(utf16);

        ResponseEntity<Map<String, Object>> response = upload(file);

        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT name FROM leads WHERE phone = ?").param(phone).query(String.class).single())
                .isEqualTo("प्रिया शर्मा");
    }

    static Stream<Charset> unicodeTextWithoutItsMark() {
        return Stream.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);
    }

    @Test
    void anExcelWorkbookIsToldToBeSavedAsCsv() {
        byte[] xlsx = bytes('P', 'K', 3, 4, 20, 0, 6, 0, 8, 0);
        byte[] xls = bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0);

        for (byte[] workbook : List.of(xlsx, xls)) {
            ResponseEntity<Map<String, Object>> response = upload(workbook);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).containsEntry("detail",
                    "This is an Excel workbook; save it as CSV (UTF-8) and upload that");
        }
    }

    @Test
    void noFileIsABadRequestNamingTheFilePart() {
        ResponseEntity<Map<String, Object>> response = api().post().uri("/api/leads/import?partial=true").retrieve()
                .toEntity(JSON);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((String) response.getBody().get("detail")).contains("part named 'file'");
    }

    @Test
    void aFormWithoutTheFilePartIsABadRequestNamingIt() {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("campaignId", "3");

        ResponseEntity<Map<String, Object>> response = api().post().uri("/api/leads/import")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve().toEntity(JSON);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) response.getBody().get("detail")).contains("'file'");
    }

    private ResponseEntity<Map<String, Object>> importCsv(String query, String csv) {
        return api().post().uri("/api/leads/import" + query).contentType(MediaType.parseMediaType("text/csv"))
                .body(csv.getBytes(StandardCharsets.UTF_8)).retrieve().toEntity(JSON);
    }

    private ResponseEntity<Map<String, Object>> upload(byte[] file) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return "leads.csv";
            }
        });
        return api().post().uri("/api/leads/import").contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve()
                .toEntity(JSON);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(ResponseEntity<Map<String, Object>> response) {
        return (List<Map<String, Object>>) response.getBody().get("errors");
    }

    private int leadsOf(long campaign) {
        return jdbc.sql("SELECT count(*) FROM campaign_leads WHERE campaign_id = ?").param(campaign)
                .query(Integer.class).single();
    }

    private long campaign() {
        return jdbc.sql("INSERT INTO campaigns (name) VALUES (?) RETURNING id").param("import " + java.util.UUID.randomUUID())
                .query(Long.class).single();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
