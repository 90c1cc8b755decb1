package dev.vaani.call;

import dev.vaani.conversation.Language;
import dev.vaani.conversation.LanguageDetector;
import dev.vaani.conversation.qualification.HindiText;
import dev.vaani.conversation.qualification.SpokenAmount;
import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ReplyListener;
import dev.vaani.conversation.SentenceSplitter;
import dev.vaani.conversation.TurnInput;
import dev.vaani.speech.TextToSpeech;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Turns the agent's streamed reply into speech as it streams: each finished sentence goes to synthesis at once, and
 * its audio to the player as it arrives, in sentence order. One reply at a time; a newer reply or a barge-in
 * cancels the old one, and late callbacks of a cancelled reply are ignored.
 *
 * <p>All methods run on the call's serial executor; provider callbacks are brought back onto it.
 */
final class BotVoice {

    /** What the call wants to know about the reply in progress. */
    interface Listener {
        void onFirstToken();

        void onFirstSynthesisedAudio();

        void onAction(AgentAction action);

        /** The reply's text and audio are complete (it may still be playing). */
        void onReplyProduced(String text, boolean spokeAnything);

        void onReplyFailed(Throwable error, boolean spokeAnything);
    }

    private final Conversation conversation;
    private final TextToSpeech tts;
    private final OutboundPlayer player;
    private final int sampleRate;
    private final Executor actor;
    private final Listener listener;

    private int generation;
    private Conversation.Reply reply;
    private final List<TextToSpeech.Synthesis> syntheses = new ArrayList<>();
    private final List<OutboundPlayer.Utterance> utterances = new ArrayList<>();
    private SentenceSplitter splitter = new SentenceSplitter();
    private final StringBuilder text = new StringBuilder();
    private boolean replying;
    private boolean llmDone;
    private int pendingSyntheses;
    private boolean spokeAnything;
    private boolean firstToken;
    private boolean failed;

    BotVoice(Conversation conversation, TextToSpeech tts, OutboundPlayer player, int sampleRate, Executor actor,
             Listener listener) {
        this.conversation = conversation;
        this.tts = tts;
        this.player = player;
        this.sampleRate = sampleRate;
        this.actor = actor;
        this.listener = listener;
    }

    /** Starts the agent's answer to {@code input}, cancelling any reply still in progress. */
    void reply(TurnInput input) {
        cancel();
        int current = ++generation;
        replying = true;
        llmDone = false;
        pendingSyntheses = 0;
        spokeAnything = false;
        firstToken = false;
        failed = false;
        text.setLength(0);
        splitter = new SentenceSplitter();
        reply = conversation.respond(input, new ReplyListener() {
            @Override
            public void onText(String delta) {
                actor.execute(() -> {
                    if (current == generation) {
                        onDelta(delta);
                    }
                });
            }

            @Override
            public void onAction(AgentAction action) {
                actor.execute(() -> {
                    if (current == generation) {
                        listener.onAction(action);
                    }
                });
            }

            @Override
            public void onComplete() {
                actor.execute(() -> {
                    if (current == generation) {
                        onLlmComplete();
                    }
                });
            }

            @Override
            public void onError(Throwable error) {
                actor.execute(() -> {
                    if (current == generation) {
                        fail(error);
                    }
                });
            }
        });
    }

    /** Plays a ready clip as the bot's reply (an apology, a goodbye) without asking the agent. */
    void say(String clipText, byte[] audio) {
        cancel();
        generation++;
        replying = true;
        llmDone = true;
        // the cancelled reply's syntheses never report back (their generation is over): none is pending now, or the
        // clip would never count as produced, never be recorded, and the bot's turn would never end
        pendingSyntheses = 0;
        text.setLength(0);
        text.append(clipText);
        OutboundPlayer.Utterance utterance = player.begin(clipText, false);
        utterances.add(utterance);
        player.append(utterance, audio);
        player.complete(utterance);
        spokeAnything = true;
        finishIfDone();
    }

    /** Whether a reply is still being produced (text or audio). */
    /** Whether the reply in progress has produced any audio yet (a filler does not count). */
    boolean spokeAnything() {
        return spokeAnything;
    }

    boolean producing() {
        return replying;
    }

    String text() {
        return text.toString().trim();
    }

    /** Stops the reply in progress: no more text, no more audio. */
    void cancel() {
        generation++;
        if (reply != null) {
            reply.cancel();
            reply = null;
        }
        for (TextToSpeech.Synthesis synthesis : syntheses) {
            synthesis.cancel();
        }
        syntheses.clear();
        if (replying) {
            player.discard(utterances);
        }
        utterances.clear();
        replying = false;
    }

    private void onDelta(String delta) {
        if (!firstToken) {
            firstToken = true;
            listener.onFirstToken();
        }
        for (String sentence : splitter.add(delta)) {
            speak(sentence);
        }
    }

    private void onLlmComplete() {
        String rest = splitter.flush();
        if (rest != null && !rest.isBlank()) {
            speak(rest);
        }
        llmDone = true;
        reply = null;
        finishIfDone();
    }

    private void speak(String sentence) {
        String clean = sentence.trim();
        if (clean.isEmpty()) {
            return;
        }
        if (!SentenceSplitter.hasWords(clean)) {
            // punctuation that closes the sentence already being spoken: part of the transcript, not of speech
            if (!text.isEmpty()) {
                text.setLength(text.length() - 1);
            }
            text.append(clean).append(' ');
            return;
        }
        text.append(clean).append(' ');
        int current = generation;
        OutboundPlayer.Utterance utterance = player.begin(clean, false);
        utterances.add(utterance);
        pendingSyntheses++;
        String language = languageOf(clean);
        String speakable = SpokenAmount.speakable(clean, SpokenAmount.Style.of(language));
        TextToSpeech.Synthesis synthesis = tts.synthesize(speakable, language, sampleRate, pcm -> actor.execute(() -> {
            if (current == generation) {
                if (!spokeAnything) {
                    spokeAnything = true;
                    listener.onFirstSynthesisedAudio();
                }
                player.append(utterance, pcm);
            }
        }));
        syntheses.add(synthesis);
        synthesis.completion().whenComplete((ignored, error) -> actor.execute(() -> {
            if (current != generation) {
                return;
            }
            syntheses.remove(synthesis);
            utterances.remove(utterance);
            pendingSyntheses--;
            player.complete(utterance);
            if (error != null && !spokeAnything && pendingSyntheses == 0) {
                fail(error);
                return;
            }
            finishIfDone();
        }));
    }

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

    private void fail(Throwable error) {
        if (failed) {
            return;
        }
        failed = true;
        boolean spoke = spokeAnything;
        cancel();
        listener.onReplyFailed(error, spoke);
    }

    private void finishIfDone() {
        if (replying && llmDone && pendingSyntheses == 0) {
            replying = false;
            listener.onReplyProduced(text(), spokeAnything);
        }
    }
}
