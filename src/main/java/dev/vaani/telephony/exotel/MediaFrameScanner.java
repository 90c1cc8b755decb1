package dev.vaani.telephony.exotel;


/**
 * The media fast path of {@link ExotelMessageParser}: media frames arrive every 100 ms on every call, so frames of
 * the usual shape are read by hand, straight from the String, with the payload found by {@link String#indexOf} and
 * decoded by the same (intrinsified) {@link java.util.Base64} decoder as the general path - no JSON tokens, no tree,
 * no per-character scan of the 2 KB payload. Nothing is allocated but the event, its payload and, once per stream,
 * its stream sid: keys and values are compared and read in place, and the payload's text passes through the stream's
 * {@link MediaFrameBuffers}. The accepted shape is a strict subset of JSON: one object with lower-case
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

    private final MediaFrameBuffers buffers;
    private String json;
    private int length;
    private int pos;
    private int seen;
    private String streamSid;
    private String mediaStreamSid;
    private long sequenceNumber;
    private long chunk;
    private long timestamp;
    private byte[] payload;

    /** One per stream, kept in its {@link MediaFrameBuffers}: reused for every frame, so a frame costs no scanner. */
    MediaFrameScanner(MediaFrameBuffers buffers) {
        this.buffers = buffers;
    }

    /** The frame as a media event, or null when the general path must decide. */
    ExotelInboundEvent.Media scan(String json) {
        this.json = json;
        length = json.length();
        pos = 0;
        seen = 0;
        streamSid = null;
        mediaStreamSid = null;
        sequenceNumber = ExotelInboundEvent.ABSENT;
        chunk = ExotelInboundEvent.ABSENT;
        timestamp = ExotelInboundEvent.ABSENT;
        try {
            return frame();
        } catch (RuntimeException e) {
            return null; // e.g. index out of bounds on a truncated frame
        } finally {
            this.json = null; // nor keep the frame's text or payload until the next frame
            payload = null;
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
                int start = pos + 1;
                // The general path lower-cases the event; for printable ASCII that is this comparison.
                return first(EVENT) && plainStringEnd() && pos - 1 - start == 5
                        && json.regionMatches(true, start, "media", 0, 5);
            }
            case "stream_sid" -> {
                streamSid = first(STREAM_SID) ? streamSid() : null;
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
                mediaStreamSid = first(MEDIA_STREAM_SID) ? streamSid() : null;
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

    private static final String[] KEYS = {"event", "stream_sid", "sequence_number", "media", "payload", "chunk",
        "timestamp"};

    /** A key this path knows, as its constant (no String is made per frame); null for any other. */
    private String key() {
        if (json.charAt(pos) != '"') {
            return null;
        }
        int start = pos + 1;
        int end = json.indexOf('"', start);
        if (end < 0) {
            return null;
        }
        for (String key : KEYS) {
            if (key.length() == end - start && json.regionMatches(start, key, 0, key.length())) {
                pos = end + 1;
                return key;
            }
        }
        return null;
    }

    /**
     * Skips a string of printable ASCII without escapes, leaving {@code pos} after its closing quote; false (pos
     * unchanged) for any other value.
     */
    private boolean plainStringEnd() {
        if (json.charAt(pos) != '"') {
            return false;
        }
        int i = pos + 1;
        char c;
        while ((c = json.charAt(i)) != '"') {
            if (c < 0x20 || c >= 0x7F || c == '\\') {
                return false;
            }
            i++;
        }
        pos = i + 1;
        return true;
    }

    /** A plain string (see {@link #plainStringEnd}) as a stream sid, or null. */
    private String streamSid() {
        int start = pos + 1;
        return plainStringEnd() ? buffers.streamSid(json, start, pos - 1) : null;
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
        payload = buffers.decode(json, pos + 1, end);
        if (payload == null) {
            return false;
        }
        pos = end + 1;
        return true;
    }

    /** As the general path's whole-number reading, for a plain string or a plain non-negative integer. */
    private long number() {
        char c = json.charAt(pos);
        if (c == '"') {
            int start = pos + 1;
            if (!plainStringEnd()) {
                return NOT_FAST;
            }
            // As String.trim, which for printable ASCII strips spaces only; then parsed in place.
            int end = pos - 1;
            while (start < end && json.charAt(start) == ' ') {
                start++;
            }
            while (end > start && json.charAt(end - 1) == ' ') {
                end--;
            }
            if (start == end) {
                return ExotelInboundEvent.ABSENT;
            }
            try {
                long value = Long.parseLong(json, start, end, 10);
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
