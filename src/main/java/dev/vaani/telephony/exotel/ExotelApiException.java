package dev.vaani.telephony.exotel;

/** Exotel refused or failed a request. The message is safe to store and show: it never holds credentials. */
public class ExotelApiException extends RuntimeException {

    /** Why, in terms an operator can act on. */
    public enum Reason {
        INVALID_REQUEST, BAD_CREDENTIALS, PAYMENT_REQUIRED, FEATURE_NOT_ENABLED, NUMBER_BLOCKED, NOT_FOUND,
        RATE_LIMITED, SERVER_ERROR, NETWORK,
        /**
         * A request that places a call may have reached Exotel (a timeout or a 5xx after it was sent): never repeat
         * it blindly; ask the call-details API whether the call exists.
         */
        OUTCOME_UNKNOWN
    }

    private final int httpStatus;
    private final Reason reason;

    public ExotelApiException(int httpStatus, Reason reason, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.reason = reason;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Whether Exotel refused the account rather than this call: the API key or token (401), the balance or the plan's
     * limits (402), a suspended account or a feature it lacks (403), the account SID (404, Calls/connect is under it).
     * Every other call would be refused the same way until the operator fixes the account; a refusal that names the
     * number (DND, blacklist) is the number's ({@link Reason#NUMBER_BLOCKED}), whatever its status.
     */
    public boolean accountRefused() {
        return reason == Reason.BAD_CREDENTIALS || reason == Reason.PAYMENT_REQUIRED
                || reason == Reason.FEATURE_NOT_ENABLED || reason == Reason.NOT_FOUND;
    }

    /** Whether trying the same call later may succeed (rate limits, Exotel outages, network trouble). */
    public boolean retryable() {
        return reason == Reason.RATE_LIMITED || reason == Reason.SERVER_ERROR || reason == Reason.NETWORK;
    }
}
