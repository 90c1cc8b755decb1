package dev.vaani.conversation.qualification;

import java.util.Locale;
import java.util.Optional;

/** When the lead plans to buy, in the buckets sales teams sort by; {@link #code()} is stored. */
public enum Timeline {
    IMMEDIATE("immediately"),
    WITHIN_3_MONTHS("within 3 months"),
    WITHIN_6_MONTHS("within 6 months"),
    WITHIN_YEAR("within a year"),
    LATER("after a year or more"),
    JUST_EXPLORING("just exploring");

    private final String label;

    Timeline(String label) {
        this.label = label;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    /** The bucket for "within N months". */
    public static Timeline withinMonths(int months) {
        if (months <= 1) {
            return IMMEDIATE;
        }
        if (months <= 3) {
            return WITHIN_3_MONTHS;
        }
        if (months <= 6) {
            return WITHIN_6_MONTHS;
        }
        return months <= 12 ? WITHIN_YEAR : LATER;
    }

    public static Optional<Timeline> fromCode(String code) {
        for (Timeline t : values()) {
            if (t.code().equalsIgnoreCase(code.trim().replace(' ', '_'))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
