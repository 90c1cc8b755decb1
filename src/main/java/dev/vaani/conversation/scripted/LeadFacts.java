package dev.vaani.conversation.scripted;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.CampaignScript.QualificationField;
import dev.vaani.conversation.qualification.QualificationExtractor;
import dev.vaani.conversation.qualification.Utterances;

import static dev.vaani.conversation.qualification.QualificationExtractor.BEDROOMS;
import static dev.vaani.conversation.qualification.QualificationExtractor.BUDGET;
import static dev.vaani.conversation.qualification.QualificationExtractor.BUDGET_MAX;
import static dev.vaani.conversation.qualification.QualificationExtractor.BUDGET_MIN;
import static dev.vaani.conversation.qualification.QualificationExtractor.FINANCING;
import static dev.vaani.conversation.qualification.QualificationExtractor.LOCATION;
import static dev.vaani.conversation.qualification.QualificationExtractor.PROPERTY_TYPE;
import static dev.vaani.conversation.qualification.QualificationExtractor.PURPOSE;
import static dev.vaani.conversation.qualification.QualificationExtractor.TIMELINE;

/**
 * What we know about the lead against the campaign's fields: collected values, and fields given up on. Collected
 * values include the broker's record of the lead (its imported property type, location and budget) for fields no call
 * has answered; those are read back with the rest, and count as heard on this call only once the caller confirms them.
 */
final class LeadFacts {

    // How callers name a field when they correct it ("the budget is wrong", "location galat hai")
    private static final Map<String, List<String>> FIELD_NAMES = Map.of(
            PROPERTY_TYPE, List.of("property", "type", "bhk", "flat", "apartment"),
            LOCATION, List.of("location", "area", "locality", "place", "jagah", "ilaka", "ilaake", "ilake", "elaka"),
            BUDGET, List.of("budget", "price", "amount", "paisa"),
            TIMELINE, List.of("timeline", "time", "when"),
            PURPOSE, List.of("purpose", "investment", "use"),
            FINANCING, List.of("loan", "financing", "funding"));
    // Fields stored alongside another; forgetting the main one forgets these
    private static final Map<String, List<String>> COMPANIONS = Map.of(
            BUDGET, List.of(BUDGET_MIN, BUDGET_MAX), PROPERTY_TYPE, List.of(BEDROOMS));

    private final CampaignScript script;
    private final Map<String, Object> collected = new LinkedHashMap<>();
    private final Set<String> skipped = new HashSet<>();
    /** Keys that came from the broker's record and that the caller has not yet confirmed or answered. */
    private final Set<String> unconfirmed = new HashSet<>();

    LeadFacts(CampaignScript script, Map<String, Object> known) {
        this(script, known, Map.of());
    }

    /** @param onRecord the broker's details of the lead, as imported: normalised here, and the known data wins */
    LeadFacts(CampaignScript script, Map<String, Object> known, Map<String, String> onRecord) {
        this.script = script;
        Set<String> asked = new HashSet<>();
        script.qualificationFields().forEach(field -> asked.add(field.key()));
        Set<String> knownFields = new HashSet<>();
        known.keySet().forEach(key -> knownFields.add(mainField(key)));
        Map<String, Object> asText = new LinkedHashMap<>(onRecord);
        new QualificationExtractor(script.localities()).normalise(asText).fields().forEach((key, value) -> {
            if (asked.contains(mainField(key)) && !knownFields.contains(mainField(key))) {
                collected.put(key, value);
                unconfirmed.add(key);
            }
        });
        collected.putAll(known);
    }

    /** What we know: the known data, what the caller said, and the broker's record not yet confirmed. */
    Map<String, Object> collected() {
        return collected;
    }

    /** What we know without the broker's record the caller has not confirmed: what the call stores as heard. */
    Map<String, Object> heard() {
        if (unconfirmed.isEmpty()) {
            return collected;
        }
        Map<String, Object> heard = new LinkedHashMap<>(collected);
        heard.keySet().removeAll(unconfirmed);
        return heard;
    }

    /** The caller agreed to the read-back: the broker's record in it is now theirs. Returns what that confirmed. */
    Map<String, Object> confirmRecord() {
        Map<String, Object> confirmed = new LinkedHashMap<>();
        unconfirmed.forEach(key -> confirmed.put(key, collected.get(key)));
        unconfirmed.clear();
        return confirmed;
    }

    /**
     * Stores what differs from what we had; returns only that. A value we already hold is replaced only when
     * {@code mayReplace} allows its field (the one just asked, one the caller named, or any while correcting): with a
     * 28% word error rate, a stray "three lakh" in an answer about timing must not overwrite a budget the caller gave.
     * The broker's record is not the caller's word: whatever the caller says of a field replaces it, and saying the
     * same confirms it (returned too). A field and its companions (budget and its bounds, property type and bedrooms)
     * are kept or dropped together.
     */
    Map<String, Object> merge(Map<String, Object> heard, Predicate<String> mayReplace) {
        Set<String> protectedFields = new HashSet<>();
        heard.forEach((key, value) -> {
            if (collected.containsKey(key) && !Objects.equals(collected.get(key), value)
                    && !mayReplace.test(mainField(key)) && !unconfirmed.contains(key)) {
                protectedFields.add(mainField(key));
            }
        });
        Map<String, Object> fresh = new LinkedHashMap<>();
        heard.forEach((key, value) -> {
            if (!protectedFields.contains(mainField(key))
                    && (!Objects.equals(collected.get(key), value) || unconfirmed.contains(key))) {
                fresh.put(key, value);
            }
        });
        fresh.keySet().forEach(key -> dropRecordOf(mainField(key), fresh.keySet()));
        collected.putAll(fresh);
        fresh.keySet().forEach(skipped::remove);
        return fresh;
    }

    /** The field a stored key belongs to: bedrooms to property_type, the budget bounds to budget. */
    static String mainField(String key) {
        for (var entry : COMPANIONS.entrySet()) {
            if (entry.getValue().contains(key)) {
                return entry.getKey();
            }
        }
        return key;
    }

    /**
     * The caller answered a field, or asked to correct it: the record's values of it and its companions go, but for
     * those the caller has just said ({@code said}).
     */
    private void dropRecordOf(String field, Set<String> said) {
        List<String> keys = new ArrayList<>(COMPANIONS.getOrDefault(field, List.of()));
        keys.add(field);
        for (String key : keys) {
            if (unconfirmed.remove(key) && !said.contains(key)) {
                collected.remove(key);
            }
        }
    }

    void giveUpOn(String key) {
        skipped.add(key);
    }

    /** The next field to ask: the first in script order that is neither known nor given up on. */
    Optional<QualificationField> nextToAsk() {
        return script.qualificationFields().stream()
                .filter(f -> !collected.containsKey(f.key()) && !skipped.contains(f.key()))
                .findFirst();
    }

    boolean requiredKnown() {
        return script.qualificationFields().stream()
                .filter(QualificationField::required)
                .allMatch(f -> collected.containsKey(f.key()));
    }

    /** Forgets the fields the caller named, so they are asked again; false when none was named. */
    boolean forgetFieldsNamedIn(String utterance) {
        String normal = Utterances.normalise(utterance);
        boolean forgot = false;
        for (var entry : FIELD_NAMES.entrySet()) {
            if (entry.getValue().stream().anyMatch(word -> Utterances.containsPhrase(normal, word))) {
                collected.remove(entry.getKey());
                COMPANIONS.getOrDefault(entry.getKey(), List.of()).forEach(collected::remove);
                dropRecordOf(entry.getKey(), Set.of());
                skipped.remove(entry.getKey());
                forgot = true;
            }
        }
        return forgot;
    }

    static boolean isKnownField(String key) {
        return QualificationExtractor.KNOWN_FIELDS.contains(key);
    }
}
