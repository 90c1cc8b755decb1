package dev.vaani.crm;

import java.util.List;

/**
 * A CSV checked before anything is saved.
 *
 * @param rows   data rows in the file (the header not counted)
 * @param leads  leads the good rows make (rows with the same phone count once)
 * @param errors one per bad row: its line number in the file and why
 */
public record ImportCheck(int rows, int leads, List<ImportResult.RowError> errors) implements java.io.Serializable {
}
