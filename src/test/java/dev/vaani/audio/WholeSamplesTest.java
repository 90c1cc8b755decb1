package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class WholeSamplesTest {

    private final WholeSamples samples = new WholeSamples();

    @Test
    void piecesSplitAnywhereComeOutAsTheSameStreamOfWholeSamples() {
        byte[] stream = Signals.noise(8000, 1000, 1000, 5);
        int[] sizes = {1601, 1, 2, 3, 320, 799, 1};
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int off = 0;
        for (int i = 0; off < stream.length; i++) {
            int n = Math.min(sizes[i % sizes.length], stream.length - off);
            byte[] out = samples.next(stream, off, n);
            assertThat(out.length % 2).as("piece %d", i).isZero();
            joined.writeBytes(out);
            off += n;
        }
        assertThat(joined.toByteArray()).isEqualTo(stream);
        assertThat(samples.hasCarry()).isFalse();
    }

    @Test
    void anOddTrailingByteWaitsForTheRestOfItsSample() {
        assertThat(samples.next(new byte[] {1, 2, 3}, 0, 3)).containsExactly(1, 2);
        assertThat(samples.hasCarry()).isTrue();
        assertThat(samples.next(new byte[] {4}, 0, 1)).containsExactly(3, 4);
        assertThat(samples.hasCarry()).isFalse();
    }

    @Test
    void aLoneByteYieldsNothingUntilItsPartnerComes() {
        assertThat(samples.next(new byte[] {9, 7}, 1, 1)).isEmpty();
        assertThat(samples.next(new byte[0], 0, 0)).isEmpty();
        assertThat(samples.next(new byte[] {8, 0}, 0, 1)).containsExactly(7, 8);
    }

    @Test
    void anOwnedPieceOfWholeSamplesIsPassedOnWithoutACopy() {
        byte[] piece = new byte[1600];
        assertThat(samples.nextOwned(piece)).isSameAs(piece);
    }

    @Test
    void anOwnedPieceAfterACarriedByteIsJoinedToIt() {
        samples.nextOwned(new byte[] {1, 2, 3});
        byte[] piece = {4, 5, 6, 7, 8, 9};
        assertThat(samples.nextOwned(piece)).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(samples.hasCarry()).isTrue();
    }
}
