package dev.vaani.crm;

import dev.vaani.phone.PhoneNumbers;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports leads from CSV (comma, semicolon or tab separated, see {@link CsvUploads}). Headers are matched by common aliases; phones are normalised to E.164; a phone seen
 * before (in the file or the database) merges into that lead, filling empty fields without overwriting. By default
 * a file with any bad row imports nothing; with partial the good rows go in and the bad ones are reported. Free text
 * with control characters (line breaks, tabs) is a bad row. A cell our export neutralised ({@code '=…}) comes back
 * as it was.
 */
@Service
public class LeadImport {

    private static final Map<String, String> ALIASES = new LinkedHashMap<>();
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    static {
        aliases("name", "name", "full name", "fullname", "lead name", "customer name");
        aliases("phone", "phone", "mobile", "contact", "phone number", "mobile number", "contact number", "number", "phone_number");
        aliases("email", "email", "e-mail", "email address");
        aliases("property_type", "property_type", "property type", "propertytype", "property");
        aliases("location", "location", "locality", "city", "area");
        aliases("budget", "budget");
        aliases("source", "source", "lead source");
    }

    private static void aliases(String field, String... names) {
        for (String name : names) {
            ALIASES.put(name, field);
        }
    }

    private final JdbcClient jdbc;

    public LeadImport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Checks a file without saving anything: how many rows it has, how many leads they make, and each bad row.
     *
     * @throws IllegalArgumentException when the file as a whole is unusable (no header, no phone column)
     */
    public ImportCheck check(String csv) {
        Checked checked = validate(csv);
        return new ImportCheck(checked.rows(), checked.byPhone().size(), checked.errors());
    }

    /** @throws IllegalArgumentException when the file as a whole is unusable (no header, no phone column) */
    @Transactional
    public ImportResult importCsv(String csv, Long campaignId, boolean partial) {
        Checked checked = validate(csv);
        List<ImportResult.RowError> errors = checked.errors();
        if (!errors.isEmpty() && !partial) {
            return new ImportResult(0, 0, errors.size(), false, errors);
        }
        int created = 0;
        int merged = checked.mergedInFile();
        for (Map<String, String> lead : checked.byPhone().values()) {
            Map<String, Object> result = upsert(lead);
            if ((Boolean) result.get("inserted")) {
                created++;
            } else {
                merged++;
            }
            if (campaignId != null) {
                jdbc.sql("INSERT INTO campaign_leads (campaign_id, lead_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .params(campaignId, result.get("id")).update();
            }
        }
        return new ImportResult(created, merged, errors.size(), true, errors);
    }

    /** The file's good rows by E.164 phone (rows with the same phone merged), and its bad rows. */
    private record Checked(int rows, Map<String, Map<String, String>> byPhone, int mergedInFile,
                           List<ImportResult.RowError> errors) {
    }

    private static Checked validate(String csv) {
        List<Row> rows = parse(csv);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("The CSV is empty; expected a header row such as name,phone,email");
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> header = rows.getFirst().fields();
        for (int i = 0; i < header.size(); i++) {
            String field = ALIASES.get(header.get(i).strip().toLowerCase(Locale.ROOT).replace('-', ' ').replaceAll("\\s+", " "));
            if (field != null) {
                columns.putIfAbsent(field, i);
            }
        }
        if (!columns.containsKey("phone")) {
            throw new IllegalArgumentException("No phone column; name one of: phone, mobile, contact");
        }
        List<ImportResult.RowError> errors = new ArrayList<>();
        Map<String, Map<String, String>> byPhone = new LinkedHashMap<>();
        int mergedInFile = 0;
        for (Row row : rows.subList(1, rows.size())) {
            Map<String, String> values = new LinkedHashMap<>();
            columns.forEach((field, index) -> values.put(field, CsvCells.restore(row.get(index))));
            String withControl = values.entrySet().stream().filter(e -> CsvCells.hasControlCharacter(e.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (withControl != null) {
                errors.add(new ImportResult.RowError(row.line(), withControl
                        + " contains a control character (line break, tab or similar)"));
                continue;
            }
            String rawPhone = values.get("phone");
            if (rawPhone.isEmpty()) {
                errors.add(new ImportResult.RowError(row.line(), "phone is missing"));
                continue;
            }
            var phone = PhoneNumbers.toE164(rawPhone);
            if (phone.isEmpty()) {
                errors.add(new ImportResult.RowError(row.line(), "phone is not a valid number: " + PhoneMasking.mask(rawPhone)));
                continue;
            }
            String email = values.getOrDefault("email", "");
            if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
                errors.add(new ImportResult.RowError(row.line(), "email is not valid: " + email));
                continue;
            }
            values.put("phone", phone.get());
            Map<String, String> earlier = byPhone.get(phone.get());
            if (earlier == null) {
                byPhone.put(phone.get(), values);
            } else {
                values.forEach((k, v) -> earlier.merge(k, v, (old, now) -> old.isEmpty() ? now : old));
                mergedInFile++;
            }
        }
        return new Checked(rows.size() - 1, byPhone, mergedInFile, List.copyOf(errors));
    }

    /** Insert, or fill the existing lead's empty fields; xmax = 0 tells an insert from an update in PostgreSQL. */
    private Map<String, Object> upsert(Map<String, String> lead) {
        return jdbc.sql("""
                INSERT INTO leads (name, phone, email, property_type, location, budget, source)
                VALUES (:name, :phone, :email, :property_type, :location, :budget, :source)
                ON CONFLICT (company, phone) DO UPDATE SET
                  name = COALESCE(NULLIF(leads.name, ''), EXCLUDED.name),
                  email = COALESCE(NULLIF(leads.email, ''), EXCLUDED.email),
                  property_type = COALESCE(NULLIF(leads.property_type, ''), EXCLUDED.property_type),
                  location = COALESCE(NULLIF(leads.location, ''), EXCLUDED.location),
                  budget = COALESCE(NULLIF(leads.budget, ''), EXCLUDED.budget),
                  source = COALESCE(NULLIF(leads.source, ''), EXCLUDED.source),
                  updated_at = now()
                RETURNING id, (xmax = 0) AS inserted""")
                .param("name", blankToNull(lead.get("name"))).param("phone", lead.get("phone"))
                .param("email", blankToNull(lead.get("email"))).param("property_type", blankToNull(lead.get("property_type")))
                .param("location", blankToNull(lead.get("location"))).param("budget", blankToNull(lead.get("budget")))
                .param("source", blankToNull(lead.get("source"))).query().singleRow();
    }

    /** One CSV record and the line of the file it starts on. */
    private record Row(int line, List<String> fields) {
        String get(int index) {
            return index >= 0 && index < fields.size() ? fields.get(index).strip() : "";
        }
    }

    /** Records with their starting line numbers (line breaks inside quoted cells count); blank lines dropped. */
    private static List<Row> parse(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CsvUploads.formatOf(body).parse(new StringReader(body))) {
            long linesBefore = 0;
            for (CSVRecord record : parser) {
                int line = (int) linesBefore + 1;
                linesBefore = parser.getCurrentLineNumber();
                List<String> fields = record.toList();
                if (!(fields.size() == 1 && fields.getFirst().isBlank())) {
                    rows.add(new Row(line, fields));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("The CSV cannot be read: " + e.getMessage());
        }
        return rows;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
