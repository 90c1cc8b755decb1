package dev.vaani.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers in logs show only the country code and the last four digits: +91XXXXXX3210. A package of its own,
 * below every capability, so any of them (conversation included) can mask without depending on the CRM.
 */
public final class PhoneMask {

    /** 10 or more digits, optionally led by + and split by spaces, dots or dashes: a phone number in text. */
    private static final Pattern PHONE_IN_TEXT = Pattern.compile("\\+?\\d(?:[ .-]?\\d){9,}");

    private PhoneMask() {
    }

    /** One number, as the CRM stores it. */
    public static String mask(String phone) {
        if (phone == null || phone.isBlank()) {
            return "";
        }
        String digits = phone.strip();
        int keepEnd = Math.min(4, Math.max(0, digits.length() - 4));
        int keepStart = digits.startsWith("+") ? Math.min(3, digits.length() - keepEnd) : 0;
        StringBuilder masked = new StringBuilder(digits.substring(0, keepStart));
        masked.append("X".repeat(Math.max(0, digits.length() - keepStart - keepEnd)));
        return masked.append(digits.substring(digits.length() - keepEnd)).toString();
    }

    /**
     * A value that is a phone number and nothing else (+919876543210, 09876543210, "+91 98765 43210"), masked; any
     * other value as it is. For fields whose meaning is not known (a carrier's callback), where {@link #maskIn} would
     * also mask the digits of a date such as "2026-12-06 12:00:00".
     */
    public static String maskIfNumber(String value) {
        return value != null && PHONE_IN_TEXT.matcher(value.strip()).matches()
                ? mask(value.strip().replaceAll("[ .-]", "")) : value;
    }

    /** Free text (tool arguments, what a caller said) with every phone-like number in it masked. */
    public static String maskIn(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = PHONE_IN_TEXT.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(mask(matcher.group().replaceAll("[ .-]", ""))));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
