package dev.vaani.telephony.exotel;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * What one media stream's frame reading reuses from one frame to the next: its {@link MediaFrameScanner}, the
 * working buffers a base64 payload passes through on its way to PCM bytes, and the stream sid, which is the same in
 * every frame. Without them each 100 ms frame cost a copy of the payload's text as a String and another as bytes (about
 * 4.3 KB for 100 ms of 8 kHz PCM16) before any audio was decoded.
 *
 * <p>The decoded payload itself is an array of exactly its size, never one of these buffers: the media handler hands
 * it to the call's own executor, which reads it on another thread after this frame is done, and the next frame would
 * overwrite a reused one. It is a new array unless the executor gave one back ({@link #giveBack}).
 *
 * <p>One per stream. Not thread-safe but for {@link #giveBack}: a socket's messages are read one at a time (the
 * container delivers them in order, never two at once), which is the only way it is used.
 */
public final class MediaFrameBuffers {

    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private final MediaFrameScanner scanner = new MediaFrameScanner(this);
    private final PayloadArrays payloads = new PayloadArrays();
    private final CharsetEncoder ascii = StandardCharsets.US_ASCII.newEncoder();
    private char[] chars = new char[0];
    private CharBuffer charView = CharBuffer.wrap(chars);
    /** Exactly as long as the last payload: the JDK decoder reads a whole array. A call's frames keep one size. */
    private byte[] text = new byte[0];
    private ByteBuffer textView = ByteBuffer.wrap(text);
    private String streamSid;

    /** The frame as a media event, or null when the general parse must decide. */
    ExotelInboundEvent.Media scan(String json) {
        return scanner.scan(json);
    }

    /**
     * The base64 text of {@code json} from {@code start} to {@code end} decoded into an array of exactly its size,
     * new or given back, or null when it is not base64 the JDK's basic decoder takes (the general parse then decides).
     */
    byte[] decode(String json, int start, int end) {
        int length = end - start;
        if (length < 2) {
            return null; // "" and one character: rare enough to leave to the general parse
        }
        if (!asciiText(json, start, end)) {
            return null; // a character outside ASCII is never base64
        }
        byte[] decoded = payloads.take(decodedLength(text));
        try {
            int written = BASE64.decode(text, decoded);
            return written == decoded.length ? decoded : Arrays.copyOf(decoded, written);
        } catch (IllegalArgumentException e) {
            payloads.giveBack(decoded); // nobody else saw it
            return null;
        }
    }

    /**
     * A payload this stream's parse returned, which nothing reads any more, for a later frame to decode into. Any
     * thread may call it, at any time: the call's executor does once it has consumed the frame.
     */
    public void giveBack(byte[] payload) {
        payloads.giveBack(payload);
    }

    /**
     * The text from {@code start} to {@code end} as a String, the one kept from an earlier frame when it is the
     * same: every frame of a stream carries the same stream sid.
     */
    String streamSid(String json, int start, int end) {
        int length = end - start;
        String last = streamSid;
        if (last != null && last.length() == length && json.regionMatches(start, last, 0, length)) {
            return last;
        }
        streamSid = json.substring(start, end);
        return streamSid;
    }

    /**
     * Copies the characters into {@link #text} as bytes; false if one is not ASCII. Both steps are the JDK's bulk
     * (vectorised) copies; a cast of each character would also turn a character above U+00FF into a byte that may be
     * valid base64, where the general parse rejects it.
     */
    private boolean asciiText(String json, int start, int end) {
        int length = end - start;
        if (chars.length < length) {
            chars = new char[length];
            charView = CharBuffer.wrap(chars);
        }
        if (text.length != length) {
            text = new byte[length];
            textView = ByteBuffer.wrap(text);
        }
        json.getChars(start, end, chars, 0);
        charView.clear().limit(length);
        textView.clear();
        ascii.reset();
        CoderResult result = ascii.encode(charView, textView, true);
        return !result.isError() && !charView.hasRemaining() && textView.position() == length;
    }

    /** The JDK basic decoder's output length for valid input: 3 bytes per 4 characters, less the padding. */
    private static int decodedLength(byte[] base64) {
        int length = base64.length;
        int padding = 0;
        if (base64[length - 1] == '=') {
            padding++;
            if (base64[length - 2] == '=') {
                padding++;
            }
        }
        if (padding == 0 && (length & 3) != 0) {
            padding = 4 - (length & 3);
        }
        return Math.max(0, 3 * ((length + 3) / 4) - padding);
    }
}
