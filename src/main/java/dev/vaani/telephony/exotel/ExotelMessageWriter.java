package dev.vaani.telephony.exotel;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds the JSON text frames we send to Exotel ({@code media}, {@code mark}, {@code clear}) with the documented
 * snake_case keys. Output is pure ASCII and byte-for-byte stable. Media frames, sent for every chunk of every call,
 * are built by {@link OutboundMediaFrames}. Stateless and thread-safe.
 */
public final class ExotelMessageWriter {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);

    /**
     * {@code {"event":"media","stream_sid":"…","media":{"payload":"<base64>"}}} for {@code length} bytes of PCM. A
     * call sends through its own {@link OutboundMediaFrames}, which reuses its buffers; this makes them afresh.
     */
    public String media(String streamSid, byte[] pcm, int offset, int length) {
        return new OutboundMediaFrames(streamSid).media(pcm, offset, length);
    }

    /** The frames of one stream, whose buffers are reused from chunk to chunk; not thread-safe. */
    OutboundMediaFrames mediaFrames(String streamSid) {
        return new OutboundMediaFrames(streamSid);
    }

    /** A media frame for a whole buffer. */
    public String media(String streamSid, byte[] pcm) {
        return media(streamSid, pcm, 0, pcm.length);
    }

    /** {@code {"event":"mark","stream_sid":"…","mark":{"name":"…"}}}: echoed once prior audio has played. */
    public String mark(String streamSid, String name) {
        Objects.requireNonNull(name, "name");
        return "{\"event\":\"mark\",\"stream_sid\":\"" + escape(streamSid) + "\",\"mark\":{\"name\":\"" + escape(name)
                + "\"}}";
    }

    /** {@code {"event":"clear","stream_sid":"…"}}: drops audio Exotel has queued but not started playing. */
    public String clear(String streamSid) {
        return "{\"event\":\"clear\",\"stream_sid\":\"" + escape(streamSid) + "\"}";
    }

    /**
     * Standard padded base64 of a slice, written straight into the frame: {@code java.util.Base64.Encoder} only
     * encodes whole arrays, which would cost a copy of the slice.
     */
    static void encodeInto(byte[] src, int offset, int length, byte[] dst, int dstOffset) {
        int s = offset;
        int d = dstOffset;
        int wholeGroupsEnd = offset + length - length % 3;
        while (s < wholeGroupsEnd) {
            int bits = (src[s] & 0xFF) << 16 | (src[s + 1] & 0xFF) << 8 | (src[s + 2] & 0xFF);
            dst[d] = ALPHABET[bits >>> 18];
            dst[d + 1] = ALPHABET[(bits >>> 12) & 0x3F];
            dst[d + 2] = ALPHABET[(bits >>> 6) & 0x3F];
            dst[d + 3] = ALPHABET[bits & 0x3F];
            s += 3;
            d += 4;
        }
        int rest = offset + length - s;
        if (rest > 0) {
            int bits = (src[s] & 0xFF) << 16 | (rest == 2 ? (src[s + 1] & 0xFF) << 8 : 0);
            dst[d] = ALPHABET[bits >>> 18];
            dst[d + 1] = ALPHABET[(bits >>> 12) & 0x3F];
            dst[d + 2] = rest == 2 ? ALPHABET[(bits >>> 6) & 0x3F] : (byte) '=';
            dst[d + 3] = '=';
        }
    }

    /** JSON string escaping that also turns non-ASCII into backslash-u escapes, keeping frames pure ASCII. */
    static String escape(String value) {
        Objects.requireNonNull(value, "streamSid");
        int i = 0;
        while (i < value.length() && isPlain(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (isPlain(c)) {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isPlain(char c) {
        return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    }
}
