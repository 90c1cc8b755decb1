package dev.vaani.crm;

import dev.vaani.phone.PhoneNumbers;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports leads from CSV (comma, semicolon or tab separated, see {@link CsvUploads}). Headers are matched by common
 * aliases; phones are normalised to E.164 and must be numbers Vaani may call ({@link PhoneNumbers}); a phone seen
 * before (in the file or the database) merges into that lead, filling empty fields without overwriting, and a row
 * merged into an earlier row of the file is noted so every row is accounted for. A known place is stored under the
 * name calls store it by ("मुंबई" → "Mumbai", {@link PlaceNames}). By default
 * a file with any bad row imports nothing; with partial the good rows go in and the bad ones are reported. Free text
 * with control characters (line breaks, tabs) is a bad row. A cell our export neutralised ({@code '=…}) comes back
 * as it was.
 */
@Service
public class LeadImport {

    private static final Map<String, String> ALIASES = new LinkedHashMap<>();
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** A phone cell a spreadsheet kept as a number writes a decimal: 9876500070.0 is 9876500070. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("^(\\+?\\d{6,15})\\.0+$");
    /** A long number a spreadsheet shows as 9.87654E+09: the text it exports has lost the other digits. */
    private static final Pattern SCIENTIFIC = Pattern.compile("^[+-]?\\d+(?:[.,]\\d+)?[eE][+-]?\\d+$");

    /** Words a header may end with that say no more than the word before them: "Mobile No.", "Phone Number". */
    private static final Pattern NUMBER_SUFFIX = Pattern.compile(" (no|nos|number|num|nr|nbr|नंबर|नम्बर|नं)$");
    /** What spreadsheets and people put between or around header words; a Devanagari nukta (फ़ोन is फोन). */
    private static final Pattern HEADER_PUNCTUATION = Pattern.compile("[._\\-#:/()\\[\\]*]+");

    static {
        aliases("name", "name", "full name", "fullname", "lead name", "customer name", "client name", "contact name",
                "नाम", "पूरा नाम", "ग्राहक का नाम");
        aliases("phone", "phone", "mobile", "contact", "number", "mob", "cell", "cell phone", "telephone", "tel",
                "whatsapp", "whats app", "mobile phone", "मोबाइल", "फोन", "संपर्क");
        aliases("email", "email", "e mail", "email address", "e mail address", "mail", "mail id", "email id", "ईमेल");
        aliases("property_type", "property type", "propertytype", "property", "configuration", "config");
        aliases("location", "location", "locality", "city", "area", "शहर", "क्षेत्र");
        aliases("budget", "budget", "बजट");
        aliases("source", "source", "lead source");
    }

    private static void aliases(String field, String... names) {
        for (String name : names) {
            ALIASES.put(header(name), field);
        }
    }

    /**
     * A header as it is matched: case, punctuation, extra spaces and a trailing "no"/"number" do not count, so
     * "Mobile No.", "MOBILE_NUMBER" and " mobile " are all "mobile".
     */
    private static String header(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFD).replace("\u093C", "");
        text = HEADER_PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").replaceAll("(?U)\\s+", " ").strip();
        String shorter = NUMBER_SUFFIX.matcher(text).replaceFirst("");
        return shorter.isEmpty() ? text : shorter;
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Suppressions suppressions;

    public LeadImport(JdbcClient jdbc, ApplicationEventPublisher events, Suppressions suppressions) {
        this.jdbc = jdbc;
        this.events = events;
        this.suppressions = suppressions;
    }

    /**
     * Why a cell with a control character is refused. A quote opened in a cell and never closed (the file has an odd
     * number of quotes) takes the rest of the file into that cell, which the reader closes at the end: the last row's
     * cell, whose lines after it were never read as rows.
     */
    private static String controlCharacterIn(String field, boolean holdsTheUnclosedQuote) {
        return holdsTheUnclosedQuote ? field + " runs to the end of the file: a quote (\") opened in it is never "
                + "closed, so the lines after it were read into this cell; remove the stray quote or close it"
                : field + " contains a control character (line break, tab or similar)";
    }

    /**
     * Checks a file without saving anything: how many rows it has, how many leads they make, each bad row, and each
     * row merged into an earlier one.
     *
     * @throws IllegalArgumentException when the file as a whole is unusable (no header, no phone column)
     */
    public ImportCheck check(String csv) {
        Checked checked = validate(csv, suppressions.snapshot());
        return new ImportCheck(checked.rows(), checked.byPhone().size(), checked.errors(), checked.notes(),
                checked.warnings(), checked.ignoredColumns());
    }

    /** @throws IllegalArgumentException when the file as a whole is unusable (no header, no phone column) */
    @Transactional
    public ImportResult importCsv(String csv, Long campaignId, boolean partial) {
        suppressions.awaitErasures(); // the suppressed numbers read next stay true until these rows are stored
        Checked checked = validate(csv, suppressions.snapshot());
        List<ImportResult.RowError> errors = checked.errors();
        if (!errors.isEmpty() && !partial) {
            return new ImportResult(0, 0, errors.size(), false, errors, checked.notes(), checked.warnings(),
                    checked.ignoredColumns());
        }
        int created = 0;
        int merged = checked.notes().size();
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
        if (campaignId != null) {
            events.publishEvent(new LeadsAttached(campaignId)); // a running campaign queues the new leads
        }
        return new ImportResult(created, merged, errors.size(), true, errors, checked.notes(), checked.warnings(),
                checked.ignoredColumns());
    }

    /**
     * The file's good rows by E.164 phone, its bad rows, a note for each good row merged into an earlier one
     * with the same phone, a warning for each optional cell left out, and the columns not read.
     */
    private record Checked(int rows, Map<String, Map<String, String>> byPhone, List<ImportResult.RowError> errors,
                           List<ImportResult.RowNote> notes, List<ImportResult.RowNote> warnings,
                           List<String> ignoredColumns) {
    }

    /** {@code suppressed}: numbers of erased leads, refused as bad rows whose reason does not repeat the number. */
    private static Checked validate(String csv, java.util.function.Predicate<String> suppressed) {
        List<Row> rows = parse(csv);
        boolean unclosedQuote = csv.chars().filter(c -> c == '"').count() % 2 == 1; // "" inside a cell counts two
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("The CSV is empty; expected a header row such as name,phone,email");
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> ignoredColumns = new ArrayList<>();
        List<String> header = rows.getFirst().fields();
        for (int i = 0; i < header.size(); i++) {
            String field = ALIASES.get(header(header.get(i)));
            if (field != null && !columns.containsKey(field)) {
                columns.put(field, i);
            } else if (!header.get(i).isBlank()) { // a blank header is most often a spreadsheet's trailing empty column
                ignoredColumns.add(header.get(i).strip());
            }
        }
        if (!columns.containsKey("phone")) {
            String found = String.join(", ", header.stream().map(String::strip).toList());
            throw new IllegalArgumentException("No phone column; name one of: phone, mobile, contact, WhatsApp, मोबाइल"
                    + " (found: " + PhoneMasking.maskIn(found) + ")"); // a file without its header row has a phone here
        }
        if (rows.size() == 1) {
            throw new IllegalArgumentException("The file has no rows under its header; add one lead per line");
        }
        Map<String, String> columnNames = new LinkedHashMap<>();
        columns.forEach((field, index) -> columnNames.put(field, columnName(index, header.get(index))));
        String phoneColumn = columnNames.get("phone");
        List<ImportResult.RowError> errors = new ArrayList<>();
        List<ImportResult.RowNote> notes = new ArrayList<>();
        List<ImportResult.RowNote> warnings = new ArrayList<>();
        Map<String, Map<String, String>> byPhone = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        for (Row row : rows.subList(1, rows.size())) {
            Map<String, String> values = new LinkedHashMap<>();
            columns.forEach((field, index) -> values.put(field, CsvCells.restore(row.get(index))));
            String withControl = values.entrySet().stream().filter(e -> CsvCells.hasControlCharacter(e.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (withControl != null) {
                errors.add(new ImportResult.RowError(row.line(), columnNames.get(withControl),
                        controlCharacterIn(withControl, row == rows.getLast() && unclosedQuote)));
                continue;
            }
            String rawPhone = values.get("phone");
            if (SCIENTIFIC.matcher(rawPhone).matches()) { // its digits are gone: masking it would show nothing useful
                errors.add(new ImportResult.RowError(row.line(), phoneColumn, "the spreadsheet turned this number into "
                        + "scientific notation and lost digits; format the phone column as Text and export again"));
                continue;
            }
            String phone;
            switch (PhoneNumbers.parse(WHOLE_NUMBER.matcher(rawPhone).replaceFirst("$1"))) {
                case PhoneNumbers.Accepted(String e164) -> phone = e164;
                case PhoneNumbers.Refused(String reason) -> {
                    errors.add(new ImportResult.RowError(row.line(), phoneColumn,
                            rawPhone.isEmpty() ? reason : reason + ": " + PhoneMasking.mask(rawPhone)));
                    continue;
                }
            }
            if (suppressed.test(phone)) {
                errors.add(new ImportResult.RowError(row.line(), phoneColumn, Suppressions.REASON));
                continue;
            }
            String email = values.getOrDefault("email", "");
            if (!email.isEmpty() && !EMAIL.matcher(email).matches()) { // optional: the lead is still worth calling
                warnings.add(new ImportResult.RowNote(row.line(), columnNames.get("email"),
                        "email is not valid, imported without it: " + PhoneMasking.maskIn(email)));
                values.put("email", "");
            }
            values.put("phone", phone);
            Map<String, String> earlier = byPhone.get(phone);
            if (earlier == null) {
                byPhone.put(phone, values);
                lineOf.put(phone, row.line());
            } else {
                values.forEach((k, v) -> earlier.merge(k, v, (old, now) -> old.isEmpty() ? now : old));
                notes.add(new ImportResult.RowNote(row.line(), phoneColumn, "same phone as line " + lineOf.get(phone)
                        + "; merged into that row (its empty cells filled from this one)"));
            }
        }
        return new Checked(rows.size() - 1, byPhone, List.copyOf(errors), List.copyOf(notes), List.copyOf(warnings),
                List.copyOf(ignoredColumns));
    }

    /** A column as a spreadsheet shows it, with the file's header: "B (Mobile)". */
    private static String columnName(int index, String header) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return header.isBlank() ? letters.toString() : letters + " (" + header.strip() + ")";
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
                .param("location", blankToNull(PlaceNames.canonical(lead.get("location"))))
                .param("budget", blankToNull(lead.get("budget")))
                .param("source", blankToNull(lead.get("source"))).query().singleRow();
    }

    /** One CSV record and the line of the file it starts on. */
    private record Row(int line, List<String> fields) {
        String get(int index) {
            return index >= 0 && index < fields.size() ? fields.get(index).strip() : "";
        }
    }

    /**
     * Records with their starting line numbers (line breaks inside quoted cells count); blank lines dropped, and so are
     * rows of empty cells (",,,,"), which Excel writes for cells once edited and cleared below or above the data.
     */
    private static List<Row> parse(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CsvUploads.formatOf(body).parse(new StringReader(body))) {
            long linesBefore = 0;
            for (CSVRecord record : parser) {
                int line = (int) linesBefore + 1;
                linesBefore = parser.getCurrentLineNumber();
                List<String> fields = record.toList();
                if (!fields.stream().allMatch(String::isBlank)) {
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
