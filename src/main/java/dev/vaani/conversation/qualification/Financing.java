package dev.vaani.conversation.qualification;

import java.util.Locale;
import java.util.Optional;

/** How the lead will pay; {@link #code()} is stored. */
public enum Financing {
    HOME_LOAN("with a home loan"),
    SELF_FUNDED("self-funded");

    private final String label;

    Financing(String label) {
        this.label = label;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public static Optional<Financing> fromCode(String code) {
        for (Financing f : values()) {
            if (f.code().equalsIgnoreCase(code.trim().replace(' ', '_').replace('-', '_'))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
