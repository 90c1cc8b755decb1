package dev.vaani.call;

import dev.vaani.conversation.qualification.UnfinishedAnswers;

/**
 * The words of the caller's turn so far, and of the turn answered last, which a caller who paused too long may go
 * on with: then the answer is to both ("I want a flat in … Whitefield"), while the transcript keeps each part.
 */
final class CallerTurnWords {

    private final StringBuilder words = new StringBuilder();
    private boolean unfinished;
    private String carried = ""; // the turn that ended too early, which these words go on with
    private String lastTurn = "";

    /** A turn of its own begins. */
    void startNew() {
        words.setLength(0);
        unfinished = false;
        carried = "";
    }

    /** The caller goes on with the turn answered last: its words count as the start of this one. */
    void startGoingOnWithLastTurn() {
        startNew();
        carried = lastTurn;
    }

    void append(String text) {
        if (!words.isEmpty()) {
            words.append(' ');
        }
        words.append(text.trim());
        unfinished = UnfinishedAnswers.isUnfinished(text);
    }

    /** The words of the turn so far, without the turn they may go on with. */
    String soFar() {
        return words.toString().trim();
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    boolean goesOnWithLastTurn() {
        return !carried.isEmpty();
    }

    /** The words so far stop mid-answer ("my budget is around…"): the turn is waited for longer. */
    boolean unfinished() {
        return unfinished;
    }

    /** The turn ends with no words: there is nothing for a later turn to go on with. */
    void endWithoutWords() {
        lastTurn = "";
        startNew();
    }

    /** The turn ends: what to answer (the whole turn) and what is new in it; the words are then the last turn. */
    TurnDecision.EndOfTurn end() {
        String newWords = words.toString().trim();
        String whole = (carried + " " + newWords).trim();
        lastTurn = whole;
        startNew();
        return new TurnDecision.EndOfTurn(whole, newWords);
    }
}
