package dev.vaani.conversation.qualification;

import java.util.Locale;
import java.util.Optional;

/** Why the lead buys; {@link #code()} is stored. */
public enum Purpose {
    SELF_USE("for your own use"),
    INVESTMENT("as an investment"),
    BOTH("for own use and investment");

    private final String label;

    Purpose(String label) {
        this.label = label;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
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
