package dev.vaani.call;

import dev.vaani.conversation.HandOver;

/** Whether a caller who asks for a person can be connected on this call; the carrier's set-up decides it. */
@FunctionalInterface
public interface HandOverPolicy {

    /** @param placedByUs the stream carries our signed identity: the dialer placed the call */
    HandOver forCall(boolean placedByUs);

    /** Without a carrier set-up (tests, a bare simulator): every call came through a flow that can connect. */
    HandOverPolicy CONNECT_ON_THE_CALL = placedByUs -> HandOver.CONNECT_NOW;
}
