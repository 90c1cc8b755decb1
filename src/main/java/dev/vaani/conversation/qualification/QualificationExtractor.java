package dev.vaani.conversation.qualification;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one caller utterance, or an LLM's tool-call arguments, into normalised collected_data fields (snake_case):
 * property_type, bedrooms, location, budget (display), budget_min_rupees, budget_max_rupees, timeline, purpose,
 * financing. Both paths produce the same values, so data looks the same whichever engine ran the call.
 */
public final class QualificationExtractor {

    public static final String PROPERTY_TYPE = "property_type";
    public static final String BEDROOMS = "bedrooms";
    public static final String LOCATION = "location";
    public static final String BUDGET = "budget";
    public static final String BUDGET_MIN = "budget_min_rupees";
    public static final String BUDGET_MAX = "budget_max_rupees";
    public static final String TIMELINE = "timeline";
    public static final String PURPOSE = "purpose";
    public static final String FINANCING = "financing";

    /** Fields this class understands; a campaign may define others, which it keeps as free text. */
    public static final List<String> KNOWN_FIELDS = List.of(PROPERTY_TYPE, BEDROOMS, LOCATION, BUDGET, BUDGET_MIN,
            BUDGET_MAX, TIMELINE, PURPOSE, FINANCING);

    /**
     * The result of {@link #normalise}: the fields kept, and for each dropped one why.
     */
    public record Normalised(Map<String, Object> fields, Map<String, String> rejected) {
        public Normalised {
            fields = Map.copyOf(fields);
            rejected = Map.copyOf(rejected);
        }
    }

    private final LocationParser locations;

    public QualificationExtractor() {
        this(List.of());
    }

    /** @param campaignLocalities the campaign's own place names, recognised in addition to the built-in list */
    public QualificationExtractor(Collection<String> campaignLocalities) {
        this.locations = LocationParser.withLocalities(campaignLocalities);
    }

    public Map<String, Object> extract(String utterance) {
        return extract(utterance, null);
    }

    /** Whether an answer to "which area?" names only a landmark ("mall ke paas"): see {@link LocationParser}. */
    public boolean namesOnlyALandmark(String utterance) {
        return locations.namesOnlyALandmark(utterance);
    }

    /**
     * @param askedField the field the agent just asked for (null when none), so that a bare answer counts: "fifty"
     *                   after the budget question is 50 lakhs, "two" after the BHK question is 2 bedrooms
     */
    public Map<String, Object> extract(String utterance, String askedField) {
        return SelfCorrection.in(utterance).map(c -> corrected(c, askedField))
                .orElseGet(() -> extractAsSaid(utterance, askedField));
    }

    /**
     * What was said before the correction, with what was said after it in place of the same keys: "2 BHK flat, sorry,
     * 3 BHK" keeps the flat and takes 3 bedrooms; a budget's bounds are always said together.
     */
    private Map<String, Object> corrected(SelfCorrection correction, String askedField) {
        Map<String, Object> fields = extract(correction.before(), askedField);
        fields.putAll(extractAsSaid(correction.after(), askedField));
        return fields;
    }

    private Map<String, Object> extractAsSaid(String utterance, String askedField) {
        Map<String, Object> fields = new LinkedHashMap<>();
        boolean askedBedrooms = PROPERTY_TYPE.equals(askedField) || BEDROOMS.equals(askedField);
        PropertyTypeParser.parse(utterance, askedBedrooms).ifPresent(p -> putProperty(fields, p));
        locations.parse(utterance, LOCATION.equals(askedField)).ifPresent(l -> fields.put(LOCATION, l));
        boolean askedBudget = BUDGET.equals(askedField);
        // A bare number after the BHK question is bedrooms, not money
        if (!(askedBedrooms && fields.containsKey(BEDROOMS) && BudgetParser.parse(utterance).isEmpty())) {
            BudgetParser.parse(utterance, askedBudget).ifPresent(b -> putBudget(fields, b));
        }
        TimelineParser.parse(utterance, TIMELINE.equals(askedField)).ifPresent(t -> fields.put(TIMELINE, t.code()));
        PurposeParser.parse(utterance, PURPOSE.equals(askedField)).ifPresent(p -> fields.put(PURPOSE, p.code()));
        FinancingParser.parse(utterance, FINANCING.equals(askedField))
                .ifPresent(f -> fields.put(FINANCING, f.code()));
        return fields;
    }

    /**
     * Normalises an LLM's save_lead_details arguments, e.g. {"budget":"80L-1Cr","property_type":"2 BHK apartment",
     * "location":"whitefield"}. Fields a campaign defined that we do not know are kept as trimmed text.
     */
    public Normalised normalise(Map<String, Object> rawToolArgs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        rawToolArgs.forEach((key, raw) -> {
            String k = key.trim().toLowerCase(Locale.ROOT);
            String text = raw == null ? "" : String.valueOf(raw).trim();
            if (text.isEmpty() || text.equalsIgnoreCase("null") || text.equalsIgnoreCase("unknown")) {
                rejected.put(k, "blank");
                return;
            }
            switch (k) {
                // the argument answers "what kind of property?", so "office" is one, as when a caller says it
                case PROPERTY_TYPE -> PropertyType.fromCode(text).map(PropertyRequirement::of)
                        .or(() -> PropertyTypeParser.parse(text, true))
                        .ifPresentOrElse(p -> putProperty(fields, p), () -> rejected.put(k, "not a property type: " + text));
                case BEDROOMS -> PropertyTypeParser.parse(text, true).flatMap(PropertyRequirement::bedrooms)
                        .ifPresentOrElse(b -> fields.put(BEDROOMS, b.stored()),
                                () -> rejected.put(k, "not a bedroom count: " + text));
                case LOCATION -> locations.parse(text, true)
                        .ifPresentOrElse(l -> fields.put(LOCATION, l), () -> rejected.put(k, "not a place: " + text));
                case BUDGET -> BudgetParser.parse(text, true)
                        .ifPresentOrElse(b -> putBudget(fields, b), () -> rejected.put(k, "not a budget: " + text));
                case BUDGET_MIN, BUDGET_MAX -> {
                    // Used only when no budget text came with them; see below
                }
                case TIMELINE -> Timeline.fromCode(text).or(() -> TimelineParser.parse(text, true))
                        .ifPresentOrElse(t -> fields.put(TIMELINE, t.code()), () -> rejected.put(k, "not a timeline: " + text));
                case PURPOSE -> Purpose.fromCode(text).or(() -> PurposeParser.parse(text, true))
                        .ifPresentOrElse(p -> fields.put(PURPOSE, p.code()), () -> rejected.put(k, "not a purpose: " + text));
                case FINANCING -> Financing.fromCode(text).or(() -> FinancingParser.parse(text, true))
                        .ifPresentOrElse(f -> fields.put(FINANCING, f.code()), () -> rejected.put(k, "not a financing choice: " + text));
                default -> fields.put(k, text);
            }
        });
        if (!fields.containsKey(BUDGET) && (rawToolArgs.containsKey(BUDGET_MIN) || rawToolArgs.containsKey(BUDGET_MAX))) {
            budgetFromNumbers(rawToolArgs).ifPresentOrElse(b -> putBudget(fields, b),
                    () -> rejected.put(BUDGET_MIN, "not a budget range"));
        }
        return new Normalised(fields, rejected);
    }

    /** The budget range stored in collected data, if any. */
    public static Optional<BudgetRange> budgetOf(Map<String, Object> collected) {
        if (collected.get(BUDGET_MIN) instanceof Number min && collected.get(BUDGET_MAX) instanceof Number max) {
            return Optional.of(new BudgetRange(min.longValue(), max.longValue()));
        }
        return collected.get(BUDGET) instanceof String text ? BudgetParser.parse(text, true) : Optional.empty();
    }

    private static Optional<BudgetRange> budgetFromNumbers(Map<String, Object> raw) {
        try {
            long min = raw.get(BUDGET_MIN) == null ? 0 : Math.round(Double.parseDouble(String.valueOf(raw.get(BUDGET_MIN))));
            long max = raw.get(BUDGET_MAX) == null ? BudgetRange.UNBOUNDED
                    : Math.round(Double.parseDouble(String.valueOf(raw.get(BUDGET_MAX))));
            return min >= 0 && min <= max && new BudgetRange(min, max).isPlausibleForPurchase()
                    ? Optional.of(new BudgetRange(min, max)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void putProperty(Map<String, Object> fields, PropertyRequirement property) {
        fields.put(PROPERTY_TYPE, property.type().code());
        property.bedrooms().ifPresent(b -> fields.put(BEDROOMS, b.stored()));
    }

    private static void putBudget(Map<String, Object> fields, BudgetRange budget) {
        fields.put(BUDGET, budget.display());
        fields.put(BUDGET_MIN, budget.minRupees());
        fields.put(BUDGET_MAX, budget.maxRupees());
    }
}
