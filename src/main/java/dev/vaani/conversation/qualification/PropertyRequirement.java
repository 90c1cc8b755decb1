package dev.vaani.conversation.qualification;

import java.util.OptionalInt;

/** A property type with the bedroom count when the caller gave one ("2 BHK apartment"). */
public record PropertyRequirement(PropertyType type, OptionalInt bedrooms) {

    public PropertyRequirement {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        bedrooms = bedrooms == null ? OptionalInt.empty() : bedrooms;
    }

    public static PropertyRequirement of(PropertyType type) {
        return new PropertyRequirement(type, OptionalInt.empty());
    }

    public static PropertyRequirement of(PropertyType type, int bedrooms) {
        return new PropertyRequirement(type, OptionalInt.of(bedrooms));
    }

    /** "2 BHK apartment", "villa", "3 BHK villa". */
    public String label() {
        return describe(type, bedrooms.isPresent() ? bedrooms.getAsInt() : null);
    }

    public static String describe(PropertyType type, Integer bedrooms) {
        return bedrooms == null || type == PropertyType.PLOT || type == PropertyType.COMMERCIAL
                ? type.label()
                : bedrooms + " BHK " + type.label();
    }
}
