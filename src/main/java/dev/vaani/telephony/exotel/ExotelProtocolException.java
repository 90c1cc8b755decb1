package dev.vaani.telephony.exotel;

/** An Exotel media-stream frame we cannot use; the message says exactly why, for the call log. */
public class ExotelProtocolException extends RuntimeException {

    public ExotelProtocolException(String reason) {
        super(reason);
    }

    public ExotelProtocolException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
