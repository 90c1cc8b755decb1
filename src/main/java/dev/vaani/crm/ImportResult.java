package dev.vaani.crm;

import java.util.List;

/**
 * What a CSV import did.
 *
 * @param created  new leads
 * @param merged   rows matching a lead in the database or an earlier row of the file (empty fields filled in)
 * @param skipped  bad rows not imported
 * @param imported false when all-or-nothing refused the file because of bad rows
 * @param errors   one per bad row: where it is in the file and why
 * @param notes    rows imported in a way the broker should know of: one per row merged into an earlier row
 * @param warnings rows imported without a bad optional cell (an invalid email), one per cell
 * @param ignoredColumns headers of the columns nothing was read from
 */
public record ImportResult(int created, int merged, int skipped, boolean imported, List<RowError> errors,
                           List<RowNote> notes, List<RowNote> warnings, List<String> ignoredColumns) {

    /**
     * A bad row.
     *
     * @param row    its line in the file (the header is line 1; a line break inside a quoted cell counts)
     * @param column the cell's column as a spreadsheet shows it and its header, e.g. "B (Mobile)"
     * @param reason what is wrong; a phone in it is masked
     */
    public record RowError(int row, String column, String reason) implements java.io.Serializable {
    }

    /** A row imported, but not as a lead of its own; same fields as {@link RowError}. */
    public record RowNote(int row, String column, String note) implements java.io.Serializable {
    }
}
