package dev.vaani.crm;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;

/**
 * How to read a lead file as brokers save it: Excel's "CSV UTF-8" (with a byte order mark), "Unicode text" (UTF-16
 * with a mark, tab-separated), Windows Excel's plain "CSV (Comma delimited)" (Windows-1252) and, in locales that write
 * decimal commas, semicolon-separated CSV.
 */
public final class CsvUploads {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] UTF_8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF_16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF_16BE_BOM = {(byte) 0xFE, (byte) 0xFF};
    private static final String DELIMITERS = ",;\t";
    /** What Windows Excel writes a plain "CSV (Comma delimited)" in, in Western locales: not UTF-8. */
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CsvUploads() {
    }

    /**
     * The file's text: a byte order mark (UTF-8, UTF-16 LE or BE) decides the encoding, else the charset the
     * request declared, else UTF-16 when its zero bytes fall on one side of each pair, else UTF-8 when the bytes are
     * valid UTF-8, else Windows-1252. The mark itself is dropped.
     *
     * @throws IllegalArgumentException for an Excel workbook (.xlsx or .xls), which is no text at all
     */
    public static String decode(byte[] bytes, Charset declared) {
        if (startsWith(bytes, ZIP) || startsWith(bytes, OLE)) {
            throw new IllegalArgumentException("This is an Excel workbook; save it as CSV (UTF-8) and upload that");
        }
        if (startsWith(bytes, UTF_8_BOM)) {
            return decode(bytes, UTF_8_BOM.length, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, UTF_16LE_BOM)) {
            return decode(bytes, UTF_16LE_BOM.length, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, UTF_16BE_BOM)) {
            return decode(bytes, UTF_16BE_BOM.length, StandardCharsets.UTF_16BE);
        }
        String text = new String(bytes, declared != null ? declared : undeclaredCharset(bytes));
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Charset undeclaredCharset(byte[] bytes) {
        Charset utf16 = utf16ByItsZeros(bytes);
        if (utf16 != null && decodes(bytes, utf16)) {
            return utf16; // "Unicode text" whose mark was lost
        }
        return decodes(bytes, StandardCharsets.UTF_8) ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }

    /**
     * UTF-16 LE or BE by where its zero bytes fall, or null. Text in UTF-8 or Windows-1252 holds no zero byte; in
     * UTF-16 every digit, comma, tab and line end of a lead file has one, on the same side of its pair — low side
     * second in LE ('9', 0), first in BE — however much of the rest is Devanagari (U+0900-U+097F: no zero byte).
     */
    private static Charset utf16ByItsZeros(byte[] bytes) {
        if (bytes.length % 2 != 0) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                if (i % 2 == 0) {
                    evenZeros++;
                } else {
                    oddZeros++;
                }
            }
        }
        if (oddZeros > 0 && evenZeros * 10 <= oddZeros) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZeros > 0 && oddZeros * 10 <= evenZeros) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean decodes(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException malformed) {
            return false;
        }
    }

    /**
     * Vaani's CSV dialect ({@link CsvCells#FORMAT}) with the delimiter the header line (the first line that is not
     * blank) uses most of comma, semicolon and tab, outside quotes; comma when it has none, as a one-column file.
     */
    static CSVFormat formatOf(String text) {
        int[] counts = new int[DELIMITERS.length()];
        boolean quoted = false;
        boolean header = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (header) {
                    break;
                }
            } else if (!quoted && DELIMITERS.indexOf(c) >= 0) {
                counts[DELIMITERS.indexOf(c)]++;
                header = true;
            } else if (!Character.isWhitespace(c)) {
                header = true;
            }
        }
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return CsvCells.FORMAT.builder().setDelimiter(DELIMITERS.charAt(best)).get();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String decode(byte[] bytes, int from, Charset charset) {
        return new String(bytes, from, bytes.length - from, charset);
    }
}
