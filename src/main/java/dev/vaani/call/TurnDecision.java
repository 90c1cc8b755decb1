package dev.vaani.call;

/** What the call must do now, as {@link TurnTaking} decides it. */
public sealed interface TurnDecision {
    /** Nothing to do. */
    record None() implements TurnDecision {}

    /**
     * The caller finished their turn: answer {@code callerText}. When they went on talking after a pause that
     * had ended the turn too early, it holds the whole turn, and {@code newWords} only what came after (blank
     * when what seemed to go on proved no words: the turn is answered again).
     */
    record EndOfTurn(String callerText, String newWords) implements TurnDecision {
        public EndOfTurn(String callerText) {
            this(callerText, callerText);
        }
    }

    /**
     * The caller spoke longer than any backchannel, but the recogniser made out no words (a noisy line, a mumble):
     * ask them to say it again rather than leave them waiting for an answer to nothing.
     */
    record AskToRepeat() implements TurnDecision {}

    /** Silence ended the turn before the recogniser did: ask it to finalise, the answer follows its final. */
    record FinalizeTranscript() implements TurnDecision {}

    /** The caller may be interrupting: stop the bot's audio now (clear), keep the reply. */
    record PauseBot() implements TurnDecision {}

    /** It was only a backchannel or noise: play the rest of the reply. */
    record ResumeBot() implements TurnDecision {}

    /** The caller interrupted: drop the rest of the reply and listen. */
    record InterruptBot() implements TurnDecision {}

    /** The caller went on talking while we were preparing an answer: drop that answer and listen. */
    record CancelReply() implements TurnDecision {}
}
