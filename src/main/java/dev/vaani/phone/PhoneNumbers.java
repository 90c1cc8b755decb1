package dev.vaani.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises what people type (09876 543210, 98765-43210, +91 98765 43210) to E.164, and accepts only numbers Vaani
 * may dial: Indian mobiles and landlines. Calls go out through Exotel India inside TRAI's hours in Indian time, so a
 * number of another country is refused rather than called at the wrong hour.
 *
 * <p>A number is digits, spaces and {@code + ( ) - .} (dashes and spaces of any kind, as spreadsheets paste them).
 * Letters are refused before libphonenumber sees them: it reads vanity letters as keypad digits (98450ABCDE would be
 * dialled as +919845022233). Extensions are refused too (their markers are letters or {@code #}): the dialer cannot
 * reach an extension, and dropping it would call the switchboard instead.
 */
public final class PhoneNumbers {

    /** The one region numbers are read in (a leading 0 or no prefix) and the only region that may be called. */
    public static final String REGION = "IN";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int COUNTRY_CODE = UTIL.getCountryCodeForRegion(REGION);
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    /** Any script's decimal digits (libphonenumber reads ९ as 9, not as a keypad letter), spaces, + ( ) . and dashes. */
    private static final Pattern NUMBER_CHARACTERS = Pattern.compile("[\\p{Nd}\\p{Zs}+().\\p{Pd}]+");
    private static final Set<PhoneNumberType> DIALLABLE = Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE);

    private PhoneNumbers() {
    }

    /** A phone as typed, read: either the number to dial or why it cannot be. */
    public sealed interface Parsed {
    }

    /** @param e164 the number in E.164, e.g. +919876543210 */
    public record Accepted(String e164) implements Parsed {
    }

    /** @param reason for the person who typed it, e.g. "phone contains letters"; never holds the number itself */
    public record Refused(String reason) implements Parsed {
    }

    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Refused("phone is missing");
        }
        String typed = text.strip();
        if (LETTER.matcher(typed).find()) {
            return new Refused("phone contains letters");
        }
        if (!NUMBER_CHARACTERS.matcher(typed).matches()) {
            return new Refused("phone contains a character other than digits, spaces and + ( ) - .");
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(typed, REGION);
        } catch (NumberParseException e) {
            return new Refused("phone is not a valid number");
        }
        if (number.getCountryCode() != COUNTRY_CODE) {
            return new Refused("only Indian (+" + COUNTRY_CODE + ") numbers can be called");
        }
        if (!UTIL.isValidNumberForRegion(number, REGION)) {
            return new Refused("phone is not a valid number");
        }
        PhoneNumberType type = UTIL.getNumberType(number);
        if (!DIALLABLE.contains(type)) {
            return new Refused("phone is a " + type.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " number, not a mobile or landline");
        }
        return new Accepted(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /** The E.164 form, or empty when the text is not a number Vaani may call ({@link #parse} says why). */
    public static Optional<String> toE164(String text) {
        return parse(text) instanceof Accepted(String e164) ? Optional.of(e164) : Optional.empty();
    }

    /**
     * A number as a call's record stores it: E.164 when it reads as one, however the carrier or the configuration
     * wrote it (08012345678, 918012345678), else as given; null stays null.
     */
    public static String e164OrAsIs(String text) {
        return text == null ? null : toE164(text).orElse(text);
    }
}
