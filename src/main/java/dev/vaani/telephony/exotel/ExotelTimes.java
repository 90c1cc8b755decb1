package dev.vaani.telephony.exotel;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Exotel writes times as "YYYY-MM-DD HH:mm:ss" in the account's local time; Indian accounts are IST. */
final class ExotelTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId ACCOUNT_ZONE = ZoneId.of("Asia/Kolkata");

    private ExotelTimes() {
    }

    /** An instant as Exotel's filters expect it ("YYYY-MM-DD HH:mm:ss", account-local time). */
    static String format(Instant instant) {
        return FORMAT.format(instant.atZone(ACCOUNT_ZONE));
    }

    /** The instant, or null when absent, a placeholder ("1970-01-01 05:30:00") or unreadable. */
    static Instant parse(String text) {
        if (text == null || text.isBlank() || text.equals("null")) {
            return null;
        }
        try {
            Instant instant = LocalDateTime.parse(text.strip(), FORMAT).atZone(ACCOUNT_ZONE).toInstant();
            return instant.getEpochSecond() <= 0 ? null : instant;
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.strip()).toInstant();
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
