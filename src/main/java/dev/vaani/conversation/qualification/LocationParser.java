package dev.vaani.conversation.qualification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds where the lead wants to buy. Known places (built in, plus the campaign's own localities) are matched with
 * spaces ignored, so "white field" finds Whitefield; a locality beats its city ("Whitefield, Bangalore" →
 * Whitefield); a sector number goes with the place named with it ("Sector 62, Noida"). Unknown places are taken
 * from "in X", "near X", "around X", "X mein", "X side", "X ke paas", or a short bare answer, unless X is a landmark
 * ("metro station ke paas": which area is still to ask), and only when the
 * caller is answering the location question: the offline recogniser turns words into others ("that is right" →
 * "flat in right"), and speech-to-text gives no capitals to tell a proper noun, so a free-form place must also get
 * past a list of everyday words and look like a name (letters only, three or more).
 */
public final class LocationParser {

    private static final Set<String> STOP = Set.of(
            // everyday English, including words the recogniser substitutes for others
            "the", "a", "an", "my", "our", "your", "his", "her", "their", "this", "that", "these", "those", "there",
            "here", "it", "its", "i", "me", "we", "us", "you", "he", "she", "they", "them", "is", "am", "are", "was",
            "were", "be", "been", "will", "would", "can", "could", "should", "shall", "may", "might", "must", "do",
            "does", "did", "done", "have", "has", "had", "get", "got", "go", "going", "come", "coming", "take", "make",
            "for", "with", "and", "or", "of", "to", "from", "by", "on", "at", "as", "so", "if", "but", "also", "only",
            "just", "very", "too", "then", "than", "now", "when", "where", "why", "how", "what", "which", "who",
            "right", "light", "fine", "time", "times", "general", "good", "great", "nice", "well", "best", "better",
            "sure", "okay", "ok", "yes", "yeah", "yep", "no", "not", "none", "nothing", "something", "anything",
            "everything", "thing", "things", "all", "any", "some", "every", "each", "more", "most", "less", "much",
            "many", "few", "lot", "lots", "other", "another", "same", "such", "next", "last", "first", "new", "old",
            "big", "small", "cheap", "mind", "future", "present", "moment", "sorry", "please", "thanks", "thank",
            "hello", "hi", "bye", "sir", "madam", "maam", "actually", "really", "maybe", "probably", "exactly",
            "correct", "wrong", "true", "again", "repeat", "say", "said", "tell", "told", "know", "think", "like",
            "want", "need", "buy", "buying", "looking", "look", "interested", "interest", "wait", "fact", "case",
            "particular", "decided", "anywhere", "somewhere", "everywhere", "nowhere", "process", "hurry", "touch",
            "don", "t", "s", "m", "ll", "re", "ve", "d",
            // property and money words
            "budget", "city", "town", "area", "areas", "place", "places", "locality", "location", "property", "flat",
            "flats", "apartment", "villa", "plot", "house", "home", "bhk", "lakh", "lakhs", "crore", "months", "month",
            "year", "years", "week", "weeks", "day", "days", "investment", "loan", "use", "own", "ready",
            "construction", "family", "office", "work", "rent", "around", "near", "in", "side", "nearby", "centre",
            "center", "main", "middle", "morning", "evening", "night", "today", "tomorrow",
            // Hinglish
            "mujhe", "hai", "hain", "chahiye", "koi", "ek", "mein", "haan", "nahi", "ji", "wahi", "yahi", "call",
            "abhi", "baad", "kis", "kaun", "uss", "ghar", "jagah", "wala", "wali", "hindi", "english", "kahin",
            "kuch", "bhi", "theek", "achha", "sahi", "matlab", "woh", "yeh", "kya", "pe", "par", "ke", "ki", "ka",
            "hume", "aur", "se", "ko", "tak", "baat", "lekin", "aaspaas", "andar", "dekh", "rahe", "raha", "rahi",
            "karna", "karni", "lena", "chahte", "chahta", "chahti",
            // when, in Hinglish: "agle mahine" answers "by when?", even when it comes after "which area?"
            "agle", "agla", "agli", "pichle", "mahine", "mahina", "mahino", "saal", "sal", "hafte", "hafta", "din",
            "turant", "jaldi", "isi",
            // a greeting, thanks or a question back is not the name of a place ("नमस्ते", "धन्यवाद", "kab milega?")
            "namaste", "namaskar", "dhanyavaad", "dhanyavad", "shukriya", "badhiya", "samajh", "gaya", "kab",
            "kahan", "kitna", "kitne", "milega", "hoga");

    private final Map<String, String> placesByKey;
    private final LocalityMatcher fuzzy;

    private LocationParser(Collection<String> extraLocalities) {
        placesByKey = new LinkedHashMap<>();
        for (String extra : extraLocalities) {
            placesByKey.put(key(extra), extra.trim());
        }
        Localities.ALIASES.forEach((alias, canonical) -> placesByKey.putIfAbsent(key(alias), canonical));
        for (String place : Localities.LOCALITIES) {
            placesByKey.putIfAbsent(key(place), place);
        }
        for (String city : Localities.CITIES) {
            placesByKey.putIfAbsent(key(city), city);
        }
        // Devanagari spellings key by their transliteration, which is what a Devanagari transcript tokenises to
        Localities.DEVANAGARI.forEach((spelling, place) -> {
            placesByKey.putIfAbsent(key(spelling), place);
            // ड and ड़ are written for each other in Marathi place names (वाकड / वाकड़, बालेवाडी / बालेवाड़ी), and one
            // letter off a short name is too far for the close-spelling match, so each spelling counts with either
            String normal = HindiText.normalise(spelling);
            placesByKey.putIfAbsent(key(normal.replace("\u0921\u093C", "\u0921")), place);
            placesByKey.putIfAbsent(key(normal.replaceAll("\u0921(?!\u093C)", "\u0921\u093C")), place);
        });
        fuzzy = new LocalityMatcher(placesByKey);
    }

    /** The built-in list only. */
    public static LocationParser standard() {
        return new LocationParser(List.of());
    }

    /** The built-in list plus a campaign's localities (which win over built-in spellings). */
    public static LocationParser withLocalities(Collection<String> campaignLocalities) {
        return new LocationParser(campaignLocalities);
    }

    public Optional<String> parse(String utterance) {
        return parse(utterance, false);
    }

    /** @param locationWasAsked a short bare answer ("Bellandur") is a place even if we do not know it */
    public Optional<String> parse(String utterance, boolean locationWasAsked) {
        List<String> tokens = Utterances.tokens(utterance);
        Optional<String> known = known(tokens);
        if (known.isEmpty() && HindiText.containsDevanagari(utterance)) {
            known = fuzzy.closest(tokens, t -> STOP.contains(t) || NumberWords.isNumberWord(t));
        }
        Optional<String> sector = sector(tokens);
        if (sector.isPresent()) {
            // "नोएडा सेक्टर 62" → "Sector 62, Noida": the sector number is the address, the place says whose
            return Optional.of(known.map(place -> sector.get() + ", " + place).orElse(sector.get()));
        }
        if (known.isPresent()) {
            return known;
        }
        if (!locationWasAsked) {
            return Optional.empty();
        }
        Optional<List<String>> words = fromPattern(tokens);
        if (words.isEmpty() && !tokens.isEmpty() && tokens.size() <= 3 && !IntentClassifier.isBackchannel(utterance)
                && tokens.stream().allMatch(LocationParser::isPlaceWord) && !isLandmark(tokens)) {
            words = Optional.of(tokens);
        }
        return words.map(place -> asHeard(place, utterance));
    }

    /**
     * A place we do not know, in the caller's own words: "धनकवडी" heard in Devanagari stays "धनकवडी", not the
     * transliteration "Dhanakavadi" our rules read, which nobody writes and a Hindi voice reading it back says as
     * English letters; Latin words are title-cased ("bellandur" → "Bellandur").
     */
    private static String asHeard(List<String> place, String utterance) {
        if (!HindiText.containsDevanagari(utterance)) {
            return Utterances.titleCase(String.join(" ", place));
        }
        Map<String, String> spoken = new LinkedHashMap<>();
        for (String word : HindiText.normalise(utterance).split("[^\\p{L}\\p{M}\\p{N}]+")) {
            List<String> read = Utterances.tokens(word);
            if (read.size() == 1 && HindiText.containsDevanagari(word)) {
                spoken.putIfAbsent(read.getFirst(), word);
            }
        }
        List<String> heard = new ArrayList<>(place.size());
        for (String token : place) {
            String word = spoken.get(token);
            heard.add(word != null ? word : Utterances.titleCase(token));
        }
        return String.join(" ", heard);
    }

    /**
     * The stored name of a place written on its own, in any spelling or script the list has ("मुंबई", "Bombay",
     * "व्हाइटफील्ड" → "Mumbai", "Mumbai", "Whitefield"), so a lead's imported place reads as a call stores it. Only
     * a whole name counts, and no close spelling: a place the list does not know is no other place.
     */
    public Optional<String> knownName(String written) {
        String key = key(written);
        return key.isEmpty() ? Optional.empty() : Optional.ofNullable(placesByKey.get(key));
    }

    private Optional<String> known(List<String> tokens) {
        String bestCity = null;
        for (int i = 0; i < tokens.size(); i++) {
            // longest first: "navi mumbai" over "mumbai", "electronic city" over nothing
            for (int len = Math.min(4, tokens.size() - i); len >= 1; len--) {
                String place = placesByKey.get(String.join("", tokens.subList(i, i + len)));
                if (place == null) {
                    continue;
                }
                if (!Localities.CITIES.contains(place)) {
                    return Optional.of(place);
                }
                if (bestCity == null) {
                    bestCity = place;
                }
                i += len - 1;
                break;
            }
        }
        return Optional.ofNullable(bestCity);
    }

    /**
     * "sector 62", "सेक्टर 150", "Sector-62" (tokenised "sector to 62"), "sector no 18": Noida, Gurgaon and Dwarka
     * addresses are sectors, too many to list.
     */
    private static Optional<String> sector(List<String> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!tokens.get(i).equals("sector")) {
                continue;
            }
            int n = i + 1;
            if (Set.of("to", "no", "number").contains(tokens.get(n)) && n + 1 < tokens.size()) {
                n++;
            }
            if (tokens.get(n).matches("\\d{1,3}")) {
                return Optional.of("Sector " + Integer.parseInt(tokens.get(n)));
            }
        }
        return Optional.empty();
    }

    // "X ke paas", Hindi's "near X" ("Whitefield ke paas", "metro station ke paas kahin"), as recognisers spell it
    private static final Set<String> NEAR_AFTER = Set.of("paas", "pass", "pas", "nazdeek", "nazdik", "najdik",
            "najdeek", "kareeb", "karib", "qareeb", "aaspaas");

    /*
     * What a caller lives near, not where: "metro station ke paas", "near airport", "Phoenix mall ke paas" name no
     * area, so they are no place to store (the location question is asked again), while "Whitefield metro station ke
     * paas" is Whitefield and a landmark the place list knows ("Airport Road", "Mall Road": a road, not a mall) stays.
     * A phrase is a landmark when it ends in one of these; Devanagari arrives transliterated ("steshan", "aspatal").
     */
    private static final Set<String> LANDMARKS = Set.of("station", "steshan", "metro", "airport", "eyaraport",
            "hospital", "aspatal", "clinic", "school", "skul", "college", "kolej", "university", "mall", "mol",
            "market", "highway", "haive", "expressway", "flyover", "office", "temple", "mandir", "masjid", "mosque",
            "church", "gurudwara", "stadium", "stand", "depot");

    /** The words of a place named in "in X", "near X", "X mein", "X side", "X ke paas"; never a landmark. */
    private static Optional<List<String>> fromPattern(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (Set.of("in", "near", "around").contains(t)) {
                List<String> words = new ArrayList<>();
                for (int j = i + 1; j < tokens.size() && words.size() < 3 && isPlaceWord(tokens.get(j)); j++) {
                    words.add(tokens.get(j));
                }
                if (!words.isEmpty() && !isLandmark(words)) {
                    return Optional.of(words);
                }
            }
            boolean near = NEAR_AFTER.contains(t) && i > 1 && tokens.get(i - 1).equals("ke");
            if (Set.of("mein", "side", "area").contains(t) && i > 0 || near) {
                List<String> words = new ArrayList<>();
                for (int j = i - (near ? 2 : 1); j >= 0 && words.size() < 2 && isPlaceWord(tokens.get(j)); j--) {
                    words.addFirst(tokens.get(j));
                }
                if (!words.isEmpty() && !isLandmark(words)) {
                    return Optional.of(words);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the answer names what the caller lives near and no area ("mall ke paas", "near the metro station"), so
     * the area is still to ask for.
     */
    public boolean namesOnlyALandmark(String utterance) {
        return parse(utterance, true).isEmpty() && Utterances.tokens(utterance).stream().anyMatch(LANDMARKS::contains);
    }

    private static boolean isLandmark(List<String> words) {
        return LANDMARKS.contains(words.getLast());
    }

    private static boolean isPlaceWord(String token) {
        return token.length() >= 3 && !STOP.contains(token) && !NumberWords.isNumberWord(token)
                && token.chars().allMatch(Character::isLetter);
    }

    private static String key(String place) {
        return Utterances.normalise(place).replace(" ", "");
    }
}
