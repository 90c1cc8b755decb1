package dev.vaani.crm;

/** Phone numbers in logs show only the country code and the last four digits: +91XXXXXX3210. */
public final class PhoneMasking {

    private PhoneMasking() {
    }

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
}
