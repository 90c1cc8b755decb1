package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Self use or investment: "to live in", "rehne ke liye", "investment ke liye", "rental income". */
public final class PurposeParser {

    private static final Set<String> SELF_USE = Set.of("self use", "own use", "to live", "live in",
            "living", "to stay", "stay in", "for family", "my family", "end use", "personal use", "rehne ke liye",
            "rehne", "khud ke liye", "apne liye", "khud rahenge", "family ke liye", "shift", "move in", "end user",
            "residence", "for myself", "for us", "self usage", "own stay");
    // Not "resale" alone: to an Indian buyer a resale flat is a second-hand one, whatever it is for ("resale value" is
    // about returns)
    private static final Set<String> INVESTMENT = Set.of("investment", "invest", "investing", "rental income",
            "rent out", "rental", "returns", "resale value", "appreciation", "nivesh", "rent pe dena", "kiraya");
    private static final Set<String> BOTH = Set.of("both", "dono", "dono ke liye");

    private PurposeParser() {
    }

    public static Optional<Purpose> parse(String utterance) {
        return parse(utterance, false);
    }

    /** @param purposeWasAsked "both", "dono" and a bare "self" answer only the purpose question */
    public static Optional<Purpose> parse(String utterance, boolean purposeWasAsked) {
        List<String> tokens = Utterances.tokens(utterance);
        String normal = String.join(" ", tokens);
        // "investment ke liye nahi", "not for investment": turned down, not the purpose
        boolean self = Utterances.saysAnyWithoutTurningDown(tokens, SELF_USE)
                || (purposeWasAsked && Utterances.saysWithoutTurningDown(tokens, "self"));
        boolean investment = Utterances.saysAnyWithoutTurningDown(tokens, INVESTMENT);
        if ((self && investment) || (purposeWasAsked && Utterances.containsAny(normal, BOTH))) {
            return Optional.of(Purpose.BOTH);
        }
        if (self) {
            return Optional.of(Purpose.SELF_USE);
        }
        return investment ? Optional.of(Purpose.INVESTMENT) : Optional.empty();
    }
}
