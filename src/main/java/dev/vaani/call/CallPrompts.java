package dev.vaani.call;

import dev.vaani.conversation.Language;
import dev.vaani.conversation.LanguageDetector;

/**
 * One call's own lines ({@link CallPhrases}: fillers, the apology, the trouble goodbye) as ready clips
 * ({@link PromptAudio}), in the language the call is in now: the campaign's until the caller's words show theirs, so
 * that what the call says when the agent cannot answer is in the language the agent's answers are in. Fillers go in
 * rotation, so the same one never plays twice in a row.
 *
 * <p>Not thread-safe: {@link BotReplies} and its {@link ReplyTrouble} use it on the call's serial executor.
 */
final class CallPrompts {

    private final PromptAudio audio;
    private final int sampleRate;
    private Language language;
    private int lastFiller = -1;

    CallPrompts(PromptAudio audio, CallContext context) {
        this.audio = audio;
        this.sampleRate = context.sampleRate();
        this.language = Language.orEnglish(context.script().language());
    }

    /** The caller said {@code callerText}: the lines follow its language from now on, if its words show one. */
    void followCaller(String callerText) {
        language = LanguageDetector.detect(callerText).orElse(language);
    }

    String apology() {
        return CallPhrases.forLanguage(language).apology();
    }

    String troubleGoodbye() {
        return CallPhrases.forLanguage(language).troubleGoodbye();
    }

    /** The clip of {@code line}, one of {@link #apology()} or {@link #troubleGoodbye()}. */
    byte[] clip(String line) {
        return audio.clip(language, line, sampleRate);
    }

    /** The clip of the filler after the last one played. */
    byte[] nextFiller() {
        lastFiller = audio.nextFiller(lastFiller);
        return audio.filler(language, lastFiller, sampleRate);
    }
}
