package dev.vaani.privacy;

/**
 * Text a caller or a carrier chose, as a log line or an error message may show it: one line of printable ASCII
 * (a line break in it would let the sender write a log line of its own), cut to a bound (a 200 KB value would be a
 * 200 KB log line), and with every phone number in it masked ({@link PhoneMask}).
 */
public final class UntrustedText {

    private UntrustedText() {
    }

    /**
     * The text in single quotes, escaped as {@link #escaped} does: {@code 'foo'}, {@code 'a\nb'},
     * {@code 'xxxxx…' (200000 characters)}; {@code null} for null.
     */
    public static String quoted(String text, int max) {
        if (text == null) {
            return "null";
        }
        String shown = "'" + escaped(text, max) + "'";
        return text.length() > max ? shown + " (" + text.length() + " characters)" : shown;
    }

    /**
     * The first {@code max} characters with phone numbers masked, control and non-ASCII characters as {@code \n},
     * {@code \t}, {@code \u2028}..., backslash and quote escaped (so what is shown can be read back unambiguously),
     * and {@code …} when something was cut; empty for null.
     */
    public static String escaped(String text, int max) {
        if (text == null) {
            return "";
        }
        // masked whole: cutting first could leave the start of a number unmasked
        String masked = PhoneMask.maskIn(text);
        int shown = Math.min(masked.length(), max);
        StringBuilder out = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = masked.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return masked.length() > max ? out.append('…').toString() : out.toString();
    }
}
