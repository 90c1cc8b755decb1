package dev.vaani.call;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ReplyListener;
import dev.vaani.conversation.SentenceSplitter;
import dev.vaani.conversation.SpeakableText;
import dev.vaani.conversation.TurnInput;
import dev.vaani.conversation.qualification.SpokenAmount;
import dev.vaani.speech.TextToSpeech;
import java.util.ArrayList;
import java.util.List;

/**
 * The generation of one {@link BotReply}: the agent's streamed answer goes to synthesis sentence by sentence as it
 * streams, and each sentence's audio to the player as it arrives, in sentence order. Once cancelled, late callbacks
 * of the agent and of synthesis are ignored.
 *
 * <p>All methods run on the call's serial executor; provider callbacks are brought back onto it.
 */
final class ReplySpeech {

    /**
     * The most a reply says, in characters of text (about 25 seconds of speech): the agent is told to say one or two
     * short sentences, and a model that writes a paragraph anyway would hold the line for a minute. Sentences past
     * it are not spoken; the first sentence always is. Scripted lines and greetings stay well inside it.
     */
    static final int MAX_SPOKEN_CHARS = 400;

    /** What the reply hears of its generation. */
    interface Events {
        void onFirstToken();

        /** The first audio of the answer itself (never of a filler). */
        void onFirstAudio();

        void onAction(AgentAction action);

        /** All text and all audio are in the player. */
        void onComplete();

        /** The agent or the synthesis failed before any audio; the generation is already cancelled. */
        void onFailed(Throwable error);
    }

    private final BotVoice voice;
    private final BotReply owner;
    private final Events events;
    private Conversation.Reply stream;
    private final List<TextToSpeech.Synthesis> syntheses = new ArrayList<>();
    /** Sentences still waiting for the rest of their synthesis. */
    private final List<Utterance> unfinished = new ArrayList<>();
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final StringBuilder text = new StringBuilder();
    private boolean cancelled;
    private boolean complete;
    private boolean failed;
    private boolean llmDone;
    private int pendingSyntheses;
    private boolean spokeAnything;
    private boolean firstToken;
    private int spokenChars;
    /** A sentence was left unspoken for length: the agent is told the caller heard only what was said. */
    private boolean cutShort;

    ReplySpeech(BotVoice voice, BotReply owner, Events events) {
        this.voice = voice;
        this.owner = owner;
        this.events = events;
    }

    /** Asks the agent to answer {@code input}. */
    void answer(TurnInput input) {
        stream = voice.conversation().respond(input, new ReplyListener() {
            @Override
            public void onText(String delta) {
                onActor(() -> onDelta(delta));
            }

            @Override
            public void onAction(AgentAction action) {
                onActor(() -> events.onAction(action));
            }

            @Override
            public void onComplete() {
                onActor(ReplySpeech.this::onLlmComplete);
            }

            @Override
            public void onError(Throwable error) {
                onActor(() -> fail(error));
            }
        });
    }

    /** Plays a ready clip (an apology, a goodbye) instead of asking the agent. */
    void sayClip(String clipText, byte[] audio) {
        llmDone = true;
        text.append(clipText);
        Utterance utterance = voice.player().begin(clipText, false);
        utterance.reply = owner;
        voice.player().append(utterance, audio);
        voice.player().complete(utterance);
        spokeAnything = true;
        completeIfDone();
    }

    /** Everything the agent said so far. */
    String text() {
        return text.toString().trim();
    }

    /** Whether any audio of the answer itself has been produced (a filler does not count). */
    boolean spokeAnything() {
        return spokeAnything;
    }

    /** No more text, no more audio; sentences of an unfinished generation that have not started playing are dropped. */
    void cancel() {
        cancelled = true;
        if (stream != null) {
            stream.cancel();
            stream = null;
        }
        for (TextToSpeech.Synthesis synthesis : syntheses) {
            synthesis.cancel();
        }
        syntheses.clear();
        if (!complete) {
            voice.player().discard(unfinished);
        }
        unfinished.clear();
    }

    private void onActor(Runnable task) {
        voice.actor().execute(() -> {
            if (!cancelled) {
                task.run();
            }
        });
    }

    private void onDelta(String delta) {
        if (!firstToken) {
            firstToken = true;
            events.onFirstToken();
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
        stream = null;
        if (cutShort) {
            voice.conversation().onInterrupted(text());
        }
        completeIfDone();
    }

    private void speak(String sentence) {
        // markdown and emoji are not heard, so the transcript does not show them either
        String clean = SpeakableText.withoutMarkup(sentence);
        if (clean.isEmpty() || cutShort) {
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
        if (spokenChars > 0 && spokenChars + clean.length() > MAX_SPOKEN_CHARS) {
            cutShort = true;
            return;
        }
        spokenChars += clean.length();
        text.append(clean).append(' ');
        OutboundPlayer player = voice.player();
        Utterance utterance = player.begin(clean, false);
        utterance.reply = owner;
        unfinished.add(utterance);
        pendingSyntheses++;
        String language = BotVoice.languageOf(clean);
        String speakable = SpeakableText.forSpeech(clean, SpokenAmount.Style.of(language));
        TextToSpeech.Synthesis synthesis = voice.tts().synthesize(speakable, language, voice.sampleRate(),
                pcm -> onActor(() -> {
                    if (!spokeAnything) {
                        spokeAnything = true;
                        events.onFirstAudio();
                    }
                    player.append(utterance, pcm);
                }));
        syntheses.add(synthesis);
        synthesis.completion().whenComplete((ignored, error) -> onActor(() -> {
            syntheses.remove(synthesis);
            unfinished.remove(utterance);
            pendingSyntheses--;
            player.complete(utterance);
            if (error != null && !spokeAnything && pendingSyntheses == 0) {
                fail(error);
                return;
            }
            completeIfDone();
        }));
    }

    private void fail(Throwable error) {
        if (failed) {
            return;
        }
        failed = true;
        cancel();
        events.onFailed(error);
    }

    private void completeIfDone() {
        if (!complete && llmDone && pendingSyntheses == 0) {
            complete = true;
            events.onComplete();
        }
    }
}
