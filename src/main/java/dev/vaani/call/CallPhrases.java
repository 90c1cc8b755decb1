package dev.vaani.call;

import dev.vaani.conversation.Language;
import java.util.List;

/**
 * What the call layer itself says, in each language: fillers that mask a slow answer, the apology when an answer never
 * came, and the goodbye when the call cannot go on. The agent's own lines (questions, acknowledgements, closing) live
 * with the agent; these are spoken when the agent could not answer, so they are rendered ahead of time
 * ({@link PromptAudio}). Hindi lines are in Devanagari, which is what Hindi voices read; Hinglish ones in Latin letters.
 *
 * @param fillers        short sounds of listening, played in rotation; every language has the same number
 * @param apology        the answer did not come: ask the caller to say it again
 * @param troubleGoodbye the call cannot continue: promise a call back and end
 */
public record CallPhrases(Language language, List<String> fillers, String apology, String troubleGoodbye) {

    public static final CallPhrases ENGLISH = new CallPhrases(Language.ENGLISH,
            List.of("Hmm.", "Achha.", "Okay.", "Right."),
            "Sorry, I missed that. Could you say it again?",
            "Sorry, we are having trouble on our side. We will call you back shortly. Goodbye!");

    public static final CallPhrases HINDI = new CallPhrases(Language.HINDI,
            List.of("हम्म।", "अच्छा।", "जी।", "ठीक है।"),
            "माफ़ कीजिए, आपकी बात ठीक से सुनाई नहीं दी। क्या आप फिर से बोल सकते हैं?",
            "माफ़ कीजिए, हमारी तरफ़ कुछ तकनीकी दिक्कत आ रही है। हम आपको थोड़ी देर में वापस कॉल करेंगे। धन्यवाद!");

    public static final CallPhrases HINGLISH = new CallPhrases(Language.HINGLISH,
            List.of("Hmm.", "Achha.", "Ji.", "Theek hai."),
            "Maaf kijiye, aapki baat theek se sunai nahi di. Kya aap phir se bol sakte hain?",
            "Maaf kijiye, hamari taraf kuch technical dikkat aa rahi hai. Hum aapko thodi der mein wapas call karenge. Dhanyavaad!");

    /** Every language's phrases, in the order of {@link Language}. */
    public static final List<CallPhrases> ALL = List.of(ENGLISH, HINDI, HINGLISH);

    public CallPhrases {
        fillers = List.copyOf(fillers);
    }

    public static CallPhrases forLanguage(Language language) {
        return switch (language) {
            case ENGLISH -> ENGLISH;
            case HINDI -> HINDI;
            case HINGLISH -> HINGLISH;
        };
    }

    /** Every line, for rendering them all ahead of time. */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>(fillers);
        lines.add(apology);
        lines.add(troubleGoodbye);
        return lines;
    }
}
