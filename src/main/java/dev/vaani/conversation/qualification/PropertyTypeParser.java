package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Map.entry;

/**
 * Reads the property type and BHK: "2BHK", "two bhk", "3 bedroom flat", "teen BHK chahiye", "a villa", "office space",
 * "1RK", "2.5 BHK", "two and a half BHK", "ढाई बीएचके", "builder floor". A bedroom count without a type ("2BHK") is an apartment:
 * that is what Indian buyers mean by it.
 */
public final class PropertyTypeParser {

    // Order matters: "penthouse" before "house", "independent house" before "house", "independent floor" before
    // "independent".
    private static final List<Map.Entry<String, PropertyType>> KEYWORDS = List.of(
            entry("penthouse", PropertyType.PENTHOUSE),
            entry("studio", PropertyType.STUDIO), entry("rk", PropertyType.STUDIO),
            entry("villa", PropertyType.VILLA), entry("villas", PropertyType.VILLA),
            entry("row house", PropertyType.VILLA), entry("rowhouse", PropertyType.VILLA),
            entry("builder floor", PropertyType.BUILDER_FLOOR), entry("builder floors", PropertyType.BUILDER_FLOOR),
            entry("independent floor", PropertyType.BUILDER_FLOOR),
            entry("independent house", PropertyType.INDEPENDENT_HOUSE), entry("bungalow", PropertyType.INDEPENDENT_HOUSE),
            entry("kothi", PropertyType.INDEPENDENT_HOUSE), entry("independent", PropertyType.INDEPENDENT_HOUSE),
            entry("house", PropertyType.INDEPENDENT_HOUSE),
            entry("plot", PropertyType.PLOT), entry("plots", PropertyType.PLOT), entry("land", PropertyType.PLOT),
            entry("zameen", PropertyType.PLOT), entry("zamin", PropertyType.PLOT),
            entry("office space", PropertyType.COMMERCIAL), entry("an office", PropertyType.COMMERCIAL), entry("shop", PropertyType.COMMERCIAL),
            entry("showroom", PropertyType.COMMERCIAL), entry("commercial", PropertyType.COMMERCIAL),
            entry("warehouse", PropertyType.COMMERCIAL), entry("dukaan", PropertyType.COMMERCIAL),
            entry("dukan", PropertyType.COMMERCIAL), entry("retail", PropertyType.COMMERCIAL),
            entry("apartment", PropertyType.APARTMENT), entry("apartments", PropertyType.APARTMENT),
            entry("flat", PropertyType.APARTMENT), entry("flats", PropertyType.APARTMENT),
            entry("condo", PropertyType.APARTMENT), entry("apt", PropertyType.APARTMENT));

    private static final Set<String> OFFICE = Set.of("office", "offices");
    private static final List<String> BEDROOM_WORDS = List.of("bhk", "bedroom", "bedrooms", "bed", "beds", "br");

    private PropertyTypeParser() {
    }

    public static Optional<PropertyRequirement> parse(String utterance) {
        return parse(utterance, false);
    }

    /** @param bedroomsWereAsked a bare number ("two", "teen") or "office" answers the property question */
    public static Optional<PropertyRequirement> parse(String utterance, boolean bedroomsWereAsked) {
        List<String> tokens = Utterances.tokens(utterance);
        String normal = String.join(" ", tokens);
        Optional<PropertyType> type = KEYWORDS.stream()
                .filter(k -> Utterances.saysWithoutTurningDown(tokens, k.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
        // "office" alone is also where people are ("main office mein hoon"); as the answer to "what kind of
        // property?" it is an office to buy
        if (type.isEmpty() && bedroomsWereAsked && Utterances.saysAnyWithoutTurningDown(tokens, OFFICE)) {
            type = Optional.of(PropertyType.COMMERCIAL);
        }
        Optional<Bedrooms> bedrooms = bedrooms(tokens, bedroomsWereAsked);
        if (type.orElse(null) == PropertyType.STUDIO) {
            return Optional.of(PropertyRequirement.of(PropertyType.STUDIO));
        }
        if (type.isEmpty() && bedrooms.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PropertyRequirement(type.orElse(PropertyType.APARTMENT), bedrooms));
    }

    private static Optional<Bedrooms> bedrooms(List<String> tokens, boolean bedroomsWereAsked) {
        for (int i = 0; i < tokens.size(); i++) {
            var number = NumberWords.parseAt(tokens, i);
            if (number.isEmpty()) {
                continue;
            }
            int end = number.get().end();
            if (end < tokens.size() && BEDROOM_WORDS.contains(tokens.get(end))) {
                return plausible(number.get().value());
            }
            i = end - 1;
        }
        if (bedroomsWereAsked && tokens.size() <= 3) {
            for (int i = 0; i < tokens.size(); i++) {
                var number = NumberWords.parseAt(tokens, i);
                if (number.isEmpty()) {
                    continue;
                }
                int end = number.get().end();
                // "ढाई करोड़", "2 crore", "teen mahine" answer another question, however short
                if (end < tokens.size() && BudgetParser.countsMoneyOrTime(tokens.get(end))) {
                    return Optional.empty();
                }
                return plausible(number.get().value());
            }
        }
        return Optional.empty();
    }

    /** 1 to 10 bedrooms, a half included ("2.5 BHK", "ढाई बीएचके"): a larger count is a misheard number. */
    private static Optional<Bedrooms> plausible(double value) {
        return Bedrooms.of(value);
    }
}
