package dev.vaani.conversation.qualification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places Indian real-estate buyers name most often (localities.tsv); campaigns add their own. Each place is stored
 * under its usual English name, whichever spelling or script the caller's transcript used.
 */
final class Localities {

    static final List<String> CITIES;
    static final List<String> LOCALITIES;
    /** Other Latin names and common transcriptions, to the name we store. */
    static final Map<String, String> ALIASES;
    /** Devanagari spellings (as written in the list), to the name we store. */
    static final Map<String, String> DEVANAGARI;

    static {
        List<String> cities = new ArrayList<>();
        List<String> localities = new ArrayList<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        Map<String, String> devanagari = new LinkedHashMap<>();
        HindiLexicon.readTsv("/qualification/localities.tsv", cols -> {
            String name = cols[0].trim();
            (cols[1].trim().equals("city") ? cities : localities).add(name);
            for (String alias : cols[2].split(",")) {
                if (!alias.isBlank()) {
                    aliases.put(alias.trim(), name);
                }
            }
            for (String spelling : cols.length > 3 ? cols[3].split(",") : new String[0]) {
                if (!spelling.isBlank()) {
                    devanagari.put(spelling.trim(), name);
                }
            }
        });
        CITIES = List.copyOf(cities);
        LOCALITIES = List.copyOf(localities);
        ALIASES = Map.copyOf(aliases);
        DEVANAGARI = Map.copyOf(devanagari);
    }

    private Localities() {
    }
}
