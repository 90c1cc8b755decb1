package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AudioBacklogTest {

    @Test
    void overItsCapacityItDropsTheOldestAudioAndCountsIt() {
        AudioBacklog backlog = new AudioBacklog(1000);
        byte[] first = new byte[400];
        byte[] second = new byte[400];
        byte[] third = new byte[400];

        assertThat(backlog.add(first)).isZero();
        assertThat(backlog.add(second)).isZero();
        assertThat(backlog.add(third)).isEqualTo(400);

        assertThat(backlog.bytes()).isEqualTo(800);
        assertThat(backlog.droppedBytes()).isEqualTo(400);
        assertThat(backlog.poll()).isSameAs(second);
        assertThat(backlog.poll()).isSameAs(third);
        assertThat(backlog.poll()).isNull();
    }

    @Test
    void theNewestChunkIsKeptEvenWhenItAloneIsOverCapacity() {
        AudioBacklog backlog = new AudioBacklog(100);
        backlog.add(new byte[50]);
        byte[] big = new byte[300];

        assertThat(backlog.add(big)).isEqualTo(50);

        assertThat(backlog.poll()).isSameAs(big);
        assertThat(backlog.isEmpty()).isTrue();
        assertThat(backlog.bytes()).isZero();
    }

    @Test
    void aSteadyOverflowNeverGrowsPastItsCapacity() {
        AudioBacklog backlog = new AudioBacklog(3200);
        for (int i = 0; i < 10_000; i++) {
            backlog.add(new byte[320]);
        }

        assertThat(backlog.bytes()).isEqualTo(3200);
        assertThat(backlog.droppedBytes()).isEqualTo(320L * 10_000 - 3200);
    }
}
