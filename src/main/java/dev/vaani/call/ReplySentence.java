package dev.vaani.call;

import dev.vaani.speech.TextToSpeech;

/** A sentence of a {@link ReplySpeech} given to synthesis. Runs on the call's serial executor, as its reply does. */
final class ReplySentence {

    final Utterance utterance;
    /** Where its words begin in the reply's text. */
    final int textStart;
    TextToSpeech.Synthesis synthesis;
    boolean synthesising = true;
    /** Not said after all (a failure ended the reply before it): its late callbacks are ignored. */
    boolean dropped;

    ReplySentence(Utterance utterance, int textStart) {
        this.utterance = utterance;
        this.textStart = textStart;
    }
}
