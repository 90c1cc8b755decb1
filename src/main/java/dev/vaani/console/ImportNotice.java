package dev.vaani.console;

import dev.vaani.crm.ImportResult;

/**
 * What the campaign page says after an import, every row accounted for: a row of a lead already known only fills that
 * lead's empty fields (its name and details stay), and a row merged into an earlier row of the same file is no lead of
 * its own. The result counts both as merged; the broker needs them apart.
 */
final class ImportNotice {

    private ImportNotice() {
    }

    static String of(ImportResult result) {
        int intoEarlierRows = result.notes().size();
        int alreadyKnown = result.merged() - intoEarlierRows;
        StringBuilder notice = new StringBuilder("Imported: " + result.created() + " new lead(s)");
        if (alreadyKnown > 0) {
            notice.append(", ").append(alreadyKnown)
                    .append(" already known (only their empty fields filled in; their names and details kept)");
        }
        if (intoEarlierRows > 0) {
            notice.append(", ").append(intoEarlierRows).append(" row(s) merged into an earlier row of the file");
        }
        if (result.skipped() > 0) {
            notice.append(", ").append(result.skipped()).append(" bad row(s) skipped");
        }
        return notice.append('.').toString();
    }
}
