package dev.vaani.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtteranceBufferTest {

    @Test
    void keepsTheNewestBytesLikeAByteByByteRing() {
        Random random = new Random(7);
        // capacities above INITIAL_BYTES exercise growth while the ring has wrapped
        for (int capacity : new int[] {2, 10, 64, 1600, UtteranceBuffer.INITIAL_BYTES + 1000, 3 * UtteranceBuffer.INITIAL_BYTES}) {
            UtteranceBuffer buffer = new UtteranceBuffer(capacity);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int step = 0; step < 500; step++) {
                if (random.nextInt(50) == 0) {
                    buffer.clear();
                    all.reset();
                    continue;
                }
                byte[] chunk = new byte[random.nextInt(Math.min(capacity, 4000) * 2 + 3)];
                random.nextBytes(chunk);
                int offset = chunk.length == 0 ? 0 : random.nextInt(chunk.length);
                int length = chunk.length - offset == 0 ? 0 : random.nextInt(chunk.length - offset + 1);
                buffer.append(chunk, offset, length);
                all.write(chunk, offset, length);
                byte[] everything = all.toByteArray();
                int cap = Math.max(2, capacity & ~1);
                byte[] expected = Arrays.copyOfRange(everything, Math.max(0, everything.length - cap), everything.length);
                assertThat(buffer.snapshot()).as("capacity %d step %d", capacity, step).isEqualTo(expected);
                assertThat(buffer.size()).isEqualTo(expected.length);
            }
        }
    }

    @Test
    void holdsOnlyWhatTheUtteranceNeedsUntilItGrows() {
        UtteranceBuffer buffer = new UtteranceBuffer(480_000);
        assertThat(buffer.allocatedBytes()).isEqualTo(UtteranceBuffer.INITIAL_BYTES);
        buffer.append(new byte[40_000], 0, 40_000);
        assertThat(buffer.allocatedBytes()).isEqualTo(2 * UtteranceBuffer.INITIAL_BYTES);
        assertThat(buffer.size()).isEqualTo(40_000);
    }
}
