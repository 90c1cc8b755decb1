package dev.vaani.crm;

import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;

/**
 * The one CSV dialect Vaani reads and writes (RFC 4180, CRLF, via Commons CSV), and what makes a cell safe to open
 * in a spreadsheet.
 */
public final class CsvCells {

    /** RFC 4180 with CRLF records; a quote left open at the end of the file is read as closed there. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n")
            .setLenientEof(true).setTrailingData(true).get();

    /**
     * A plain number (42, -12.5): a spreadsheet reads it as a number, never a formula, and as the number it is. Not
     * one led by +: that is a phone number (+919876543210), which Excel and LibreOffice would read as the number
     * 919876543210, losing its + (shown as 9.19877E+11, and written so when the file is saved again), quoted or not.
     */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    /** Characters that, first in a cell, make spreadsheets evaluate or reinterpret it (OWASP CSV injection). */
    private static final String TRIGGERS = "=+-@\t\r\n";
    /** Control characters: C0 (line breaks and tab among them), DEL and C1. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private CsvCells() {
    }

    /**
     * The cell as written to an export: a leading {@code '} when, after any leading spaces, it starts with
     * {@code = + - @}, a tab, CR or LF, unless it is a plain number. So a phone number is written '+919876543210: text
     * to a spreadsheet, + and all (the ' shows), and imported back as +919876543210 ({@link #restore}).
     */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty() || PLAIN_NUMBER.matcher(value).matches()) {
            return value;
        }
        int first = 0;
        while (first < value.length() && (value.charAt(first) == ' ' || value.charAt(first) == '\u00A0')) {
            first++;
        }
        return first < value.length() && TRIGGERS.indexOf(value.charAt(first)) >= 0 ? "'" + value : value;
    }

    /** Undoes {@link #neutralise} on import, so an exported file imports back to the same values. */
    public static String restore(String value) {
        if (value != null && value.length() > 1 && value.charAt(0) == '\'' && !neutralise(value.substring(1))
                .equals(value.substring(1))) {
            return value.substring(1);
        }
        return value;
    }

    /** Whether free text holds a control character (CR, LF, tab, other C0 or C1), which we refuse. */
    public static boolean hasControlCharacter(String value) {
        return value != null && CONTROL.matcher(value).find();
    }
}
