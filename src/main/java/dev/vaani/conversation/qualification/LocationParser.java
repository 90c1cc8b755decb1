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
 * Whitefield). Unknown places are taken from "in X", "near X", "around X", "X mein", "X side".
 */
public final class LocationParser {

    private static final Set<String> STOP = Set.of("the", "a", "an", "my", "our", "your", "this", "that", "next",
            "any", "some", "good", "budget", "city", "area", "mind", "future", "time", "months", "month", "year",
            "years", "lakh", "lakhs", "crore", "property", "flat", "apartment", "villa", "plot", "house", "bhk",
            "for", "with", "and", "or", "of", "to", "is", "it", "i", "me", "mujhe", "hai", "hain", "chahiye", "koi",
            "ek", "do", "but", "also", "only", "please", "locality", "location", "interested", "looking", "want",
            "need", "buy", "around", "near", "in", "mein", "side", "investment", "loan", "use", "own",
            "ready", "under", "construction", "family", "office", "work", "general", "particular", "not", "sure",
            "yes", "no", "haan", "nahi", "ji", "okay", "ok", "know", "don", "t", "decided", "anywhere", "wahi", "yahi",
            "call", "which", "what", "same", "other", "nearby", "main", "abhi", "baad", "kis", "kaun", "us", "uss",
            "ghar", "jagah", "wala", "wali", "hindi", "english", "home", "touch", "rent", "hurry", "process");

    private final Map<String, String> placesByKey;

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
        if (known.isPresent()) {
            return known;
        }
        Optional<String> pattern = fromPattern(tokens);
        if (pattern.isPresent()) {
            return pattern;
        }
        if (locationWasAsked && !tokens.isEmpty() && tokens.size() <= 3 && !IntentClassifier.isBackchannel(utterance)
                && tokens.stream().noneMatch(t -> STOP.contains(t) || NumberWords.isNumberWord(t))) {
            return Optional.of(Utterances.titleCase(String.join(" ", tokens)));
        }
        return Optional.empty();
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

    private static Optional<String> fromPattern(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (Set.of("in", "near", "around").contains(t)) {
                List<String> words = new ArrayList<>();
                for (int j = i + 1; j < tokens.size() && words.size() < 3 && isPlaceWord(tokens.get(j)); j++) {
                    words.add(tokens.get(j));
                }
                if (!words.isEmpty()) {
                    return Optional.of(Utterances.titleCase(String.join(" ", words)));
                }
            }
            if (Set.of("mein", "side", "area").contains(t) && i > 0) {
                List<String> words = new ArrayList<>();
                for (int j = i - 1; j >= 0 && words.size() < 2 && isPlaceWord(tokens.get(j)); j--) {
                    words.addFirst(tokens.get(j));
                }
                if (!words.isEmpty()) {
                    return Optional.of(Utterances.titleCase(String.join(" ", words)));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isPlaceWord(String token) {
        return token.length() > 1 && !STOP.contains(token) && !NumberWords.isNumberWord(token)
                && token.chars().allMatch(Character::isLetter);
    }

    private static String key(String place) {
        return Utterances.normalise(place).replace(" ", "");
    }
}
