package dev.vaani.telephony.exotel;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * One stream's outbound media frames ({@code {"event":"media","stream_sid":"…","media":{"payload":"<base64>"}}}),
 * built in buffers reused from chunk to chunk: the frame's start, with the stream sid, is made once; a whole chunk is
 * encoded by the JDK's (vectorised) base64 encoder, several times faster than a byte-at-a-time loop. The returned
 * String is the only copy made per chunk: the socket may still be sending it when the next chunk is built, so it can
 * never share these buffers.
 *
 * <p>One per stream. Not thread-safe: a call's audio is sent from its serial executor only (its
 * {@code OutboundPlayer}'s pump), one chunk at a time.
 */
final class OutboundMediaFrames {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final byte[] SUFFIX = "\"}}".getBytes(StandardCharsets.US_ASCII);

    private final byte[] prefix;
    /** prefix, base64, suffix; grows to the largest frame sent. */
    private byte[] frame = new byte[0];
    /** The JDK encoder writes from index 0 of an array of its own; the base64 is copied into the frame from here. */
    private byte[] base64 = new byte[0];

    OutboundMediaFrames(String streamSid) {
        this.prefix = ("{\"event\":\"media\",\"stream_sid\":\"" + ExotelMessageWriter.escape(streamSid)
                + "\",\"media\":{\"payload\":\"").getBytes(StandardCharsets.US_ASCII);
    }

    /** The media frame for {@code length} bytes of PCM from {@code offset}. */
    String media(byte[] pcm, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        int encodedLength = 4 * ((length + 2) / 3);
        int frameLength = prefix.length + encodedLength + SUFFIX.length;
        if (frame.length < frameLength) {
            frame = new byte[frameLength];
            System.arraycopy(prefix, 0, frame, 0, prefix.length);
        }
        if (offset == 0 && length == pcm.length) {
            if (base64.length < encodedLength) {
                base64 = new byte[encodedLength];
            }
            BASE64.encode(pcm, base64);
            System.arraycopy(base64, 0, frame, prefix.length, encodedLength);
        } else {
            ExotelMessageWriter.encodeInto(pcm, offset, length, frame, prefix.length); // a slice: the JDK takes none
        }
        System.arraycopy(SUFFIX, 0, frame, prefix.length + encodedLength, SUFFIX.length);
        // Latin-1 bytes become a compact String with a single copy.
        return new String(frame, 0, frameLength, StandardCharsets.ISO_8859_1);
    }
}
