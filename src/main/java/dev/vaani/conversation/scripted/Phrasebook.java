package dev.vaani.conversation.scripted;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Map.entry;

/**
 * The scripted agent's own lines in one language. The campaign script supplies the greeting, questions and closing;
 * everything the agent says around them (acknowledgements, re-asks, goodbyes) lives here. {placeholders} are filled
 * by the conversation.
 */
record Phrasebook(boolean hinglish, List<String> acknowledgements, String didNotCatch, Map<String, String> examples,
                  Map<String, String> fallbackQuestions, String moveOn, String confirm, String confirmUnclear,
                  String askCorrection, String notInterested, String askCallbackTime, String askCallbackTimeAgain,
                  String callbackConfirmed, String transfer, String transferHold, String wrongNumber,
                  String stillThere, String silentGoodbye, String wrapUpQualified, String wrapUpIncomplete,
                  String incompleteClose, String keyNotOption, String asIWasAsking, String sure,
                  Map<String, String> valueLabels) {

    static Phrasebook forLanguage(String language) {
        String lang = language == null ? "en" : language.trim().toLowerCase(Locale.ROOT);
        return lang.startsWith("hi") ? HINGLISH : ENGLISH;
    }

    String ask(String fieldKey, String scriptQuestion) {
        return scriptQuestion != null && !scriptQuestion.isBlank()
                ? scriptQuestion.trim()
                : fallbackQuestions.getOrDefault(fieldKey, "Could you tell me your " + fieldKey.replace('_', ' ') + "?");
    }

    String example(String fieldKey) {
        return examples.getOrDefault(fieldKey, "");
    }

    static final Phrasebook ENGLISH = new Phrasebook(false,
            List.of("Got it, {value}.", "Okay, {value}.", "Great, {value}.", "Noted, {value}.", "Perfect, {value}."),
            "Sorry, I didn't quite catch that.",
            Map.of("property_type", "For example, a 2 BHK apartment, a villa or a plot.",
                    "location", "For example, Whitefield or Sarjapur Road.",
                    "budget", "For example, fifty lakhs or one crore.",
                    "timeline", "For example, within three months, or next year.",
                    "purpose", "For example, to live in, or as an investment.",
                    "financing", "For example, a home loan, or your own funds."),
            Map.of("property_type", "What kind of property are you looking for? And how many BHK?",
                    "location", "Which area or locality would you prefer?",
                    "budget", "What budget do you have in mind?",
                    "timeline", "By when are you planning to buy?",
                    "purpose", "Is it for your own use or as an investment?",
                    "financing", "Will you be taking a home loan, or is it self-funded?"),
            "No problem, let's move on.",
            "So, {summary}. Is that right?",
            "Sorry, I didn't catch that. Is that right, yes or no?",
            "Sorry about that. What should I correct: the property type, the location or the budget?",
            "No problem at all. Thank you for your time, and have a great day!",
            "Sure. When would be a good time to call you back?",
            "Would tomorrow morning or evening work better?",
            "Sure, I'll call you back {when}. Thank you!",
            "Sure, I'll connect you to one of our property advisors now. Please stay on the line.",
            "Please stay on the line, I'm connecting you.",
            "I'm so sorry for the trouble. I'll update our records. Have a good day!",
            "Hello, are you still there?",
            "It seems we got disconnected. We'll call you another time. Goodbye!",
            "I need to wrap up now. Thank you, our advisor will call you with options soon. Goodbye!",
            "I need to wrap up now. Thank you for your time, we'll get back to you soon. Goodbye!",
            "Thank you for your time. Our advisor will call you to understand the rest. Have a great day!",
            "Sorry, that key isn't an option.",
            "Sorry, as I was asking:",
            "Sure.",
            Map.of());

    static final Phrasebook HINGLISH = new Phrasebook(true,
            List.of("Theek hai, {value}.", "Achha, {value}.", "Badhiya, {value}.", "Samajh gayi, {value}."),
            "Maaf kijiye, main theek se samajh nahi paayi.",
            Map.of("property_type", "Jaise, 2 BHK flat, villa ya plot.",
                    "location", "Jaise, Whitefield ya Sarjapur Road.",
                    "budget", "Jaise, pachas lakh ya ek crore.",
                    "timeline", "Jaise, teen mahine mein ya agle saal.",
                    "purpose", "Jaise, rehne ke liye ya investment ke liye.",
                    "financing", "Jaise, home loan ya apne funds se."),
            Map.of("property_type", "Aap kis type ki property dekh rahe hain, flat, villa ya plot? Aur kitne BHK?",
                    "location", "Aap kis area mein property dekh rahe hain?",
                    "budget", "Aapka budget kitna hai?",
                    "timeline", "Aap kab tak khareedna chahte hain?",
                    "purpose", "Yeh apne rehne ke liye hai ya investment ke liye?",
                    "financing", "Aap home loan lenge ya self-funded hai?"),
            "Koi baat nahi, aage badhte hain.",
            "Toh aapko {summary} chahiye. Sahi hai na?",
            "Maaf kijiye, samajh nahi paayi. Kya yeh sahi hai, haan ya nahi?",
            "Maaf kijiye. Kya badalna hai: property type, location ya budget?",
            "Koi baat nahi. Aapke time ke liye dhanyavaad, aapka din shubh ho!",
            "Zaroor. Aapko kab call karun?",
            "Kal subah theek rahega ya shaam?",
            "Theek hai, main aapko {when} call karungi. Dhanyavaad!",
            "Zaroor, main aapko abhi hamare property advisor se connect karti hoon. Line par bane rahiye.",
            "Line par bane rahiye, connect kar rahi hoon.",
            "Maaf kijiye, galat number lag gaya. Aapka din shubh ho!",
            "Hello, kya aap line par hain?",
            "Lagta hai aawaz nahi aa rahi. Hum aapko baad mein call karenge. Dhanyavaad!",
            "Mujhe ab call khatam karni hogi. Dhanyavaad, hamare advisor jaldi options ke saath call karenge!",
            "Mujhe ab call khatam karni hogi. Aapke time ke liye dhanyavaad, hum jaldi sampark karenge!",
            "Aapke time ke liye dhanyavaad. Hamare advisor baaki details ke liye call karenge. Aapka din shubh ho!",
            "Maaf kijiye, yeh option nahi hai.",
            "Maaf kijiye, main pooch rahi thi:",
            "Zaroor.",
            Map.ofEntries(entry("self_use", "apne rehne ke liye"), entry("investment", "investment ke liye"),
                    entry("both", "rehne aur investment dono ke liye"), entry("home_loan", "home loan ke saath"),
                    entry("self_funded", "self-funded"), entry("immediate", "turant"),
                    entry("within_3_months", "teen mahine mein"), entry("within_6_months", "chhe mahine mein"),
                    entry("within_year", "ek saal mein"), entry("later", "ek saal ke baad"),
                    entry("just_exploring", "abhi sirf dekh rahe hain")));
}
