package dev.vaani.crm;

/** Phone numbers in logs show only the country code and the last four digits: +91XXXXXX3210. */
public final class PhoneMasking {

    private PhoneMasking() {
    }

    public static String mask(String phone) {
        if (phone == null || phone.isBlank()) {
            return "unknown";
        }
        String digits = phone.trim();
        if (digits.length() <= 4) {
            return "XXXX";
        }
        int keepStart = digits.startsWith("+91") ? 3 : digits.startsWith("+") ? Math.min(3, digits.length() - 4) : 0;
        StringBuilder masked = new StringBuilder(digits.substring(0, keepStart));
        for (int i = keepStart; i < digits.length() - 4; i++) {
            masked.append('X');
        }
        return masked.append(digits, digits.length() - 4, digits.length()).toString();
    }
}
