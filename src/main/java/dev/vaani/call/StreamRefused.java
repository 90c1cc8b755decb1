package dev.vaani.call;

/** A media stream that may not start a call; nothing about the call was stored or changed. */
public final class StreamRefused extends RuntimeException {

    /**
     * Why, with the WebSocket close code and reason the stream is closed with.
     */
    public enum Reason {
        /** Another socket carries this call sid right now; that call goes on untouched. */
        LIVE(4409, "call_sid already live"),
        /** The call ended (in this process, or its row is closed): Exotel never reopens a call's stream. */
        ENDED(4410, "call already ended"),
        /** Over vaani.call.max-live-calls (MAX_LIVE_CALLS): 1013, try again later. */
        CAPACITY(1013, "too many live calls, try again later");

        private final int closeCode;
        private final String closeReason;

        Reason(int closeCode, String closeReason) {
            this.closeCode = closeCode;
            this.closeReason = closeReason;
        }

        public int closeCode() {
            return closeCode;
        }

        public String closeReason() {
            return closeReason;
        }

        /** The metric tag: live, ended, capacity. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public StreamRefused(Reason reason, String callSid) {
        super("Refused a media stream for call " + callSid + ": " + reason.closeReason(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
