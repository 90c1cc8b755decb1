package dev.vaani.conversation.qualification;

import java.util.Locale;
import java.util.Optional;

/** What kind of property the lead wants; {@link #code()} is what collected_data stores. */
public enum PropertyType {
    APARTMENT("apartment"),
    VILLA("villa"),
    INDEPENDENT_HOUSE("independent house"),
    /* One floor of a low-rise a builder puts up on a plot, sold floor by floor: Delhi NCR's third kind of home,
       bought and priced apart from society apartments and whole houses. */
    BUILDER_FLOOR("builder floor"),
    PENTHOUSE("penthouse"),
    STUDIO("studio apartment"),
    PLOT("plot"),
    COMMERCIAL("commercial space");

    private final String label;

    PropertyType(String label) {
        this.label = label;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How the agent says it: "apartment", "independent house". */
    public String label() {
        return label;
    }

    public static Optional<PropertyType> fromCode(String code) {
        for (PropertyType type : values()) {
            if (type.code().equalsIgnoreCase(code.trim().replace(' ', '_'))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
