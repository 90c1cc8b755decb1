package dev.vaani.conversation;

/**
 * What the agent may promise a caller who asks for a person. It depends on how the call reached us: only a call that
 * runs through an Exotel flow can be connected to a person on the same call (the flow's next applet rings the sales
 * number when the stream closes); a call placed directly with a stream URL simply ends when the stream closes.
 */
public enum HandOver {
    /** The call is connected to a person on this call: "please stay on the line". */
    CONNECT_NOW,
    /** Nobody can be connected on this call: the agent promises a call back from a person, and only that. */
    CALL_BACK
}
