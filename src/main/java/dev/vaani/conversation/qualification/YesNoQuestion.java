package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A question that a yes or a no answers ("Do you need covered parking?", "Kya aapko parking chahiye?", "क्या आपको
 * पार्किंग चाहिए?"), and a turn that is only a yes or a no ("haan ji", "no I don't", "nahi chahiye", "no need").
 * A campaign may ask such questions of its own, which the agent understands nothing else of: to them a bare yes or
 * no is the answer, and "no need" refuses the thing asked about, not the call.
 */
public final class YesNoQuestion {

    private static final Set<String> QUESTION_WORDS = Set.of("what", "which", "when", "where", "who", "whom", "whose",
            "why", "how", "kaun", "kaunsa", "kaunsi", "kaunse", "konsa", "konsi", "kis", "kise", "kahan", "kaha",
            "kidhar", "kab", "kitna", "kitni", "kitne", "kaise", "kyun", "kyon", "kyu");
    // "a flat or a villa?", "loan lenge ya apne paise se?": a choice, which a yes does not make
    private static final Set<String> ALTERNATIVES = Set.of("or", "ya", "either", "athva", "athwa");
    private static final Set<String> YES_NO_OPENERS = Set.of("do", "does", "did", "is", "are", "was", "were", "will",
            "would", "can", "could", "should", "shall", "have", "has", "had", "may", "might", "am", "any", "kya");
    // A Hindi "kya" asks what only inside a question ("aap kya dhoondh rahe hain?"); first or last it asks yes or no
    private static final String KYA = "kya";

    private static final Set<String> NEGATIONS = Set.of("no", "nope", "nah", "nahi", "nahin", "nhi", "not", "don",
            "dont", "never");
    // "na" says no first ("na, zarurat nahi"); after a yes it presses it ("haan na")
    private static final String NA = "na";
    // The words a bare answer is made of besides its yes or no: "yes I do", "haan chahiye", "no thank you", "koi
    // zarurat nahi", "I don't need it". A turn with any other word in it says more than yes or no.
    private static final Set<String> ANSWER_WORDS = Set.of("i", "we", "do", "does", "it", "that", "one", "need",
            "needed", "want", "would", "like", "t", "chahiye", "chahie", "zarurat", "zaroorat", "jarurat", "koi",
            "hai", "hain", "ji", "jee", "sir", "madam", "maam", "please", "thanks", "thank", "you", "bilkul",
            "definitely", "of", "course", "zaroor", "zarur", "sure", "ok", "okay", "haan", "han", "haa", "ha", "yes",
            "yeah", "yep", "yup", "hanji", "right", "correct", "absolutely");

    private YesNoQuestion() {
    }

    /**
     * Whether a yes or a no answers the question: it asks no question word (what, kahan, kitna...) and offers no
     * choice (a flat or a villa), and opens like a yes-no question ("Do you...", "Is it...", "Kya...") or ends
     * with a question mark ("Aapko parking chahiye?").
     */
    public static boolean asksForYesOrNo(String question) {
        List<String> tokens = Utterances.tokens(question);
        if (tokens.isEmpty()) {
            return false;
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            boolean askingWhat = token.equals(KYA) && i > 0 && i < tokens.size() - 1;
            if (QUESTION_WORDS.contains(token) || ALTERNATIVES.contains(token) || askingWhat) {
                return false;
            }
        }
        return YES_NO_OPENERS.contains(tokens.getFirst()) || tokens.getLast().equals(KYA)
                || question.strip().endsWith("?");
    }

    /**
     * The first of the choices a question offers, as the words before its "or" ("will you be taking a home loan" of
     * "Will you be taking a home loan, or is it self-funded?"); empty when it offers none.
     */
    static Optional<String> firstChoice(String question) {
        List<String> tokens = Utterances.tokens(question);
        for (int i = 1; i < tokens.size(); i++) {
            if (ALTERNATIVES.contains(tokens.get(i))) {
                return Optional.of(String.join(" ", tokens.subList(0, i)));
            }
        }
        return Optional.empty();
    }

    /**
     * A turn that says yes or no and nothing else: true for "yes", "haan ji", "yes I do", "bilkul"; false for "no",
     * "ji nahi", "nahi chahiye", "no need", "no thank you", "I don't need it"; empty for a turn saying more ("yes,
     * for two cars"), something else ("not sure", "abhi nahi") or nothing.
     */
    public static Optional<Boolean> bareAnswer(String utterance) {
        List<String> tokens = Utterances.tokens(utterance);
        if (tokens.isEmpty() || YesNo.isUnsure(String.join(" ", tokens)) || !tokens.stream()
                .allMatch(t -> ANSWER_WORDS.contains(t) || NEGATIONS.contains(t) || t.equals(NA))) {
            return Optional.empty();
        }
        if (tokens.getFirst().equals(NA) || tokens.stream().anyMatch(NEGATIONS::contains)) {
            return Optional.of(false);
        }
        boolean saysYes = YesNo.startsWithYes(tokens) || YesNo.startsWithConfirmWord(tokens)
                || tokens.stream().anyMatch(t -> YesNo.startsWithYes(List.of(t)));
        return saysYes ? Optional.of(true) : Optional.empty();
    }
}
