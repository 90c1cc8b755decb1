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

    /**
     * A key or URL no request can carry (a line break in a key, a space in a URL): no retry mends it, and its message
     * names no value, since the JDK's own error text quotes the header, key included.
     */
    public static SpeechFailure unsendableSetting(String provider) {
        return new SpeechFailure(Kind.BAD_REQUEST, unsendableSettingMessage(provider));
    }

    public static String unsendableSettingMessage(String provider) {
        return provider + " request cannot be sent: the configured key or URL is malformed";
    }

    /** Worth retrying later: rate limits, server errors, timeouts and dropped connections. */
    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR || kind == Kind.TIMEOUT
                || kind == Kind.CONNECTION_LOST;
    }
}
