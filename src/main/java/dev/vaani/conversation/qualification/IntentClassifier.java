package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Set;

/**
 * Finds what a caller's turn means for the call (refusal, callback, transfer...) in English and Hinglish. Rules, not
 * a model: they must behave the same offline and be cheap enough to run on every interim transcript.
 */
public final class IntentClassifier {

    private static final Set<String> WRONG_NUMBER = Set.of("wrong number", "galat number",
            "who are you calling", "i didn t enquire", "i never enquired", "didn t make any enquiry",
            "koi enquiry nahi", "maine enquiry nahi", "not me", "wrong person");
    // Asking who is calling is not saying the call is not for them: the agent says who it is and goes on
    private static final Set<String> WHO_IS_CALLING = Set.of("who is this", "who s this", "who is it", "who s it",
            "who is calling", "who s calling", "who is speaking", "who s speaking", "who are you", "who am i speaking to",
            "who am i talking to", "which company", "where are you calling from", "kaun bol", "aap kaun", "kaun hai",
            "kaun hain", "kaun ho", "kahan se bol", "kaha se bol", "kis company", "kaun si company",
            "kaunsi company");
    // ...and so is a turn of just one of these
    private static final Set<String> WHO_ALONE = Set.of("who", "kaun", "hello who", "hello kaun", "ji kaun",
            "haan ji kaun", "haan kaun");
    private static final Set<String> NOT_INTERESTED = Set.of("not interested", "no interest", "interest nahi",
            "interested nahi", "not looking", "already bought", "already purchased", "le liya", "kharid liya",
            "no requirement", "kuch nahi chahiye", "not anymore", "nahi chahiye kuch");
    // These also correct a detail ("loan nahi chahiye", "villa nahi chahiye, flat chahiye"), so they refuse the
    // call only when the turn carries no qualification answer.
    private static final Set<String> WEAK_REFUSAL = Set.of("nahi chahiye", "mujhe nahi chahiye", "nahi lena",
            "zarurat nahi", "koi zarurat nahi", "no need", "no thanks", "no thank you", "don t want");
    // ...and only when they turn down nothing in particular: after nothing, a pronoun or "property" ("mujhe nahi
    // chahiye", "koi property nahi chahiye"). After a particular thing ("top floor nahi chahiye", "under construction
    // nahi chahiye") they state a preference, and the call goes on.
    private static final Set<String> NOTHING_IN_PARTICULAR = Set.of("mujhe", "mujhko", "hume", "humein", "hamein",
            "humko", "hum", "main", "i", "we", "abhi", "ab", "filhaal", "filhal", "koi", "kuch", "bhi", "ji", "bhai",
            "sir", "madam", "nahi", "no", "na", "property", "ghar", "house", "hai", "bas", "ok", "okay", "achha",
            "sorry", "really", "actually", "thanks", "please", "yaar", "aapki", "aapka", "aapke", "it", "that", "this");
    // small words between the thing and the refusal: "ghar ki zarurat nahi"
    private static final Set<String> LINKING_WORDS = Set.of("ki", "ka", "ke", "ko");
    private static final Set<String> HUMAN = Set.of("talk to a person", "speak to a person", "real person",
            "human", "talk to someone", "speak to someone", "representative", "agent se baat", "kisi se baat",
            "insaan se baat", "customer care", "your manager", "sales person", "salesperson", "executive",
            "connect me", "transfer me", "talk to a human", "speak to a human", "advisor se baat",
            "talk to an agent", "speak to an agent", "live agent", "person se baat", "manager se baat",
            "senior se baat", "agent se", "kisi aur se baat");
    // asking what the agent is ("are you a real person?") is not asking to be handed to one
    private static final Set<String> AI_QUESTION = Set.of("are you a robot", "are you robot", "are you a bot",
            "are you an ai", "are you ai", "are you a machine", "are you a computer", "are you a recording",
            "are you human", "are you a human", "are you a real person", "are you real", "are you a person",
            "is this a robot", "is this a bot", "is this an ai", "is this a recording", "is this automated",
            "is this an automated", "is this a real person", "is this a human", "is it a robot", "is it a recording",
            "am i talking to a robot", "am i talking to a bot", "am i talking to an ai", "am i talking to a machine",
            "am i talking to a computer", "am i talking to a real person", "am i talking to a human",
            "am i speaking to a robot", "am i speaking to a real person", "am i speaking to a human",
            "robot ho", "robot hai", "robot hain", "robot ho kya", "bot ho", "machine ho", "machine hai",
            "computer ho", "computer hai", "recording hai", "insaan ho", "insaan hai", "insaan hain", "insan ho",
            "insan hai", "real person ho", "real person hai", "real person hain", "asli insaan");
    // ...unless the same turn asks to talk to one: "are you a robot? I want to talk to a real person"
    private static final Set<String> TALK_REQUEST = Set.of("talk to", "speak to", "connect me", "transfer me",
            "se baat", "baat karni", "baat karao", "baat karwao", "baat karwaiye", "baat karaiye");
    private static final Set<String> REPEAT = Set.of("repeat", "say again", "say that again", "come again",
            "pardon", "once more", "one more time", "didn t get that", "didn t catch", "didn t hear", "couldn t hear",
            "can t hear", "what was that", "what did you say", "sorry what", "what sorry", "excuse me", "kya bola",
            "kya boli", "kya kaha", "kya bol rahe", "kya bol rahi", "phir se bolo", "phir se boliye", "phir se batao",
            "phir se bataiye", "fir se bolo", "fir se boliye", "dobara bolo", "dobara boliye", "samajh nahi aaya",
            "sunai nahi diya");
    // A whole turn of just one of these is a request to hear the question again
    private static final Set<String> REPEAT_ALONE = Set.of("what", "huh", "sorry", "kya", "haan ji kya", "ji kya");

    private IntentClassifier() {
    }

    public static Intent classify(String utterance) {
        List<String> tokens = Utterances.tokens(utterance);
        String normal = String.join(" ", tokens);
        if (normal.isEmpty()) {
            return Intent.OTHER;
        }
        boolean asksForLaterCall = CallbackRequests.asksForACall(normal);
        if (!asksForLaterCall && DoNotCallRequests.turnsDownOnlySomeTimes(normal)) {
            return Intent.CALL_LATER; // the caller's hours: asked when to call, never booked at the time turned down
        }
        // before a wrong number: "who is this? don't call me again" must stop every call to the number
        if (DoNotCallRequests.isRequest(normal, asksForLaterCall)) {
            return Intent.DO_NOT_CALL;
        }
        if (Utterances.containsAny(normal, WRONG_NUMBER)) {
            return Intent.WRONG_NUMBER;
        }
        if (Utterances.containsAny(normal, AI_QUESTION) && !Utterances.containsAny(normal, TALK_REQUEST)) {
            return Intent.ASKS_IF_AI;
        }
        if (Utterances.containsAny(normal, HUMAN)) {
            return Intent.TALK_TO_HUMAN;
        }
        // "not interested right now, call me later" asks for a callback; a callback is the better outcome
        if (asksForLaterCall || CallbackRequests.saysABadTime(tokens)) {
            return Intent.CALL_LATER;
        }
        if (Utterances.containsAny(normal, NOT_INTERESTED)
                || refusesNothingInParticular(tokens) && !answersSomething(normal)) {
            return Intent.NOT_INTERESTED;
        }
        if (Utterances.containsAny(normal, WHO_IS_CALLING) || WHO_ALONE.contains(normal)) {
            return Intent.ASKS_WHO_IS_CALLING;
        }
        if (Utterances.containsAny(normal, REPEAT) || REPEAT_ALONE.contains(normal)) {
            return Intent.REPEAT;
        }
        boolean startsWithYes = YesNo.startsWithYes(tokens);
        if (isBackchannel(normal) && !startsWithYes) {
            return Intent.BACKCHANNEL;
        }
        if (startsWithYes || YesNo.startsWithConfirmWord(tokens)) {
            Intent afterYes = YesNo.whatFollowsTheYes(tokens);
            if (afterYes != null) {
                return afterYes;
            }
        }
        if (startsWithYes) {
            return Intent.AFFIRM;
        }
        if (YesNo.startsWithNo(tokens)) {
            return Intent.NEGATIVE;
        }
        return YesNo.isUnsure(normal) ? Intent.UNSURE : Intent.OTHER;
    }

    /**
     * Whether the turn names a moment to call at ("tomorrow evening", "kal shaam", "Sunday", "in 10 minutes"), not
     * just a length of time ("do minute", "two minutes", as the greeting asked for).
     */
    public static boolean namesAMomentToCall(String utterance) {
        return CallbackRequests.namesAMomentToCall(utterance);
    }

    /** Whether the caller says "not now" ("abhi nahi", "अभी नहीं") anywhere in the turn. */
    public static boolean saysNotNow(String utterance) {
        return YesNo.saysNotNow(utterance);
    }

    /**
     * Whether the caller says yes to a read-back ("So, a 2 BHK in Whitefield... Is that right?") without starting
     * with a yes: "that is right", "it is correct", "haan sahi hai"; see {@link YesNo#confirms}.
     */
    public static boolean confirms(String utterance) {
        return YesNo.confirms(utterance);
    }

    /** Whether the whole turn is a listening noise ("hmm", "achha", "okay", "haan ji"): {@link Backchannels}' rule. */
    public static boolean isBackchannel(String transcript) {
        return Backchannels.isBackchannel(transcript);
    }

    private static boolean answersSomething(String normal) {
        return normal.replace("nahi chahiye", "").contains("chahiye")
                || PropertyTypeParser.parse(normal).isPresent() || FinancingParser.parse(normal).isPresent()
                || BudgetParser.parse(normal).isPresent() || PurposeParser.parse(normal).isPresent();
    }

    private static boolean refusesNothingInParticular(List<String> tokens) {
        for (String phrase : WEAK_REFUSAL) {
            List<String> words = List.of(phrase.split(" "));
            for (int i = 0; i + words.size() <= tokens.size(); i++) {
                if (!tokens.subList(i, i + words.size()).equals(words)) {
                    continue;
                }
                int before = i - 1;
                while (before >= 0 && LINKING_WORDS.contains(tokens.get(before))) {
                    before--;
                }
                if (before < 0 || NOTHING_IN_PARTICULAR.contains(tokens.get(before))) {
                    return true;
                }
            }
        }
        return false;
    }
}
