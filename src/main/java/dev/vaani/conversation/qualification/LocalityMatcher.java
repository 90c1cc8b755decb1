package dev.vaani.conversation.qualification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds a known place in a transliterated Devanagari transcript when no spelling matched exactly: "व्हाइटफ़ील्ड"
 * transliterates to "vhaitafild", one letter from the listed "व्हाइटफील्ड" ("vhaitaphild"), and both loosen to the
 * same key. Keys are loosened the same way for English names ("Koramangala", "कोरमंगला" → "koramangala"), so a place
 * listed without a Devanagari spelling is found too. Only used on Devanagari input: English text has no spelling
 * variation of this kind, and fuzzy matching it would turn everyday words into places.
 */
final class LocalityMatcher {

    private static final int MIN_KEY_LENGTH = 5;

    private final Map<String, String> placesByLooseKey = new LinkedHashMap<>();

    /** @param placesByKey place keys (transliterated, spaces removed) to stored names, in priority order */
    LocalityMatcher(Map<String, String> placesByKey) {
        placesByKey.forEach((key, place) -> {
            String loose = loose(key);
            if (loose.length() >= MIN_KEY_LENGTH) {
                placesByLooseKey.putIfAbsent(loose, place);
            }
        });
    }

    /** The closest known place to a window of one to three tokens, if any is close enough; localities beat cities. */
    Optional<String> closest(List<String> tokens, Predicate<String> skipWord) {
        String best = null;
        double bestScore = Double.MAX_VALUE;
        for (int i = 0; i < tokens.size(); i++) {
            if (skipWord.test(tokens.get(i))) {
                continue;
            }
            for (int len = 1; len <= 3 && i + len <= tokens.size(); len++) {
                if (skipWord.test(tokens.get(i + len - 1))) {
                    break;
                }
                String window = loose(String.join("", tokens.subList(i, i + len)));
                if (window.length() < MIN_KEY_LENGTH) {
                    continue;
                }
                for (var entry : placesByLooseKey.entrySet()) {
                    String key = entry.getKey();
                    int allowed = allowedEdits(key);
                    if (Math.abs(key.length() - window.length()) > allowed) {
                        continue;
                    }
                    int distance = distance(window, key);
                    if (distance > allowed) {
                        continue;
                    }
                    // a locality beats its city at equal closeness
                    double score = distance / (double) key.length() + (Localities.CITIES.contains(entry.getValue()) ? 0.5 : 0);
                    if (score < bestScore) {
                        bestScore = score;
                        best = entry.getValue();
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * How many letters a window may differ from a place's loosened key. {@link #loose} already absorbs the spelling
     * differences that do not change the sound, so a short name must match it exactly: one letter off a five-letter
     * key is a different word, and everyday Hindi verbs are just that ("करना" loosens to "karan", one letter from
     * Kharadi's "karad"; "सकते" to "sakat", one from Saket's "saket"). Longer names, where a recogniser's slip is
     * one letter among many ("vaitafild"), get one edit per eight letters.
     */
    static int allowedEdits(String looseKey) {
        return looseKey.length() / 8;
    }

    /**
     * Spelling differences that do not change how a place sounds: aspiration after a consonant ("ph"/"f", "th"/"t"),
     * w/v, z/j, c/k, doubled letters, long vowels written double, a final vowel.
     */
    static String loose(String latin) {
        String s = latin.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
        s = s.replace("ph", "f").replace("ck", "k").replace("chh", "C").replace("ch", "C").replace("sh", "S")
                .replace("c", "k").replace("C", "c").replace("S", "s").replace("w", "v").replace("z", "j")
                .replace("q", "k").replace("x", "ks").replace("ee", "i").replace("oo", "u").replace("ie", "i")
                .replace("y", "i");
        s = s.replaceAll("(?<=[kgcjtdpbrsv])h", "");
        s = s.replaceAll("(.)\\1+", "$1");
        s = s.replaceAll("m(?=[bp])", "n");
        return s.replaceAll("[aeiou]$", "");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
