package dev.vaani.call;

import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.Language;
import dev.vaani.conversation.LanguageDetector;
import dev.vaani.conversation.qualification.HindiText;
import dev.vaani.speech.TextToSpeech;
import java.util.concurrent.Executor;

/**
 * What every reply of one call speaks with: the call's conversation (the agent), speech synthesis, the player and
 * the call's executor. Each reply itself is a {@link BotReply}: the agent's streamed answer goes sentence by
 * sentence to synthesis, and each sentence's audio to the player as it arrives, in sentence order.
 */
record BotVoice(Conversation conversation, TextToSpeech tts, OutboundPlayer player, int sampleRate, Executor actor) {

    /**
     * The language a sentence is spoken in, from its own words: Devanagari is Hindi, Latin with Hindi words is
     * Hinglish, anything else English. Per sentence, because the agent follows the caller from one turn to the next.
     */
    static String languageOf(String sentence) {
        if (HindiText.containsDevanagari(sentence)) {
            return Language.HINDI.code();
        }
        return LanguageDetector.detect(sentence).filter(l -> l == Language.HINGLISH).orElse(Language.ENGLISH).code();
    }
}
