package dev.vaani.conversation.qualification;

import java.util.Optional;

/** A property type with the bedroom count when the caller gave one ("2 BHK apartment", "2.5 BHK flat"). */
public record PropertyRequirement(PropertyType type, Optional<Bedrooms> bedrooms) {

    public PropertyRequirement {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        bedrooms = bedrooms == null ? Optional.empty() : bedrooms;
    }

    public static PropertyRequirement of(PropertyType type) {
        return new PropertyRequirement(type, Optional.empty());
    }

    public static PropertyRequirement of(PropertyType type, Bedrooms bedrooms) {
        return new PropertyRequirement(type, Optional.of(bedrooms));
    }

    /** "2 BHK apartment", "villa", "2.5 BHK villa": as written for the sales team. */
    public String label() {
        return describe(type, bedrooms.map(Bedrooms::digits).orElse(null));
    }

    /** @param bedrooms the count as it should read ("2.5" written, "two and a half" spoken), or null */
    public static String describe(PropertyType type, String bedrooms) {
        return bedrooms == null || type == PropertyType.PLOT || type == PropertyType.COMMERCIAL
                ? type.label()
                : bedrooms + " BHK " + type.label();
    }
}
