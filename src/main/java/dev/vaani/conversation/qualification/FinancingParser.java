package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Home loan or self-funded: "loan lena hai", "bank finance", "full cash", "apne paise se", "अपने पैसों से". A loan
 * turned down is self-funding, however it is turned down: "no loan", "loan nahi chahiye", "bina loan ke", "finance
 * nahi chahiye", "I don't need any loan", "I will not take a loan"; a way of paying turned down is not that way: "cash
 * nahi hai, loan lenge" is a loan. Part loan, part own money ("loan aur baaki cash") is a loan.
 */
public final class FinancingParser {

    private static final Set<String> SELF_FUNDED = Set.of("self funded", "self funding", "self finance",
            "self financed", "own funds", "own money", "cash", "full payment", "savings", "apne paise",
            "apna paisa", "khud ke paise", "down payment full", "self", "no finance",
            // "अपने पैसों से", the Hindi question's own words, as the lexicon spells them today
            "apne paison", "apane paison", "apane paise", "khud ke paison");
    // "home loan", "bank loan", "housing loan", "bank finance", "loan lena", "loan chahiye" all say one of these
    private static final Set<String> LOAN = Set.of("loan", "finance", "emi", "mortgage");

    // Words that split a price between ways of paying: "half loan half own funds", "loan aur baaki cash", "kuch loan
    // lenge, baaki apne paise", "loan aur cash dono"; a turn naming both without one changes its mind ("loan
    // approved hai, but full cash dunga")
    private static final Set<String> SHARES = Set.of("half", "aadha", "aadhe", "adha", "adhe", "part", "partly",
            "partially", "partial", "some", "kuch", "thoda", "thodi", "baaki", "baki", "bacha", "bachi", "rest",
            "remaining", "balance", "percent", "dono", "both", "mix", "mixed", "combination");
    // A turn's clauses are read apart: "no, I will take a loan" is a loan
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[,;!?।]|\\.(?!\\d)");
    // Turned down before the thing, with only the words of wanting or taking it between: "not taking any loan", "I
    // don't need a loan", "we won't be taking a home loan", "no need for a loan", "without any loan", "bina loan ke".
    // Not by Hindi's "nahi", which stands before a thing only as its own answer ("nahi, loan lenge" takes one).
    private static final Set<String> WORDS_OF_TAKING = Set.of("need", "needed", "want", "wanted", "take", "taking",
            "took", "get", "getting", "apply", "applying", "require", "required", "going", "to", "be", "planning",
            "any", "a", "an", "the", "home", "bank", "housing", "for", "of", "kisi", "koi");
    private static final int MAX_WORDS_OF_TAKING = 5;
    // Turned down after the thing, past small words and the words of taking or needing it: "loan nahi", "finance nahi
    // chahiye", "loan lene ki zarurat nahi", "loan to bilkul nahi lenge", "cash nahi hai"
    private static final Set<String> WORDS_BEFORE_NAHI = Set.of("ki", "ka", "ke", "ko", "to", "toh", "bilkul", "koi",
            "zarurat", "zaroorat", "jarurat", "jaroorat", "lene", "lena", "leni", "chahiye", "bhi", "hi", "hum",
            "main", "mujhe", "hamein", "humein");
    private static final int MAX_WORDS_BEFORE_NAHI = 4;

    private FinancingParser() {
    }

    public static Optional<Financing> parse(String utterance) {
        return parse(utterance, false);
    }

    /** @param financingWasAsked a bare "self" answers only "loan or self-funded?" */
    public static Optional<Financing> parse(String utterance, boolean financingWasAsked) {
        boolean selfFunded = false;
        boolean loan = false;
        for (String clause : CLAUSE_BREAK.split(utterance == null ? "" : utterance)) {
            List<String> tokens = Utterances.tokens(clause);
            List<int[]> selfSpans = Utterances.phraseSpans(tokens, SELF_FUNDED.stream()
                    .filter(p -> financingWasAsked || !p.equals("self")).toList());
            for (int[] span : selfSpans) {
                selfFunded |= !turnedDown(tokens, span);
            }
            for (int[] span : Utterances.phraseSpans(tokens, LOAN)) {
                if (selfSpans.stream().anyMatch(s -> s[0] <= span[0] && span[1] <= s[1])) {
                    continue; // the "finance" of "self finance" or "no finance"
                }
                if (turnedDown(tokens, span)) {
                    selfFunded = true; // "no loan": paying without one
                } else {
                    loan = true;
                }
            }
        }
        // Part loan, part own money is stored as a loan: one is being taken, and what the sales team does with a loan
        // (eligibility, the banks a project is approved with) it does for a part loan too. Financing has no third
        // value, as the read-back phrasebooks and the LLM's save_lead_details hint outside this package know two.
        if (selfFunded && loan && Utterances.tokens(utterance).stream().anyMatch(SHARES::contains)) {
            return Optional.of(Financing.HOME_LOAN);
        }
        // Checked first, as ever: "loan approved hai, but full cash dunga" says how they will pay
        if (selfFunded) {
            return Optional.of(Financing.SELF_FUNDED);
        }
        return loan ? Optional.of(Financing.HOME_LOAN) : Optional.empty();
    }

    /**
     * A bare yes or no to the question of how the lead will pay: a no turns down the way the question names first
     * ("Will you be taking a home loan, or is it self-funded?" "No." is self-funded; "Self-funded or a loan?" "Nahi."
     * a loan); a yes takes it only when the question offers no other ("Do you need a home loan?" "Haan ji.").
     */
    public static Optional<Financing> answerTo(String question, boolean yes) {
        Optional<String> choice = YesNoQuestion.firstChoice(question);
        Optional<Financing> first = parse(choice.orElse(question), true);
        if (yes) {
            return choice.isPresent() ? Optional.empty() : first;
        }
        return first.map(f -> f == Financing.HOME_LOAN ? Financing.SELF_FUNDED : Financing.HOME_LOAN);
    }

    private static boolean turnedDown(List<String> tokens, int[] span) {
        return Negation.before(tokens, span[0], WORDS_OF_TAKING, MAX_WORDS_OF_TAKING)
                || Negation.after(tokens, span[1], WORDS_BEFORE_NAHI, MAX_WORDS_BEFORE_NAHI);
    }
}
