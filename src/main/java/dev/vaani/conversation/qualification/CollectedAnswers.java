package dev.vaani.conversation.qualification;

import static dev.vaani.conversation.qualification.QualificationExtractor.BEDROOMS;
import static dev.vaani.conversation.qualification.QualificationExtractor.BUDGET;
import static dev.vaani.conversation.qualification.QualificationExtractor.BUDGET_MAX;
import static dev.vaani.conversation.qualification.QualificationExtractor.BUDGET_MIN;
import static dev.vaani.conversation.qualification.QualificationExtractor.FINANCING;
import static dev.vaani.conversation.qualification.QualificationExtractor.KNOWN_FIELDS;
import static dev.vaani.conversation.qualification.QualificationExtractor.LOCATION;
import static dev.vaani.conversation.qualification.QualificationExtractor.PROPERTY_TYPE;
import static dev.vaani.conversation.qualification.QualificationExtractor.PURPOSE;
import static dev.vaani.conversation.qualification.QualificationExtractor.TIMELINE;
import static java.util.Map.entry;

import dev.vaani.conversation.AgentAction;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a call collected, as a broker reads it: "Financing: home loan", "Budget: up to ₹80 lakh", not the stored
 * "financing: home_loan", "budget_max_rupees: 8000000". Answers the agent understands come first, in the order it
 * asks them; a campaign's own keys follow, in words. The console's pages and a campaign's results.csv read them so.
 */
public final class CollectedAnswers {

    private static final String CALLBACK_AT = AgentAction.ScheduleCallback.COLLECTED_KEY;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.ENGLISH);
    // A stored code such as "home_loan": lower-case words joined by underscores, never something a person wrote
    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)+");
    /** Stored beside budget, in rupees, so that matching need not parse text; never asked for on their own. */
    private static final List<String> BUDGET_BOUNDS = List.of(BUDGET_MIN, BUDGET_MAX);

    private static final Map<String, String> LABELS = Map.ofEntries(
            entry(PROPERTY_TYPE, "Property type"), entry(BEDROOMS, "Bedrooms"), entry(LOCATION, "Location"),
            entry(BUDGET, "Budget"), entry(BUDGET_MIN, "Budget from"), entry(BUDGET_MAX, "Budget up to"),
            entry(TIMELINE, "Timeline"), entry(PURPOSE, "Purpose"), entry(FINANCING, "Financing"),
            entry(CALLBACK_AT, "Call back at"));

    private CollectedAnswers() {
    }

    /** The keys a campaign's question can fill that the agent understands, e.g. for the campaign form's help. */
    public static List<String> understoodKeys() {
        return KNOWN_FIELDS.stream().filter(key -> !BUDGET_BOUNDS.contains(key)).toList();
    }

    /** Label → value, blank answers left out. */
    public static Map<String, String> shown(Map<String, Object> data) {
        Map<String, String> shown = new LinkedHashMap<>();
        var budget = QualificationExtractor.budgetOf(data);
        for (String key : KNOWN_FIELDS) {
            if (key.equals(BUDGET)) {
                budget.ifPresent(range -> shown.put(label(BUDGET), range.inWords()));
            } else if (BUDGET_BOUNDS.contains(key) && budget.isPresent()) {
                continue; // already in the budget's line
            } else if (present(data.get(key))) {
                shown.put(label(key), value(key, data.get(key)));
            }
        }
        if (budget.isEmpty() && present(data.get(BUDGET))) {
            shown.put(label(BUDGET), String.valueOf(data.get(BUDGET))); // text no parser reads: as the lead said it
        }
        data.forEach((key, value) -> {
            if (!KNOWN_FIELDS.contains(key) && present(value)) {
                shown.put(label(key), value(key, value));
            }
        });
        return shown;
    }

    /** "Property type" for property_type; a campaign's own key in words ("Parking needed"). */
    public static String label(String key) {
        String label = LABELS.get(key);
        if (label != null) {
            return label;
        }
        String words = key.replace('_', ' ').strip();
        return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String value(String key, Object stored) {
        String text = String.valueOf(stored).strip();
        return switch (key) {
            case PROPERTY_TYPE -> PropertyType.fromCode(text).map(PropertyType::label).orElseGet(() -> words(text));
            case BEDROOMS -> Bedrooms.from(stored).map(b -> b.digits() + " BHK").orElse(text);
            case BUDGET_MIN, BUDGET_MAX -> stored instanceof Number n ? BudgetRange.inWords(n.longValue()) : text;
            case TIMELINE -> Timeline.fromCode(text).map(Timeline::label).orElseGet(() -> words(text));
            // about the lead, to the broker: "for their own use"
            case PURPOSE -> Purpose.fromCode(text).map(Purpose::summaryLabel).orElseGet(() -> words(text));
            case CALLBACK_AT -> callBackTime(text);
            default -> words(text);
        };
    }

    /** A booked call back's time as the lead gave it, in their own zone's clock; anything else as stored. */
    private static String callBackTime(String stored) {
        try {
            return WHEN.format(OffsetDateTime.parse(stored));
        } catch (DateTimeParseException e) {
            return stored;
        }
    }

    /** "home_loan" → "home loan"; what a person wrote stays as written. */
    private static String words(String text) {
        return CODE.matcher(text).matches() ? text.replace('_', ' ') : text;
    }

    private static boolean present(Object value) {
        return value != null && !String.valueOf(value).isBlank();
    }
}
