package dev.vaani.call.identity;

/** What a media stream's identity parameter proved. */
public sealed interface IdentityCheck {

    /** Signed by us, unexpired, and (when bound) for this call sid. */
    record Trusted(CallIdentity identity) implements IdentityCheck {}

    /** No signed identity at all: an unknown inbound caller. */
    record Absent() implements IdentityCheck {}

    /**
     * A parameter that is not ours to believe: malformed, tampered with, expired, or signed for another call.
     *
     * @param reason metric tag and log word: malformed, tampered, expired, other_call
     */
    record Refused(String reason) implements IdentityCheck {}
}
