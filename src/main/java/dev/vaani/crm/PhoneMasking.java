package dev.vaani.crm;

import dev.vaani.privacy.PhoneMask;

/** Phone numbers in logs show only the country code and the last four digits: +91XXXXXX3210 ({@link PhoneMask}). */
public final class PhoneMasking {

    private PhoneMasking() {
    }

    public static String mask(String phone) {
        return PhoneMask.mask(phone);
    }

    /** The text with every phone number in it masked. */
    public static String maskIn(String text) {
        return PhoneMask.maskIn(text);
    }
}
