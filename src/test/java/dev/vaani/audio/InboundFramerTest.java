package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundFramerTest {

    private final List<byte[]> frames = new ArrayList<>();
    private final InboundFramer framer = new InboundFramer(AudioFormat.PHONE_8K, 20,
            (buffer, offset, length) -> frames.add(java.util.Arrays.copyOfRange(buffer, offset, offset + length)));

    @Test
    void aHundredMillisecondPayloadYieldsFiveFrames() {
        framer.append(new byte[1600], 0, 1600);
        assertThat(frames).hasSize(5).allSatisfy(f -> assertThat(f).hasSize(320));
        assertThat(framer.pendingBytes()).isZero();
    }

    @Test
    void keepsTheRemainderForTheNextPayload() {
        framer.append(new byte[500], 0, 500);
        assertThat(frames).hasSize(1);
        assertThat(framer.pendingBytes()).isEqualTo(180);
        framer.append(new byte[140], 0, 140);
        assertThat(frames).hasSize(2);
        assertThat(framer.pendingBytes()).isZero();
    }

    @Test
    void framesReproduceTheStreamExactlyWhateverThePayloadSizes() {
        byte[] stream = Signals.noise(8000, 3000, 1000, 11);
        int[] sizes = {1, 319, 2, 1600, 7, 320, 641, 100};
        int off = 0;
        for (int i = 0; off < stream.length; i++) {
            int n = Math.min(sizes[i % sizes.length], stream.length - off);
            framer.append(stream, off, n);
            off += n;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        frames.forEach(joined::writeBytes);
        assertThat(joined.toByteArray()).isEqualTo(stream);
    }

    @Test
    void frameSizeFollowsTheFormat() {
        InboundFramer wideband = new InboundFramer(AudioFormat.WIDEBAND_16K, 20, (b, o, l) -> frames.add(new byte[l]));
        wideband.append(new byte[1280], 0, 1280);
        assertThat(frames).hasSize(2).allSatisfy(f -> assertThat(f).hasSize(640));
    }

    @Test
    void resetDropsAPartialFrame() {
        framer.append(new byte[300], 0, 300);
        framer.reset();
        framer.append(new byte[300], 0, 300);
        assertThat(frames).isEmpty();
    }
}
