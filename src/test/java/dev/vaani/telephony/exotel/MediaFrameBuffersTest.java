package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The buffers a stream reuses between media frames must never show through in what a frame handed on. */
class MediaFrameBuffersTest {

    private final MediaFrameBuffers buffers = new MediaFrameBuffers();

    @Test
    void aLaterFrameDoesNotOverwriteThePayloadAnEarlierFrameHandedOn() {
        byte[] first = {1, 2, 3, 4, 5, 6};
        byte[] second = {9, 8, 7, 6, 5, 4};

        byte[] kept = decode(frame(first));
        byte[] next = decode(frame(second));

        assertThat(kept).containsExactly(first).isNotSameAs(next);
        assertThat(next).containsExactly(second);
    }

    @Test
    void aPayloadGivenBackIsDecodedIntoAgainAndOneKeptNever() {
        byte[] kept = decode(frame(new byte[] {1, 2, 3, 4}));
        byte[] consumed = decode(frame(new byte[] {5, 6, 7, 8}));
        buffers.giveBack(consumed);

        byte[] next = decode(frame(new byte[] {9, 10, 11, 12}));

        assertThat(next).isSameAs(consumed).containsExactly(9, 10, 11, 12);
        assertThat(kept).containsExactly(1, 2, 3, 4);
    }

    @Test
    void payloadsOfChangingLengthsDecodeToTheirExactSize() {
        for (int size : new int[] {1600, 320, 1, 2, 3, 1601, 1600}) {
            byte[] pcm = new byte[size];
            for (int i = 0; i < size; i++) {
                pcm[i] = (byte) (i * 7 + size);
            }
            assertThat(decode(frame(pcm))).as("%d bytes", size).containsExactly(pcm);
        }
    }

    @Test
    void aCharacterBeyondLatin1IsNotReadAsItsLowByte() {
        // U+0141's low byte is 'A': read byte by byte it would decode; the general parse refuses it.
        String json = "x\u0141AAA";

        assertThat(buffers.decode(json, 1, json.length())).isNull();
        assertThat(buffers.decode("xAAAA", 1, 5)).containsExactly(0, 0, 0);
    }

    @Test
    void invalidBase64IsLeftToTheGeneralParse() {
        assertThat(buffers.decode("A", 0, 1)).isNull();
        assertThat(buffers.decode("AA=A", 0, 4)).isNull();
        assertThat(buffers.decode("AAAA\u00e9AAA", 0, 8)).isNull();
    }

    @Test
    void theSameStreamSidIsKeptAndADifferentOneReplacesIt() {
        String json = "[\"MZ1\",\"MZ1\",\"MZ2\"]";

        String first = buffers.streamSid(json, 2, 5);
        String again = buffers.streamSid(json, 8, 11);
        String other = buffers.streamSid(json, 14, 17);

        assertThat(first).isEqualTo("MZ1").isSameAs(again);
        assertThat(other).isEqualTo("MZ2");
    }

    private byte[] decode(String text) {
        return buffers.decode(text, 0, text.length());
    }

    private static String frame(byte[] pcm) {
        return Base64.getEncoder().encodeToString(pcm);
    }
}
