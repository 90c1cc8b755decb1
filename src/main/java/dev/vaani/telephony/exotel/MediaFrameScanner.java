package dev.vaani.telephony.exotel;

import java.util.Base64;
import java.util.Locale;

/**
 * The media fast path of {@link ExotelMessageParser}: media frames arrive every 100 ms on every call, so frames of
 * the usual shape are read by hand, straight from the String, with the payload found by {@link String#indexOf} and
 * decoded by the same (intrinsified) {@link Base64} decoder as the general path - no JSON tokens, no tree, no
 * per-character scan of the 2 KB payload. The accepted shape is a strict subset of JSON: one object with lower-case
 * snake_case keys this path knows ({@code event}, {@code stream_sid}, {@code sequence_number}, {@code media} and, in
 * media, {@code payload}, {@code chunk}, {@code timestamp}, {@code stream_sid}), each at most once; string values
 * without escapes or control characters, whole numbers as plain non-negative integers. Anything else - other events,
 * alternative spellings, unknown keys, nulls, escapes, any error - gives null, and the general tree-based parse
 * decides, so results, leniency and error messages are exactly those of the general path.
 */
final class MediaFrameScanner {

    private static final int EVENT = 1;
    private static final int STREAM_SID = 1 << 1;
    private static final int SEQUENCE = 1 << 2;
    private static final int MEDIA = 1 << 3;
    private static final int PAYLOAD = 1 << 4;
    private static final int CHUNK = 1 << 5;
    private static final int TIMESTAMP = 1 << 6;
    private static final int MEDIA_STREAM_SID = 1 << 7;
    /** Not a value: "not answered here". */
    private static final long NOT_FAST = Long.MIN_VALUE;

    private final String json;
    private final int length;
    private int pos;
    private int seen;
    private String streamSid;
    private String mediaStreamSid;
    private long sequenceNumber = ExotelInboundEvent.ABSENT;
    private long chunk = ExotelInboundEvent.ABSENT;
    private long timestamp = ExotelInboundEvent.ABSENT;
    private byte[] payload;

    private MediaFrameScanner(String json) {
        this.json = json;
        this.length = json.length();
    }

    /** The frame as a media event, or null when the general path must decide. */
    static ExotelInboundEvent.Media scan(String json) {
        try {
            return new MediaFrameScanner(json).frame();
        } catch (RuntimeException e) {
            return null; // e.g. index out of bounds on a truncated frame
        }
    }

    private ExotelInboundEvent.Media frame() {
        skipWhitespace();
        if (!object(false)) {
            return null;
        }
        skipWhitespace();
        if (pos != length || (seen & (EVENT | MEDIA | PAYLOAD)) != (EVENT | MEDIA | PAYLOAD)) {
            return null;
        }
        return new ExotelInboundEvent.Media((seen & STREAM_SID) != 0 ? streamSid : mediaStreamSid, sequenceNumber,
                chunk, timestamp, payload);
    }

    /** An object of known keys; {@code pos} at its '{', left after its '}'. */
    private boolean object(boolean inMedia) {
        if (json.charAt(pos) != '{') {
            return false;
        }
        pos++;
        skipWhitespace();
        if (json.charAt(pos) == '}') {
            pos++;
            return true;
        }
        while (true) {
            String key = key();
            if (key == null) {
                return false;
            }
            skipWhitespace();
            if (json.charAt(pos) != ':') {
                return false;
            }
            pos++;
            skipWhitespace();
            if (!(inMedia ? mediaMember(key) : rootMember(key))) {
                return false;
            }
            skipWhitespace();
            char c = json.charAt(pos++);
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                return false;
            }
            skipWhitespace();
        }
    }

    private boolean rootMember(String key) {
        switch (key) {
            case "event" -> {
                String event = first(EVENT) ? plainString() : null;
                return event != null && (event.equals("media") || event.toLowerCase(Locale.ROOT).equals("media"));
            }
            case "stream_sid" -> {
                streamSid = first(STREAM_SID) ? plainString() : null;
                return streamSid != null;
            }
            case "sequence_number" -> {
                sequenceNumber = first(SEQUENCE) ? number() : NOT_FAST;
                return sequenceNumber != NOT_FAST;
            }
            case "media" -> {
                return first(MEDIA) && object(true);
            }
            default -> {
                return false;
            }
        }
    }

    private boolean mediaMember(String key) {
        switch (key) {
            case "payload" -> {
                return first(PAYLOAD) && payload();
            }
            case "chunk" -> {
                chunk = first(CHUNK) ? number() : NOT_FAST;
                return chunk != NOT_FAST;
            }
            case "timestamp" -> {
                timestamp = first(TIMESTAMP) ? number() : NOT_FAST;
                return timestamp != NOT_FAST;
            }
            case "stream_sid" -> {
                mediaStreamSid = first(MEDIA_STREAM_SID) ? plainString() : null;
                return mediaStreamSid != null;
            }
            default -> {
                return false;
            }
        }
    }

    /** Marks a key as seen; false if it already was (duplicate keys go to the general path). */
    private boolean first(int bit) {
        if ((seen & bit) != 0) {
            return false;
        }
        seen |= bit;
        return true;
    }

    /** A key of lower-case letters and underscores. */
    private String key() {
        if (json.charAt(pos) != '"') {
            return null;
        }
        int start = pos + 1;
        int i = start;
        char c;
        while ((c = json.charAt(i)) != '"') {
            if (!(c >= 'a' && c <= 'z' || c == '_')) {
                return null;
            }
            i++;
        }
        pos = i + 1;
        return json.substring(start, i);
    }

    /** A string of printable ASCII without escapes, or null. */
    private String plainString() {
        if (json.charAt(pos) != '"') {
            return null;
        }
        int start = pos + 1;
        int i = start;
        char c;
        while ((c = json.charAt(i)) != '"') {
            if (c < 0x20 || c >= 0x7F || c == '\\') {
                return null;
            }
            i++;
        }
        pos = i + 1;
        return json.substring(start, i);
    }

    /**
     * The payload: the text up to the next quote, decoded as the general path does. Valid base64 holds no backslash
     * or control character, so whatever decodes is exactly the JSON string's value.
     */
    private boolean payload() {
        if (json.charAt(pos) != '"') {
            return false;
        }
        int end = json.indexOf('"', pos + 1);
        if (end < 0) {
            return false;
        }
        try {
            payload = Base64.getDecoder().decode(json.substring(pos + 1, end));
        } catch (IllegalArgumentException e) {
            return false;
        }
        pos = end + 1;
        return true;
    }

    /** As the general path's whole-number reading, for a plain string or a plain non-negative integer. */
    private long number() {
        char c = json.charAt(pos);
        if (c == '"') {
            String text = plainString();
            if (text == null) {
                return NOT_FAST;
            }
            text = text.trim();
            if (text.isEmpty()) {
                return ExotelInboundEvent.ABSENT;
            }
            try {
                long value = Long.parseLong(text);
                return value == NOT_FAST ? NOT_FAST : value;
            } catch (NumberFormatException e) {
                return NOT_FAST;
            }
        }
        // JSON integer: "0" or no leading zero; at most 18 digits, so it fits a long.
        int start = pos;
        long value = 0;
        while (pos < length && (c = json.charAt(pos)) >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            pos++;
        }
        int digits = pos - start;
        if (digits == 0 || digits > 18 || (digits > 1 && json.charAt(start) == '0')) {
            return NOT_FAST;
        }
        // The number must end here: a fraction, exponent or stray character is the general path's to judge.
        c = pos < length ? json.charAt(pos) : '}';
        return c == ',' || c == '}' || isWhitespace(c) ? value : NOT_FAST;
    }

    private void skipWhitespace() {
        while (pos < length && isWhitespace(json.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
