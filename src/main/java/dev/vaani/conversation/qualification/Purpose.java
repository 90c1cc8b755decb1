package dev.vaani.conversation.qualification;

import java.util.Locale;
import java.util.Optional;

/**
 * Why the lead buys; {@link #code()} is stored. It has two labels because it is said to two people: {@link #label()}
 * to the caller ("for your own use"), {@link #summaryLabel()} to the broker about the caller ("for their own use").
 */
public enum Purpose {
    SELF_USE("for your own use", "for their own use"),
    INVESTMENT("as an investment", "as an investment"),
    BOTH("for own use and investment", "for their own use and as an investment");

    private final String label;
    private final String summaryLabel;

    Purpose(String label, String summaryLabel) {
        this.label = label;
        this.summaryLabel = summaryLabel;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As the agent says it to the caller, in the second person. */
    public String label() {
        return label;
    }

    /** As the call summary tells the broker, in the third person. */
    public String summaryLabel() {
        return summaryLabel;
    }

    public static Optional<Purpose> fromCode(String code) {
        for (Purpose p : values()) {
            if (p.code().equalsIgnoreCase(code.trim().replace(' ', '_').replace('-', '_'))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
