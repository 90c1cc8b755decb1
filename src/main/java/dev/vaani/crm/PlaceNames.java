package dev.vaani.crm;

import dev.vaani.conversation.qualification.LocationParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A lead's location as the broker's file or form writes it, with each place the calls know under the name a call
 * stores for it: "मुंबई" → "Mumbai", "बाणेर, पुणे" → "Baner, Pune". A call stores "Mumbai" for a caller who says
 * "मुंबई", so the console would otherwise show, and a broker filter, two spellings of one city. One gazetteer serves
 * both (qualification/localities.tsv, through {@link LocationParser}); a place it does not know is kept as written.
 */
final class PlaceNames {

    private static final LocationParser PLACES = LocationParser.standard();

    private PlaceNames() {
    }

    /** Each comma-separated part that is a known place, by its stored name; everything else as written. */
    static String canonical(String written) {
        if (written == null || written.isBlank()) {
            return written;
        }
        List<String> parts = new ArrayList<>();
        boolean renamed = false;
        for (String part : written.split(",")) {
            String trimmed = part.strip();
            String name = PLACES.knownName(trimmed).orElse(trimmed);
            renamed |= !name.equals(trimmed);
            parts.add(name);
        }
        return renamed ? String.join(", ", parts) : written; // nothing known: the cell exactly as written
    }
}
