package dev.vaani.conversation.qualification;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collected values said in Devanagari, for the Hindi voice: "Whitefield" → "व्हाइटफील्ड" (the first spelling in
 * localities.tsv), apartment with 2 bedrooms → "दो बीएचके फ्लैट", with 2.5 → "ढाई बीएचके फ्लैट", 6 → "छह". Stored
 * values stay in English.
 */
public final class HindiNames {

    private static final Map<String, String> PLACES = firstSpellings();

    private HindiNames() {
    }

    /** "Sector 62, Noida" as LocationParser stores a sector address. */
    private static final Pattern SECTOR = Pattern.compile("Sector (\\d{1,3})(?:, (.+))?");

    /**
     * The place's Devanagari spelling, when the locality list has one; a sector address in words ("Sector 62, Noida"
     * → "सेक्टर बासठ, नोएडा"), so a Hindi voice says no English inside a Hindi sentence.
     */
    public static Optional<String> place(String englishName) {
        Matcher sector = SECTOR.matcher(englishName);
        if (sector.matches()) {
            String where = sector.group(2);
            return Optional.of("सेक्टर " + number(Integer.parseInt(sector.group(1)))
                    + (where == null ? "" : ", " + place(where).orElse(where)));
        }
        return Optional.ofNullable(PLACES.get(englishName));
    }

    public static String property(PropertyType type, Bedrooms bedrooms) {
        String noun = switch (type) {
            case APARTMENT -> "फ्लैट";
            case VILLA -> "विला";
            case INDEPENDENT_HOUSE -> "इंडिपेंडेंट हाउस";
            case BUILDER_FLOOR -> "बिल्डर फ्लोर";
            case PENTHOUSE -> "पेंटहाउस";
            case STUDIO -> "स्टूडियो अपार्टमेंट";
            case PLOT -> "प्लॉट";
            case COMMERCIAL -> "कमर्शियल प्रॉपर्टी";
        };
        return bedrooms == null || type == PropertyType.PLOT || type == PropertyType.COMMERCIAL
                ? noun : bedrooms.hindiWords() + " बीएचके " + noun;
    }

    /** 1–100 in words ("पैंतालीस"); other numbers as digits. */
    public static String number(int n) {
        return SpokenAmount.hindiWords(BigDecimal.valueOf(n));
    }

    private static Map<String, String> firstSpellings() {
        Map<String, String> first = new java.util.HashMap<>();
        HindiLexicon.readTsv("/qualification/localities.tsv", cols -> {
            if (cols.length > 3 && !cols[3].isBlank()) {
                first.put(cols[0].trim(), cols[3].split(",")[0].trim());
            }
        });
        return Map.copyOf(first);
    }
}
