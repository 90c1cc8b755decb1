package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.crm.ImportResult;
import dev.vaani.crm.ImportResult.RowNote;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportNoticeTest {

    private static ImportResult imported(int created, int merged, int skipped, int mergedIntoEarlierRows) {
        List<RowNote> notes = java.util.stream.IntStream.range(0, mergedIntoEarlierRows)
                .mapToObj(i -> new RowNote(3 + i, "B (phone)", "same phone as line 2")).toList();
        return new ImportResult(created, merged, skipped, true, List.of(), notes, List.of(), List.of());
    }

    @Test
    void aRowMergedIntoAnEarlierRowOfTheFileIsNotSaidToBeAnExistingLead() {
        assertThat(ImportNotice.of(imported(3, 1, 0, 1)))
                .isEqualTo("Imported: 3 new lead(s), 1 row(s) merged into an earlier row of the file.");
    }

    @Test
    void aRowOfALeadAlreadyKnownSaysItsNameAndDetailsWereKept() {
        assertThat(ImportNotice.of(imported(0, 1, 0, 0))).isEqualTo(
                "Imported: 0 new lead(s), 1 already known (only their empty fields filled in; their names and details kept).");
    }

    @Test
    void eachKindOfRowIsCountedApart() {
        assertThat(ImportNotice.of(imported(2, 3, 1, 1))).isEqualTo("Imported: 2 new lead(s), 2 already known (only "
                + "their empty fields filled in; their names and details kept), 1 row(s) merged into an earlier row of "
                + "the file, 1 bad row(s) skipped.");
    }
}
