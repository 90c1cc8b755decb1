package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Payload arrays go round between a socket's thread and its call's executor, never to two holders at once. */
class PayloadArraysTest {

    private final PayloadArrays arrays = new PayloadArrays();

    @Test
    void anArrayGivenBackIsTakenAgainOnceAndOnlyForItsLength() {
        byte[] first = arrays.take(1600);
        arrays.giveBack(first);

        assertThat(arrays.take(320)).hasSize(320).isNotSameAs(first); // another size drops it
        arrays.giveBack(first);
        assertThat(arrays.take(1600)).isSameAs(first);
        assertThat(arrays.take(1600)).isNotSameAs(first).hasSize(1600);
    }

    @Test
    void anArrayNotGivenBackIsNeverTakenAgain() {
        byte[] kept = arrays.take(1600);
        for (int i = 0; i < 10; i++) {
            byte[] next = arrays.take(1600);
            assertThat(next).isNotSameAs(kept);
            arrays.giveBack(next);
        }
    }

    @Test
    void moreArraysThanSlotsAreLeftToTheCollector() {
        byte[][] taken = new byte[10][];
        for (int i = 0; i < taken.length; i++) {
            taken[i] = arrays.take(8);
        }
        for (byte[] array : taken) {
            arrays.giveBack(array);
        }
        Set<byte[]> again = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < taken.length; i++) {
            again.add(arrays.take(8));
        }
        assertThat(again).hasSize(taken.length); // none handed out twice
    }

    @Test
    void aTakerAndAGiverOnTwoThreadsNeverShareAnArray() throws Exception {
        BlockingQueue<byte[]> toConsumer = new ArrayBlockingQueue<>(8);
        Set<byte[]> inFlight = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        int frames = 50_000;
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < frames; i++) {
                    byte[] payload = toConsumer.take();
                    boolean intact = payload[0] == payload[payload.length - 1];
                    inFlight.remove(payload);
                    arrays.giveBack(payload);
                    if (!intact) {
                        throw new AssertionError("payload changed while consumed");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < frames; i++) {
            byte[] payload = arrays.take(64);
            assertThat(inFlight.add(payload)).as("frame %d took an array still in flight", i).isTrue();
            payload[0] = (byte) i;
            payload[63] = (byte) i;
            toConsumer.put(payload);
        }
        consumer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(consumer.isAlive()).isFalse();
        assertThat(inFlight).isEmpty();
    }
}
