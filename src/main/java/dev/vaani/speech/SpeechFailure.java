package dev.vaani.speech;

/** A typed provider failure, shared by speech recognition and synthesis. */
public class SpeechFailure extends RuntimeException {

    /** Why a provider call failed, so the call can choose to retry, fall back or apologise. */
    public enum Kind { UNAUTHORIZED, RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION_LOST, BAD_REQUEST, UNAVAILABLE }

    private final Kind kind;

    public SpeechFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SpeechFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Worth retrying later: rate limits, server errors, timeouts and dropped connections. */
    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR || kind == Kind.TIMEOUT
                || kind == Kind.CONNECTION_LOST;
    }
}
