package dev.vaani.conversation.qualification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vaani.conversation.qualification.QualificationExtractor.BUDGET;
import static dev.vaani.conversation.qualification.QualificationExtractor.FINANCING;
import static dev.vaani.conversation.qualification.QualificationExtractor.LOCATION;
import static dev.vaani.conversation.qualification.QualificationExtractor.PROPERTY_TYPE;
import static dev.vaani.conversation.qualification.QualificationExtractor.PURPOSE;
import static dev.vaani.conversation.qualification.QualificationExtractor.TIMELINE;

/**
 * Which fields a caller names outright: "my budget is actually 80 lakhs" names the budget, "change the location to
 * Powai" the location. Naming a field is what entitles a volunteered value to replace one we already have; a value
 * that merely turns up in a misrecognised sentence must not.
 */
public final class FieldMentions {

    // The words for the field itself, not for its values: "flat" or "Whitefield" alone refer to nothing
    private static final Map<String, List<String>> NAMES = Map.of(
            PROPERTY_TYPE, List.of("property type", "type of property", "kind of property", "bhk", "bedrooms"),
            LOCATION, List.of("location", "locality", "area", "place", "jagah", "ilaka", "ilaake", "ilake", "elaka"),
            BUDGET, List.of("budget", "price", "amount"),
            TIMELINE, List.of("timeline", "by when", "when"),
            PURPOSE, List.of("purpose"),
            FINANCING, List.of("loan", "financing", "funding", "finance"));

    private FieldMentions() {
    }

    /** The fields named in {@code utterance}, as collected_data keys. */
    public static Set<String> in(String utterance) {
        String normal = Utterances.normalise(utterance);
        Set<String> named = new LinkedHashSet<>();
        NAMES.forEach((field, words) -> {
            if (words.stream().anyMatch(word -> Utterances.containsPhrase(normal, word))) {
                named.add(field);
            }
        });
        return named;
    }
}
