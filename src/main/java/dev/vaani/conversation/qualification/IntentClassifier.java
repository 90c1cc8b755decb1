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
    // Asking to be called at another time: with one of these, a "don't call now" in the same turn is not a request
    // never to be called ("abhi call mat karo, baad mein call karna")
    private static final Set<String> CALL_LATER = Set.of("call me later", "call later", "call back", "callback",
            "call me back", "call me tomorrow", "call tomorrow", "kal call", "later please",
            "some other time", "call me in", "call me at", "call me on", "call me after", "call me in the evening",
            "call me tonight", "talk later", "call karo baad", "thodi der baad", "kuch der baad",
            "after some time", "in a while", "talk to you later", "speak later", "speak to you later");
    // "baad mein" (later) asks for a callback only about the call ("baad mein call karo", "baad mein baat karte
    // hain") or said on its own ("abhi nahi, baad mein"); in an answer it is a timeline or a decision put off ("do
    // saal baad mein lenge", "Diwali ke baad mein", "loan ka baad mein dekhenge")
    private static final Set<String> LATER = Set.of("baad mein", "baad me", "baad main");
    private static final Set<String> ABOUT_THE_CALL = Set.of("call", "phone", "ring", "baat", "talk", "speak");
    private static final Set<String> ON_ITS_OWN = Set.of("abhi", "nahi", "nahin", "no", "not", "now", "ji", "haan",
            "han", "ha", "please", "plz", "sorry", "bhai", "sir", "madam", "ok", "okay", "achha", "bas", "thoda",
            "yaar", "hai", "hain", "theek", "|");
    // Saying why now is bad: a callback too, but no ask for a call ("abhi busy hoon, raat ko call mat karna" is
    // still a request not to be called)
    private static final Set<String> BAD_TIME = Set.of("busy", "in a meeting", "driving", "not a good time",
            "bad time", "abhi time nahi", "time nahi hai", "not free", "free nahi", "meeting mein", "can t talk",
            "cannot talk", "baat nahi kar sakta", "baat nahi kar sakti", "baat nahi kar sakte", "gaadi chala raha",
            "gaadi chala rahi", "gaadi chala rahe");
    // "kal shaam call karna", "ek ghante baad call karo", "sunday ko phone karna": a call word with a time the
    // callback parser can read (its words are the one list of days, parts of day and "in N hours") asks for a callback
    private static final Set<String> CALL_WORDS = Set.of("call", "phone", "ring");
    // ...and after a call turned down, so does a bare "do it" with a time: "aaj call mat karo, kal karna"
    private static final Set<String> DO_IT = Set.of("karo", "karna", "kijiye", "kariye", "karen", "karein",
            "kar lena", "kar lijiye", "kar lijiyega");
    private static final Set<String> NOT = Set.of("mat", "na", "nahi", "nahin");
    // "kal baat karte hain", "can we talk tomorrow": talking at a time to come, without the word "call"
    private static final Set<String> TALK_THEN = Set.of("baat karte", "baat karenge", "baat kar lenge", "baat karna",
            "baat karo", "baat kijiye", "baat kariye", "baat karein", "baat karen", "baat hogi", "baat ho jayegi",
            "talk", "speak");
    // A length of time is not a moment to call unless it says from when: "do minute baat karte hain" echoes the
    // greeting's "two minutes"; "in 10 minutes", "10 minute baad" are moments
    private static final java.util.regex.Pattern BARE_MINUTES = java.util.regex.Pattern.compile(
            "(?<!(?:^| )(?:in|after))(?:^| )[^ ]+ (?:minute|minutes|min|mins|minat)(?= |$)(?! (?:baad|after|later|mein|me))");
    private static final Set<String> REPEAT = Set.of("repeat", "say again", "say that again", "come again",
            "pardon", "once more", "one more time", "didn t get that", "didn t catch", "didn t hear", "couldn t hear",
            "can t hear", "what was that", "what did you say", "sorry what", "what sorry", "excuse me", "kya bola",
            "kya boli", "kya kaha", "kya bol rahe", "kya bol rahi", "phir se bolo", "phir se boliye", "phir se batao",
            "phir se bataiye", "fir se bolo", "fir se boliye", "dobara bolo", "dobara boliye", "samajh nahi aaya",
            "sunai nahi diya");
    // A whole turn of just one of these is a request to hear the question again
    private static final Set<String> REPEAT_ALONE = Set.of("what", "huh", "sorry", "kya", "haan ji kya", "ji kya");
    // A read-back is confirmed by a turn made only of these and the small words around them ("it is correct",
    // "haan sahi hai"); a turn with other words in it is an answer or a correction, not a yes
    private static final Set<String> CONFIRM_WORDS = Set.of("yes", "yeah", "yep", "yup", "haan", "han", "haa",
            "right", "correct", "sahi", "bilkul", "exactly", "absolutely", "perfect");
    private static final Set<String> CONFIRM_FILLER = Set.of("it", "is", "its", "that", "thats", "s", "all",
            "everything", "ji", "hai", "ok", "okay", "sir", "madam", "maam", "please", "so", "oh", "ekdum", "sab",
            "theek", "thik", "fine", "true", "good", "very", "go", "ahead", "that s");
    private static final Set<String> NEGATIVE_WORDS = Set.of("no", "not", "nope", "nah", "nahi", "nahin", "wrong",
            "galat", "incorrect", "don", "isn", "change", "but");
    private static final Set<String> UNSURE = Set.of("don t know", "dont know", "not sure", "no idea", "pata nahi",
            "maloom nahi", "can t say", "haven t decided", "not decided", "abhi decide nahi", "maybe later");
    private static final Set<String> AFFIRM_START = Set.of("yes", "yeah", "yep", "yup", "haan", "haa", "han",
            "ha", "ji", "jee", "sure", "ok", "okay", "bilkul", "theek hai", "thik hai", "sahi hai", "right",
            "correct", "go ahead", "tell me", "boliye", "bataiye", "batao", "of course", "absolutely", "definitely",
            "please go ahead", "yes please", "that s right", "exactly", "haan ji", "ji haan", "hanji", "perfect");
    private static final Set<String> NEGATIVE_START = Set.of("no", "nope", "nah", "nahi", "nahin", "na",
            "not really", "galat", "wrong", "not right", "incorrect", "nope not");
    // A yes-word taken back by the words right after it: "ji nahi", "bilkul nahi", "correct nahi hai", "yes that's wrong"
    private static final Set<String> NEGATIONS = Set.of("no", "not", "nope", "nah", "nahi", "nahin", "nhi", "galat",
            "wrong", "incorrect", "never", "don", "didn", "isn", "doesn", "wasn");
    // ...unless they say there is no trouble: "yes, no problem", "sure, don't mind"
    private static final Set<String> NO_TROUBLE = Set.of("no problem", "not a problem", "no worries", "no issue",
            "no issues", "no objection", "don t mind", "not at all", "nahi to");
    // A yes-word followed by one of these qualifies the yes: "haan par location galat hai", "yes but quickly"
    private static final Set<String> BUT = Set.of("but", "lekin", "magar", "par", "however", "except");
    // ...and when what follows puts something right, it is a no to the read-back: "ok but change the budget"
    private static final Set<String> CORRECTING = Set.of("change", "badal", "badlo", "badalna", "badaliye",
            "badal do", "update", "different", "alag");
    // "Not now" ("अभी नहीं"): a no to "can we talk now?", and never a timeline of "immediately"
    private static final Set<String> NOT_NOW = Set.of("not now", "not right now", "abhi nahi", "abhi nahin",
            "abhi nhi", "abhi mat");

    private IntentClassifier() {
    }

    public static Intent classify(String utterance) {
        List<String> tokens = Utterances.tokens(utterance);
        String normal = String.join(" ", tokens);
        if (normal.isEmpty()) {
            return Intent.OTHER;
        }
        boolean asksForLaterCall = asksForACall(normal);
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
        if (asksForLaterCall || saysABadTime(tokens)) {
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
        if (isBackchannel(normal) && !startsWithAny(tokens, AFFIRM_START)) {
            return Intent.BACKCHANNEL;
        }
        boolean startsWithYes = startsWithAny(tokens, AFFIRM_START);
        if (startsWithYes || CONFIRM_WORDS.contains(tokens.getFirst())) {
            Intent afterYes = whatFollowsTheYes(tokens);
            if (afterYes != null) {
                return afterYes;
            }
        }
        if (startsWithYes) {
            return Intent.AFFIRM;
        }
        if (startsWithAny(tokens, NEGATIVE_START) || startsWithAny(tokens, NOT_NOW)) {
            return Intent.NEGATIVE;
        }
        return Utterances.containsAny(normal, UNSURE) ? Intent.UNSURE : Intent.OTHER;
    }

    /**
     * Whether the turn asks to be called at another time, read from what is left once every call turned down is taken
     * out: "please don't call me in the evening" does not, "don't call me now, call me tomorrow" does.
     */
    private static boolean asksForACall(String normal) {
        String asked = DoNotCallRequests.withoutRequests(normal);
        List<String> words = List.of(asked.split(" "));
        boolean callWord = words.stream().anyMatch(CALL_WORDS::contains)
                || !asked.equals(normal) && saysPositively(words, DO_IT);
        return Utterances.containsAny(asked, CALL_LATER) || saysLaterAboutTheCall(words)
                || callWord && CallbackTimeParser.namesATime(asked)
                || Utterances.containsAny(asked, TALK_THEN) && namesAMomentToCall(asked);
    }

    /**
     * Whether the turn names a moment to call at ("tomorrow evening", "kal shaam", "Sunday", "in 10 minutes"), not
     * just a length of time ("do minute", "two minutes", as the greeting asked for).
     */
    public static boolean namesAMomentToCall(String utterance) {
        String normal = String.join(" ", Utterances.tokens(utterance));
        return CallbackTimeParser.namesATime(BARE_MINUTES.matcher(normal).replaceAll(" "));
    }

    /** "baad mein call karo", "बाद में बात करते हैं", "abhi nahi, baad mein": but not "do saal baad mein lenge". */
    private static boolean saysLaterAboutTheCall(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (!LATER.contains(words.get(i) + " " + words.get(i + 1))) {
                continue;
            }
            if (i + 2 < words.size() && ABOUT_THE_CALL.contains(words.get(i + 2))) {
                return true;
            }
            // "abhi nahi, baad mein karna": a bare "do it" after a "later" said on its own
            List<String> after = words.subList(i + 2, words.size());
            boolean doIt = !after.isEmpty() && (DO_IT.contains(after.getFirst()) || after.getFirst().equals("karenge"));
            if (words.subList(0, i).stream().allMatch(ON_ITS_OWN::contains)
                    && (doIt ? after.subList(1, after.size()) : after).stream().allMatch(ON_ITS_OWN::contains)) {
                return true;
            }
        }
        return false;
    }

    /** A reason now is bad, not turned down: "abhi busy hoon", "no, I'm busy"; not "busy nahi hoon", "I'm not busy". */
    private static boolean saysABadTime(List<String> tokens) {
        for (String phrase : BAD_TIME) {
            List<String> said = List.of(phrase.split(" "));
            for (int i = 0; i + said.size() <= tokens.size(); i++) {
                if (!tokens.subList(i, i + said.size()).equals(said)) {
                    continue;
                }
                int after = i + said.size();
                boolean notBefore = i > 0 && tokens.get(i - 1).equals("not");
                boolean nahiAfter = after < tokens.size() && Set.of("nahi", "nahin").contains(tokens.get(after));
                if (!notBefore && !nahiAfter) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether one of {@code phrases} is said and not turned down by a "mat"/"na" right before it. */
    private static boolean saysPositively(List<String> words, Set<String> phrases) {
        for (String phrase : phrases) {
            List<String> said = List.of(phrase.split(" "));
            for (int i = 0; i + said.size() <= words.size(); i++) {
                if (words.subList(i, i + said.size()).equals(said) && (i == 0 || !NOT.contains(words.get(i - 1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the caller says "not now" ("abhi nahi", "अभी नहीं") anywhere in the turn. */
    public static boolean saysNotNow(String utterance) {
        return Utterances.containsAny(String.join(" ", Utterances.tokens(utterance)), NOT_NOW);
    }

    /** Whether the whole turn is a listening noise ("hmm", "achha", "okay", "haan ji"): {@link Backchannels}' rule. */
    public static boolean isBackchannel(String transcript) {
        return Backchannels.isBackchannel(transcript);
    }

    /**
     * Whether the caller says yes to a read-back ("So, a 2 BHK in Whitefield... Is that right?") without starting
     * with a yes: "that is right", "it is correct", "haan sahi hai". Only yes-words and small words, no negative word:
     * a misrecognised turn ("flat in right yeah") is asked again rather than taken as a yes.
     */
    public static boolean confirms(String utterance) {
        List<String> tokens = Utterances.tokens(utterance);
        return tokens.stream().anyMatch(CONFIRM_WORDS::contains) && tokens.stream().noneMatch(NEGATIVE_WORDS::contains)
                && tokens.stream().allMatch(t -> CONFIRM_WORDS.contains(t) || CONFIRM_FILLER.contains(t));
    }

    /**
     * What the words after an opening yes-word make of it: a no ("ji nahi", "correct nahi hai", "yes it is wrong",
     * "haan abhi nahi"), a no to a read-back ("haan par location galat hai", "ok but change the budget"), an "I don't
     * know" ("haan, pata nahi"), a yes with a condition that is neither ("yes but quickly"); null when they leave it
     * a yes. Only the words right after the yes count: "yes, not a villa, a flat" is a yes and an answer.
     */
    private static Intent whatFollowsTheYes(List<String> tokens) {
        int next = yesLength(tokens);
        while (next < tokens.size() && (CONFIRM_WORDS.contains(tokens.get(next))
                || CONFIRM_FILLER.contains(tokens.get(next)) || AFFIRM_START.contains(tokens.get(next)))) {
            next++;
        }
        List<String> rest = tokens.subList(next, tokens.size());
        String after = String.join(" ", rest);
        if (Utterances.containsAny(after, UNSURE)) {
            return Intent.UNSURE;
        }
        if (rest.isEmpty() || startsWithAny(rest, NO_TROUBLE)) {
            return null;
        }
        if (NEGATIONS.contains(rest.getFirst()) || startsWithAny(rest, NOT_NOW)) {
            return Intent.NEGATIVE;
        }
        if (BUT.contains(rest.getFirst())) {
            String qualification = String.join(" ", rest.subList(1, rest.size()));
            boolean correction = rest.stream().skip(1).anyMatch(NEGATIONS::contains)
                    || Utterances.containsAny(qualification, CORRECTING);
            return correction ? Intent.NEGATIVE : Intent.OTHER;
        }
        return null;
    }

    /** How many words the opening yes takes: "haan ji" two, "theek hai" two, "sahi" one. */
    private static int yesLength(List<String> tokens) {
        int longest = CONFIRM_WORDS.contains(tokens.getFirst()) ? 1 : 0;
        for (String phrase : AFFIRM_START) {
            String[] words = phrase.split(" ");
            if (words.length > longest && words.length <= tokens.size()
                    && List.of(words).equals(tokens.subList(0, words.length))) {
                longest = words.length;
            }
        }
        return longest;
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

    private static boolean startsWithAny(List<String> tokens, Set<String> phrases) {
        for (String phrase : phrases) {
            String[] words = phrase.split(" ");
            if (words.length <= tokens.size() && List.of(words).equals(tokens.subList(0, words.length))) {
                return true;
            }
        }
        return false;
    }
}
