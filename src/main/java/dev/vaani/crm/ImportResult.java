package dev.vaani.crm;

import java.util.List;

/**
 * What a CSV import did.
 *
 * @param created  new leads
 * @param merged   rows matching a lead in the database or an earlier row of the file (empty fields filled in)
 * @param skipped  bad rows not imported
 * @param imported false when all-or-nothing refused the file because of bad rows
 * @param errors   one per bad row: its line number in the file and why
 */
public record ImportResult(int created, int merged, int skipped, boolean imported, List<RowError> errors) {

    public record RowError(int row, String reason) implements java.io.Serializable {
    }
}
