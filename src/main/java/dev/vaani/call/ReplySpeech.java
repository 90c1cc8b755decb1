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
 * <p>A failure of the agent's stream or of a sentence's synthesis once audio of the answer has been produced does not
 * take back what the caller is hearing: the reply ends with the sentences produced before the failure (a sentence
 * whose synthesis failed, and any after it, are not said), and the agent is told that this is all it said.
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

        /**
         * The agent or the synthesis failed after audio of the answer was produced: the reply ends with the sentences
         * produced before the failure, and {@link #onComplete} follows at once.
         */
        void onBrokenOff(Throwable error);
    }

    private final BotVoice voice;
    private final BotReply owner;
    private final Events events;
    private Conversation.Reply stream;
    /** The sentences given to synthesis, in order, but for those a failure dropped. */
    private final List<ReplySentence> sentences = new ArrayList<>();
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
    /** What broke the generation off, once something did: nothing more is spoken. */
    private Throwable failure;

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
                onActor(() -> onLlmFailed(error));
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
        settle();
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
        stopStream();
        List<Utterance> unfinished = new ArrayList<>();
        for (ReplySentence sentence : sentences) {
            if (sentence.synthesising) {
                sentence.synthesis.cancel();
                unfinished.add(sentence.utterance);
            }
        }
        if (!complete) {
            voice.player().discard(unfinished);
        }
    }

    private void stopStream() {
        if (stream != null) {
            stream.cancel();
            stream = null;
        }
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
        if (llmDone) {
            return; // a failure already ended the reply
        }
        String rest = splitter.flush();
        if (rest != null && !rest.isBlank()) {
            speak(rest);
        }
        llmDone = true;
        stream = null;
        settle();
    }

    /**
     * The reply ends with the sentences already given to synthesis; the words of an unfinished sentence are not said.
     * When none of them produces audio, the reply fails and the call recovers as from no answer.
     */
    private void onLlmFailed(Throwable error) {
        breakOff(error);
        settle();
    }

    private void speak(String sentence) {
        // markdown and emoji are not heard, so the transcript does not show them either
        String clean = SpeakableText.withoutMarkup(sentence);
        if (clean.isEmpty() || cutShort || failure != null) {
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
        OutboundPlayer player = voice.player();
        Utterance utterance = player.begin(clean, false);
        utterance.reply = owner;
        ReplySentence spoken = new ReplySentence(utterance, text.length());
        text.append(clean).append(' ');
        sentences.add(spoken);
        pendingSyntheses++;
        String language = BotVoice.languageOf(clean);
        String speakable = SpeakableText.forSpeech(clean, SpokenAmount.Style.of(language));
        spoken.synthesis = voice.tts().synthesize(speakable, language, voice.sampleRate(),
                pcm -> onActor(() -> {
                    if (spoken.dropped) {
                        return;
                    }
                    if (!spokeAnything) {
                        spokeAnything = true;
                        events.onFirstAudio();
                    }
                    player.append(utterance, pcm);
                }));
        spoken.synthesis.completion().whenComplete((ignored, error) -> onActor(() -> onSynthesised(spoken, error)));
    }

    private void onSynthesised(ReplySentence sentence, Throwable error) {
        if (sentence.dropped) {
            return;
        }
        sentence.synthesising = false;
        pendingSyntheses--;
        if (error != null) {
            endBefore(sentence, error);
        } else {
            voice.player().complete(sentence.utterance);
        }
        settle();
    }

    /**
     * A sentence could not be said: the reply ends before it, so neither it nor anything after it is spoken or
     * written down as said.
     */
    private void endBefore(ReplySentence unsaid, Throwable error) {
        List<ReplySentence> rest = sentences.subList(sentences.indexOf(unsaid), sentences.size());
        List<Utterance> dropped = new ArrayList<>();
        for (ReplySentence sentence : rest) {
            if (sentence.synthesising) {
                sentence.synthesis.cancel();
                sentence.synthesising = false;
                pendingSyntheses--;
            }
            sentence.dropped = true;
            dropped.add(sentence.utterance);
        }
        rest.clear();
        voice.player().discard(dropped);
        text.setLength(unsaid.textStart);
        breakOff(error);
    }

    /** Nothing more is asked of the agent, and nothing more it says is spoken. */
    private void breakOff(Throwable error) {
        if (failure == null) {
            failure = error;
        }
        stopStream();
        llmDone = true;
    }

    /** Completes the reply once its text and audio are all in, or fails it when a failure left nothing of it. */
    private void settle() {
        if (complete || failed) {
            return;
        }
        if (failure != null && !spokeAnything) {
            if (pendingSyntheses == 0) {
                fail(failure);
            }
            return;
        }
        if (llmDone && pendingSyntheses == 0) {
            complete = true;
            if (failure != null) {
                events.onBrokenOff(failure);
            }
            if (cutShort || failure != null) {
                voice.conversation().onInterrupted(text());
            }
            events.onComplete();
        }
    }

    private void fail(Throwable error) {
        if (failed) {
            return;
        }
        failed = true;
        cancel();
        events.onFailed(error);
    }
}
