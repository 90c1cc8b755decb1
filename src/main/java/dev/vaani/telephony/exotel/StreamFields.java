package dev.vaani.telephony.exotel;

import dev.vaani.call.LiveCall;
import dev.vaani.privacy.UntrustedText;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fields of a stream's {@code start} and {@code stop} that whoever opens the stream writes: identifiers, numbers
 * and the stop's reason. Each is checked before it is kept or logged, so a sender cannot write into the log or a call
 * row with them (the audit of 2026-12-06: a call sid with a line break wrote a fake log line).
 */
final class StreamFields {

    private static final Logger log = LoggerFactory.getLogger(StreamFields.class);

    private StreamFields() {
    }

    record Invalid(String field, String value) {}

    /** The first of the call's identifiers that is not what Exotel sends; a blank account sid is absent. */
    static Optional<Invalid> invalid(String callSid, String streamSid, ExotelInboundEvent.Start start) {
        if (!ExotelIdentifiers.isIdentifier(callSid)) {
            return Optional.of(new Invalid("call_sid", callSid));
        }
        if (!ExotelIdentifiers.isIdentifier(streamSid)) {
            return Optional.of(new Invalid("stream_sid", streamSid));
        }
        if (present(start.accountSid()) && !ExotelIdentifiers.isIdentifier(start.accountSid())) {
            return Optional.of(new Invalid("account_sid", start.accountSid()));
        }
        return Optional.empty();
    }

    /**
     * The number as Exotel sent it, or null for one that is no phone number: the caller still gets the call (their
     * number is shown to us, not chosen by us), as if they had withheld it; it is never stored or logged as sent.
     */
    static String phoneNumber(String callSid, String field, String value) {
        if (!present(value) || ExotelIdentifiers.isPhoneNumber(value)) {
            return value;
        }
        log.warn("Call {}: its start has an invalid {} {}; taken as withheld", callSid, field,
                UntrustedText.quoted(value, 40));
        return null;
    }

    /**
     * Exotel's reason ("callended", "stopped"), kept with the call and logged; one that is no such word is taken as
     * none (the call ended all the same).
     */
    static String stopReason(LiveCall call, String reason) {
        if (!present(reason) || ExotelIdentifiers.isIdentifier(reason)) {
            return reason;
        }
        log.warn("Call {}: its stop carried a reason that is no word, {}; ignored", call.context().callSid(),
                UntrustedText.quoted(reason, 40));
        return null;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
