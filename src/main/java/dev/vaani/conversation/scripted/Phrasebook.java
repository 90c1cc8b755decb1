package dev.vaani.conversation.scripted;

import java.util.List;
import java.util.Map;

import dev.vaani.conversation.Language;

import static java.util.Map.entry;

/**
 * The scripted agent's own lines in one language. The campaign script supplies the greeting, questions and closing;
 * everything the agent says around them (acknowledgements, re-asks, goodbyes) lives here. {placeholders} are filled
 * by the conversation.
 */
record Phrasebook(Language language, List<String> acknowledgements, String didNotCatch, String whichAreaIsThatNear,
                  Map<String, String> examples,
                  Map<String, String> fallbackQuestions, String moveOn, String confirm, String confirmUnclear,
                  String askCorrection, String notInterested, String doNotCall, String askCallbackTime,
                  String askCallbackTimeAgain, String callbackConfirmed, String transfer, String transferHold, String wrongNumber,
                  String stillThere, String silentGoodbye, String wrapUpQualified, String wrapUpIncomplete,
                  String incompleteClose, String keyNotOption, String asIWasAsking, String sure,
                  String whoIAm, String whoIsCalling, String goodTime, Map<String, String> valueLabels, String closing) {

    static Phrasebook forLanguage(Language language) {
        return switch (language) {
            case ENGLISH -> ENGLISH;
            case HINGLISH -> HINGLISH;
            case HINDI -> HINDI;
        };
    }

    boolean hinglish() {
        return language == Language.HINGLISH;
    }

    boolean hindi() {
        return language == Language.HINDI;
    }

    String ask(String fieldKey, String scriptQuestion) {
        return scriptQuestion != null && !scriptQuestion.isBlank()
                ? scriptQuestion.trim()
                : fallbackQuestions.getOrDefault(fieldKey, "Could you tell me your " + fieldKey.replace('_', ' ') + "?");
    }

    String example(String fieldKey) {
        return examples.getOrDefault(fieldKey, "");
    }

    static final Phrasebook ENGLISH = new Phrasebook(Language.ENGLISH,
            List.of("Got it, {value}.", "Okay, {value}.", "Great, {value}.", "Noted, {value}.", "Perfect, {value}."),
            "Sorry, I didn't quite catch that.",
            "Which area is that near?",
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
            "Sure, we won't call you again. Sorry for the trouble, and have a good day!",
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
            "I'm {agent}, {company}'s automated assistant, not a person. If you prefer, one of our advisors can call you.",
            "This is {agent} from {company}, calling about the property you enquired about.",
            "Is this a good time to talk?",
            Map.of(),
            "Thank you! Our property advisor will call you shortly with options that match. Have a great day!");

    static final Phrasebook HINGLISH = new Phrasebook(Language.HINGLISH,
            List.of("Theek hai, {value}.", "Achha, {value}.", "Badhiya, {value}.", "Samajh gayi, {value}."),
            "Maaf kijiye, main theek se samajh nahi paayi.",
            "Woh kis area ke paas hai?",
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
            "Zaroor, hum aapko dobara call nahi karenge. Pareshani ke liye maaf kijiye, aapka din shubh ho!",
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
            "Main {agent} hoon, {company} ki automated assistant, koi insaan nahi. Aap chahein toh hamare advisor aapko call kar sakte hain.",
            "Main {agent} bol rahi hoon, {company} se. Aapne property ke baare mein enquiry ki thi.",
            "Kya abhi baat karne ka sahi samay hai?",
            Map.ofEntries(entry("self_use", "apne rehne ke liye"), entry("investment", "investment ke liye"),
                    entry("both", "rehne aur investment dono ke liye"), entry("home_loan", "home loan ke saath"),
                    entry("self_funded", "self-funded"), entry("immediate", "turant"),
                    entry("within_3_months", "teen mahine mein"), entry("within_6_months", "chhe mahine mein"),
                    entry("within_year", "ek saal mein"), entry("later", "ek saal ke baad"),
                    entry("just_exploring", "abhi sirf dekh rahe hain")),
            "Dhanyavaad! Hamare property advisor jaldi hi aapko matching options ke saath call karenge. Aapka din shubh ho!");

    /** Hindi in Devanagari, which Hindi voices read; everyday English property words (फ्लैट, बजट, BHK) stay. */
    static final Phrasebook HINDI = new Phrasebook(Language.HINDI,
            List.of("ठीक है, {value}।", "अच्छा, {value}।", "बढ़िया, {value}।", "समझ गई, {value}।"),
            "माफ़ कीजिए, मैं ठीक से समझ नहीं पाई।",
            "वह किस इलाके के पास है?",
            Map.of("property_type", "जैसे, टू बीएचके फ्लैट, विला या प्लॉट।",
                    "location", "जैसे, व्हाइटफील्ड या सरजापुर रोड।",
                    "budget", "जैसे, पचास लाख या एक करोड़।",
                    "timeline", "जैसे, तीन महीने में या अगले साल।",
                    "purpose", "जैसे, रहने के लिए या इन्वेस्टमेंट के लिए।",
                    "financing", "जैसे, होम लोन या अपने पैसों से।"),
            Map.of("property_type", "आप किस तरह की प्रॉपर्टी देख रहे हैं, फ्लैट, विला या प्लॉट? और कितने बीएचके?",
                    "location", "आप किस इलाके में प्रॉपर्टी देख रहे हैं?",
                    "budget", "आपका बजट कितना है?",
                    "timeline", "आप कब तक खरीदना चाहते हैं?",
                    "purpose", "यह अपने रहने के लिए है या इन्वेस्टमेंट के लिए?",
                    "financing", "आप होम लोन लेंगे या अपने पैसों से खरीदेंगे?"),
            "कोई बात नहीं, आगे बढ़ते हैं।",
            "तो आपको {summary} चाहिए। सही है न?",
            "माफ़ कीजिए, समझ नहीं पाई। क्या यह सही है, हाँ या नहीं?",
            "माफ़ कीजिए। क्या बदलना है: प्रॉपर्टी का टाइप, इलाका या बजट?",
            "कोई बात नहीं। आपके समय के लिए धन्यवाद, आपका दिन शुभ हो!",
            "ज़रूर, हम आपको दोबारा कॉल नहीं करेंगे। परेशानी के लिए माफ़ कीजिए, आपका दिन शुभ हो!",
            "ज़रूर। आपको कब कॉल करूँ?",
            "कल सुबह ठीक रहेगा या शाम?",
            "ठीक है, मैं आपको {when} कॉल करूँगी। धन्यवाद!",
            "ज़रूर, मैं आपको अभी हमारे प्रॉपर्टी एडवाइज़र से जोड़ रही हूँ। लाइन पर बने रहिए।",
            "लाइन पर बने रहिए, जोड़ रही हूँ।",
            "माफ़ कीजिए, गलत नंबर लग गया। आपका दिन शुभ हो!",
            "हैलो, क्या आप लाइन पर हैं?",
            "लगता है आवाज़ नहीं आ रही। हम आपको बाद में कॉल करेंगे। धन्यवाद!",
            "मुझे अब कॉल खत्म करनी होगी। धन्यवाद, हमारे एडवाइज़र जल्दी ही विकल्पों के साथ कॉल करेंगे!",
            "मुझे अब कॉल खत्म करनी होगी। आपके समय के लिए धन्यवाद, हम जल्दी संपर्क करेंगे!",
            "आपके समय के लिए धन्यवाद। हमारे एडवाइज़र बाकी जानकारी के लिए कॉल करेंगे। आपका दिन शुभ हो!",
            "माफ़ कीजिए, यह विकल्प नहीं है।",
            "माफ़ कीजिए, मैं पूछ रही थी:",
            "ज़रूर।",
            "मैं {agent} हूँ, {company} की ऑटोमेटेड असिस्टेंट, कोई इंसान नहीं। आप चाहें तो हमारे एडवाइज़र आपको कॉल कर सकते हैं।",
            "मैं {company} से {agent} बोल रही हूँ। आपने हमसे एक प्रॉपर्टी के बारे में पूछा था।",
            "क्या अभी बात करने का सही समय है?",
            Map.ofEntries(entry("self_use", "अपने रहने के लिए"), entry("investment", "इन्वेस्टमेंट के लिए"),
                    entry("both", "रहने और इन्वेस्टमेंट दोनों के लिए"), entry("home_loan", "होम लोन के साथ"),
                    entry("self_funded", "अपने पैसों से"), entry("immediate", "तुरंत"),
                    entry("within_3_months", "तीन महीने में"), entry("within_6_months", "छह महीने में"),
                    entry("within_year", "एक साल में"), entry("later", "एक साल के बाद"),
                    entry("just_exploring", "अभी सिर्फ़ देख रहे हैं")),
            "धन्यवाद! हमारे प्रॉपर्टी एडवाइज़र जल्दी ही आपको आपकी ज़रूरत के हिसाब से विकल्पों के साथ कॉल करेंगे। आपका दिन शुभ हो!");
}
