package dev.vaani.crm;

import java.util.List;

/**
 * A CSV checked before anything is saved. Every row is counted once: {@code rows = leads + notes + errors}.
 *
 * @param rows   data rows in the file (the header not counted)
 * @param leads  leads the good rows make (rows with the same phone count once)
 * @param errors one per bad row: where it is in the file and why
 * @param notes  one per good row merged into an earlier row with the same phone
 * @param warnings       good rows imported without a bad optional cell (an invalid email), one per cell
 * @param ignoredColumns headers of the columns nothing is read from (no lead field of that name, or a second column
 *                       for a field already read)
 */
public record ImportCheck(int rows, int leads, List<ImportResult.RowError> errors, List<ImportResult.RowNote> notes,
                          List<ImportResult.RowNote> warnings, List<String> ignoredColumns)
        implements java.io.Serializable {
}
