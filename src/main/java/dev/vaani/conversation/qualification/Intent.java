package dev.vaani.conversation.qualification;

/** What the caller's turn does to the conversation, apart from the data in it. */
public enum Intent {
    /** "don't call me again", "दोबारा कॉल मत कीजिए": a refusal that also puts the lead on do-not-call. */
    DO_NOT_CALL,
    NOT_INTERESTED,
    CALL_LATER,
    TALK_TO_HUMAN,
    /** "are you a robot?", "kya aap insaan hain?": the agent says what it is, and never that it is a person. */
    ASKS_IF_AI,
    /** "who is this?", "आप कौन बोल रहे हैं?": the agent says who is calling and from where, and the call goes on. */
    ASKS_WHO_IS_CALLING,
    WRONG_NUMBER,
    AFFIRM,
    NEGATIVE,
    /** "can you repeat", "say again", "kya bola": the caller missed our question; nothing in the turn is an answer. */
    REPEAT,
    /** "don't know", "pata nahi": the question has no answer today, so move on without re-asking. */
    UNSURE,
    /** "hmm", "achha": the caller is listening, not answering. */
    BACKCHANNEL,
    /** None of the above: an answer, a question, or noise. */
    OTHER
}
