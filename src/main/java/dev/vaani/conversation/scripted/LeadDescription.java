package dev.vaani.conversation.scripted;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.qualification.Bedrooms;
import dev.vaani.conversation.qualification.BudgetRange;
import dev.vaani.conversation.qualification.Financing;
import dev.vaani.conversation.qualification.HindiNames;
import dev.vaani.conversation.qualification.SpokenAmount;
import dev.vaani.conversation.qualification.SpokenAmount.Style;
import dev.vaani.conversation.qualification.PropertyRequirement;
import dev.vaani.conversation.qualification.PropertyType;
import dev.vaani.conversation.qualification.Purpose;
import dev.vaani.conversation.qualification.QualificationExtractor;
import dev.vaani.conversation.qualification.Timeline;

import static dev.vaani.conversation.qualification.QualificationExtractor.BEDROOMS;
import static dev.vaani.conversation.qualification.QualificationExtractor.BUDGET;
import static dev.vaani.conversation.qualification.QualificationExtractor.FINANCING;
import static dev.vaani.conversation.qualification.QualificationExtractor.LOCATION;
import static dev.vaani.conversation.qualification.QualificationExtractor.PROPERTY_TYPE;
import static dev.vaani.conversation.qualification.QualificationExtractor.PURPOSE;
import static dev.vaani.conversation.qualification.QualificationExtractor.TIMELINE;

/** Puts collected data into words: for the caller (spoken, in their language) and for the operator (summary). */
final class LeadDescription {

    private static final String[] HINDI_WEEKDAYS = {"सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार",
            "रविवार"};

    private LeadDescription() {
    }

    /**
     * "a 2 BHK apartment in Whitefield around 50 lakhs, within 3 months"; Hinglish "2 BHK apartment, Whitefield mein,
     * budget lagbhag 50 lakh"; Hindi "दो बीएचके फ्लैट, व्हाइटफील्ड में, बजट लगभग पचास लाख". Half a bedroom is said in
     * words ("a two and a half BHK apartment", "dhai BHK apartment", "ढाई बीएचके फ्लैट"), never "2.5".
     */
    static String spoken(Map<String, Object> fields, Phrasebook phrases) {
        if (phrases.hindi()) {
            return spokenHindi(fields, phrases);
        }
        List<String> parts = new ArrayList<>();
        String property = property(fields, phrases.hinglish() ? Bedrooms::hinglishWords : Bedrooms::englishWords);
        String head = property == null ? "" : phrases.hinglish() ? property : article(property) + " " + property;
        if (fields.get(LOCATION) instanceof String place) {
            head = phrases.hinglish()
                    ? (head.isEmpty() ? place : head + ", " + place + " mein")
                    : (head.isEmpty() ? place : head + " in " + place);
        }
        var budget = QualificationExtractor.budgetOf(fields);
        if (budget.isPresent()) {
            String words = SpokenAmount.of(budget.get(), phrases.hinglish() ? Style.HINGLISH : Style.ENGLISH);
            String phrase = phrases.hinglish() ? "budget " + words
                    : words.startsWith("around") || words.startsWith("up to") ? words : "for " + words;
            head = head.isEmpty() ? phrase : head + (phrases.hinglish() ? ", " : " ") + phrase;
        }
        if (!head.isEmpty()) {
            parts.add(head);
        }
        addLabels(fields, phrases, parts);
        return String.join(", ", parts);
    }

    private static String spokenHindi(Map<String, Object> fields, Phrasebook phrases) {
        List<String> parts = new ArrayList<>();
        if (fields.get(PROPERTY_TYPE) instanceof String code) {
            Bedrooms bedrooms = Bedrooms.from(fields.get(BEDROOMS)).orElse(null);
            parts.add(PropertyType.fromCode(code).map(t -> HindiNames.property(t, bedrooms)).orElse(code));
        }
        if (fields.get(LOCATION) instanceof String place) {
            parts.add(HindiNames.place(place).orElse(place) + " में");
        }
        QualificationExtractor.budgetOf(fields).ifPresent(b -> parts.add("बजट " + SpokenAmount.of(b, Style.HINDI)));
        addLabels(fields, phrases, parts);
        return String.join(", ", parts);
    }

    private static void addLabels(Map<String, Object> fields, Phrasebook phrases, List<String> parts) {
        for (String key : List.of(TIMELINE, PURPOSE, FINANCING)) {
            if (fields.get(key) instanceof String code) {
                parts.add(phrases.valueLabels().getOrDefault(code, englishLabel(key, code)));
            }
        }
    }

    /** "Lead wants a 2 BHK apartment in Whitefield, budget ₹45–55 lakh, within 3 months. Outcome: qualified." */
    static String summary(Map<String, Object> fields, CallOutcome outcome, String note) {
        List<String> parts = new ArrayList<>();
        String property = property(fields, Bedrooms::digits);
        String head = property == null ? "a property" : article(property) + " " + property;
        if (fields.get(LOCATION) instanceof String place) {
            head += " in " + place;
        }
        if (property != null || fields.containsKey(LOCATION)) {
            parts.add(head);
        }
        if (fields.get(BUDGET) instanceof String budget) {
            // in words, as the console shows it ("₹45–55 lakh"), not the stored shorthand ("₹45L–₹55L")
            parts.add("budget " + QualificationExtractor.budgetOf(fields).map(BudgetRange::inWords).orElse(budget));
        }
        for (String key : List.of(TIMELINE, PURPOSE, FINANCING)) {
            if (fields.get(key) instanceof String code) {
                parts.add(key.equals(PURPOSE) ? Purpose.fromCode(code).map(Purpose::summaryLabel).orElse(code)
                        : englishLabel(key, code));
            }
        }
        fields.forEach((key, value) -> {
            if (!QualificationExtractor.KNOWN_FIELDS.contains(key)) {
                parts.add(key.replace('_', ' ') + ": " + value);
            }
        });
        String text = parts.isEmpty() ? "No qualification details collected." : "Lead wants " + String.join(", ", parts) + ".";
        if (note != null && !note.isBlank()) {
            text += " " + note;
        }
        return text + " Outcome: " + outcome.code().replace('_', ' ') + ".";
    }

    /** "tomorrow at 5 PM", "today at 6:30 PM", "on Monday at 10 AM"; Hinglish "kal shaam 5 baje". */
    static String when(OffsetDateTime when, ZonedDateTime now, Phrasebook phrases) {
        LocalDate day = when.atZoneSameInstant(now.getZone()).toLocalDate();
        long days = day.toEpochDay() - now.toLocalDate().toEpochDay();
        int hour = when.atZoneSameInstant(now.getZone()).getHour();
        int minute = when.atZoneSameInstant(now.getZone()).getMinute();
        int h12 = hour % 12 == 0 ? 12 : hour % 12;
        String clock = minute == 0 ? String.valueOf(h12) : h12 + ":" + String.format("%02d", minute);
        String weekday = day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String date = day.getDayOfMonth() + " " + day.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        if (phrases.hindi()) {
            String dayWord = days == 0 ? "आज" : days == 1 ? "कल" : days == 2 ? "परसों"
                    : days < 7 ? HINDI_WEEKDAYS[day.getDayOfWeek().getValue() - 1] : day.getDayOfMonth() + " तारीख";
            String part = hour < 12 ? "सुबह" : hour < 16 ? "दोपहर" : hour < 20 ? "शाम" : "रात";
            return dayWord + " " + part + " " + (minute == 0 ? HindiNames.number(h12) : clock) + " बजे";
        }
        if (phrases.hinglish()) {
            String dayWord = days == 0 ? "aaj" : days == 1 ? "kal" : days == 2 ? "parso" : days < 7 ? weekday : date;
            String part = hour < 12 ? "subah" : hour < 16 ? "dopahar" : hour < 20 ? "shaam" : "raat";
            return dayWord + " " + part + " " + clock + " baje";
        }
        String dayWords = days == 0 ? "today" : days == 1 ? "tomorrow" : days < 7 ? "on " + weekday : "on " + date;
        return dayWords + " at " + clock + (hour < 12 ? " AM" : " PM");
    }

    /** @param count how the bedroom count reads: "2.5" for the sales team, "two and a half" or "dhai" spoken */
    private static String property(Map<String, Object> fields, Function<Bedrooms, String> count) {
        if (!(fields.get(PROPERTY_TYPE) instanceof String code)) {
            return null;
        }
        String bedrooms = Bedrooms.from(fields.get(BEDROOMS)).map(count).orElse(null);
        return PropertyType.fromCode(code).map(t -> PropertyRequirement.describe(t, bedrooms)).orElse(code);
    }

    private static String article(String noun) {
        return "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an" : "a";
    }

    /** As the agent says it to the caller (the summary says the purpose in the third person instead). */
    private static String englishLabel(String key, String code) {
        return switch (key) {
            case TIMELINE -> Timeline.fromCode(code).map(Timeline::label).orElse(code);
            case PURPOSE -> Purpose.fromCode(code).map(Purpose::label).orElse(code);
            case FINANCING -> Financing.fromCode(code).map(Financing::label).orElse(code);
            default -> code;
        };
    }
}
