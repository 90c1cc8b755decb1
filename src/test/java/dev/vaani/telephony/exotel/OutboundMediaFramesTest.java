package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A stream's reused frame buffers must never show through in a frame already handed to the socket. */
class OutboundMediaFramesTest {

    private final OutboundMediaFrames frames = new OutboundMediaFrames("MZ1");

    @Test
    void aLaterChunkLeavesAnEarlierFrameAsItWas() {
        byte[] first = chunk(3200, 1);
        String sent = frames.media(first, 0, first.length);

        byte[] second = chunk(3200, 2);
        frames.media(second, 0, second.length);

        assertThat(sent).isEqualTo(expected(first));
    }

    @Test
    void chunksOfEveryLengthInAnyOrderAreExactlyTheirOwnFrame() {
        // a long chunk, then shorter ones: nothing of the longer frame may be left in a shorter one
        for (int length : new int[] {6400, 3200, 1, 2, 3, 0, 4, 3200, 9600}) {
            byte[] pcm = chunk(length, length);
            assertThat(frames.media(pcm, 0, pcm.length)).as("%d bytes", length).isEqualTo(expected(pcm));
        }
    }

    @Test
    void aSliceIsEncodedAsTheSameBytesOnTheirOwn() {
        byte[] pcm = chunk(3205, 3);
        for (int offset = 0; offset < 4; offset++) {
            byte[] slice = Arrays.copyOfRange(pcm, offset, offset + 3200);
            assertThat(frames.media(pcm, offset, 3200)).isEqualTo(expected(slice));
        }
    }

    @Test
    void framesAreTheWritersFrames() {
        byte[] pcm = chunk(3200, 4);
        assertThat(frames.media(pcm, 0, pcm.length))
                .isEqualTo(new ExotelMessageWriter().media("MZ1", pcm, 0, pcm.length));
    }

    private static byte[] chunk(int length, long seed) {
        byte[] pcm = new byte[length];
        new Random(seed).nextBytes(pcm);
        return pcm;
    }

    private static String expected(byte[] pcm) {
        return "{\"event\":\"media\",\"stream_sid\":\"MZ1\",\"media\":{\"payload\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\"}}";
    }
}
