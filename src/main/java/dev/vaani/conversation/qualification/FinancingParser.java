package dev.vaani.conversation.qualification;

import java.util.Optional;
import java.util.Set;

/** Home loan or self-funded: "loan lena hai", "bank finance", "full cash", "no loan", "loan nahi chahiye". */
public final class FinancingParser {

    // Checked first: "no loan" mentions a loan but means self-funded.
    private static final Set<String> NO_LOAN = Set.of("no loan", "without loan", "without a loan", "loan nahi",
            "loan ki zarurat nahi", "don t need a loan", "don t need loan", "not taking a loan", "not taking loan",
            "won t take a loan", "no need of loan", "no need for a loan", "loan nahin");
    private static final Set<String> SELF_FUNDED = Set.of("self funded", "self funding", "self finance",
            "self financed", "own funds", "own money", "cash", "full payment", "savings", "apne paise",
            "apna paisa", "khud ke paise", "down payment full", "self", "no finance");
    private static final Set<String> LOAN = Set.of("loan", "home loan", "bank loan", "bank finance", "finance",
            "emi", "mortgage", "housing loan", "loan lena", "loan lenge", "loan chahiye");

    private FinancingParser() {
    }

    public static Optional<Financing> parse(String utterance) {
        return parse(utterance, false);
    }

    /** @param financingWasAsked a bare "self" answers only "loan or self-funded?" */
    public static Optional<Financing> parse(String utterance, boolean financingWasAsked) {
        String normal = Utterances.normalise(utterance);
        if (Utterances.containsAny(normal, NO_LOAN)) {
            return Optional.of(Financing.SELF_FUNDED);
        }
        boolean selfFunded = SELF_FUNDED.stream()
                .filter(p -> financingWasAsked || !p.equals("self"))
                .anyMatch(p -> Utterances.containsPhrase(normal, p));
        if (selfFunded) {
            return Optional.of(Financing.SELF_FUNDED);
        }
        return Utterances.containsAny(normal, LOAN) ? Optional.of(Financing.HOME_LOAN) : Optional.empty();
    }
}
