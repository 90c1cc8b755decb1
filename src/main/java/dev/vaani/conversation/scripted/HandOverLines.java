package dev.vaani.conversation.scripted;

import dev.vaani.conversation.HandOver;
import dev.vaani.conversation.Language;

/**
 * The agent's answer to "let me talk to a person", true to what the call can do: connect on this call, or promise
 * only a call back from a person when nothing can connect the caller (a call placed directly, without an Exotel flow).
 */
final class HandOverLines {

    private HandOverLines() {
    }

    static String handOver(HandOver handOver, Phrasebook phrases) {
        return handOver == HandOver.CONNECT_NOW ? phrases.transfer() : callBack(phrases.language());
    }

    static String whileHandingOver(HandOver handOver, Phrasebook phrases) {
        return handOver == HandOver.CONNECT_NOW ? phrases.transferHold() : callBack(phrases.language());
    }

    private static String callBack(Language language) {
        return switch (language) {
            case ENGLISH -> "Sure. I can't connect you on this call, but one of our property advisors will call you back"
                    + " shortly. Thank you!";
            case HINGLISH -> "Zaroor. Is call par connect nahi ho payega, par hamare property advisor aapko jaldi call"
                    + " back karenge. Dhanyavaad!";
            case HINDI -> "ज़रूर। इस कॉल पर मैं आपको नहीं जोड़ पाऊँगी, पर हमारे प्रॉपर्टी सलाहकार आपको जल्दी ही वापस कॉल"
                    + " करेंगे। धन्यवाद!";
        };
    }
}
