package dev.vaani.conversation;

/** What the agent is asked to answer. */
public sealed interface TurnInput {

    /** The call was answered: open the conversation (greet the lead by name). */
    record Greeting() implements TurnInput {}

    /** The caller finished a turn and said this. */
    record CallerUtterance(String text) implements TurnInput {}

    /** The caller pressed a key. */
    record KeyPress(String digit) implements TurnInput {}

    /** The caller spoke, but no words could be made out of it (a noisy line, a mumble): ask them to repeat. */
    record CallerUnclear() implements TurnInput {}

    /** The caller said nothing for a while after our question. */
    record CallerSilent() implements TurnInput {}

    /** The call must end now (e.g. the maximum duration): say a polite goodbye. */
    record WrapUp(String reason) implements TurnInput {}
}
