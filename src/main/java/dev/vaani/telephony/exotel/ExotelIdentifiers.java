package dev.vaani.telephony.exotel;

import java.util.regex.Pattern;

/**
 * What we take from Exotel as an identifier (call sid, stream sid, account sid) or as a phone number, checked where
 * it comes in, before it is stored (PostgreSQL, Redis) or logged. Exotel's sids are 32 hex characters, its docs'
 * placeholders "CAxxxx…"/"MZxxxx…", our own fall-back "local-&lt;uuid&gt;": all fit with room to spare. What does
 * not fit comes from a sender that is buggy or not Exotel, even with the right secret: a line break would forge a
 * log line, and an unbounded value would be stored and logged whole.
 */
final class ExotelIdentifiers {

    static final int MAX_LENGTH = 128;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    /**
     * "+919876543210", "09876543210", "+91 98765-43210", or a word for a withheld number ("anonymous"): E.164 has at
     * most 15 digits, so 32 characters leave room for any formatting.
     */
    private static final Pattern PHONE_NUMBER = Pattern.compile("[A-Za-z0-9+() .-]{1,32}");

    private ExotelIdentifiers() {
    }

    /** Letters, digits and {@code -_.:}, 1 to {@value #MAX_LENGTH} characters. */
    static boolean isIdentifier(String value) {
        return value != null && IDENTIFIER.matcher(value).matches();
    }

    /** Digits with {@code +}, spaces, dots, dashes or brackets, or letters; 1 to 32 characters. */
    static boolean isPhoneNumber(String value) {
        return value != null && PHONE_NUMBER.matcher(value).matches();
    }
}
