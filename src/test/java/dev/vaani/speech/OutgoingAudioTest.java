package dev.vaani.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutgoingAudioTest {

    private static final int FINALISE = 100;

    private final List<byte[]> sent = new ArrayList<>();
    private final OutgoingAudio audio = new OutgoingAudio("test", 300, sent::add);

    private static byte[] chunk(int id) {
        byte[] chunk = new byte[100];
        chunk[0] = (byte) id;
        return chunk;
    }

    private List<Integer> sentIds() {
        return sent.stream().map(chunk -> (int) chunk[0]).toList();
    }

    @Test
    void audioGoesStraightToAnOpenSocket() {
        audio.offer(chunk(1), true);

        assertThat(sentIds()).containsExactly(1);
    }

    @Test
    void audioWaitsForTheSocketToOpenAndThenGoesInOrder() {
        audio.offer(chunk(1), false);
        audio.offer(chunk(2), false);
        assertThat(sent).isEmpty();

        audio.drain();

        assertThat(sentIds()).containsExactly(1, 2);
    }

    @Test
    void audioWaitsWhileTheBudgetIsInFlightAndGoesWhenASendCompletes() {
        for (int id = 1; id <= 4; id++) {
            audio.offer(chunk(id), true);
        }
        assertThat(sentIds()).containsExactly(1, 2, 3);

        audio.sent(100);
        audio.drain();

        assertThat(sentIds()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void newerAudioGoesOnlyAfterTheAudioThatWaitedBeforeIt() {
        audio.offer(chunk(1), false);
        audio.offer(chunk(2), true); // the socket has opened, but chunk 1 has not gone yet

        assertThat(sent).isEmpty();
        audio.drain();
        assertThat(sentIds()).containsExactly(1, 2);
    }

    @Test
    void waitingAudioKeepsTheLatestWithinTheBudget() {
        for (int id = 1; id <= 5; id++) {
            audio.offer(chunk(id), false);
        }

        audio.drain();

        assertThat(sentIds()).containsExactly(3, 4, 5);
    }

    @Test
    void aFinaliseGoesAtOnceWhenNoAudioWaits() {
        audio.offer(chunk(1), true);

        audio.sendAfterWaitingAudio(() -> sent.add(chunk(FINALISE)), true);

        assertThat(sentIds()).containsExactly(1, FINALISE);
    }

    @Test
    void aFinaliseAskedForBeforeTheSocketOpensGoesAfterTheAudioBeforeIt() {
        audio.offer(chunk(1), false);
        audio.sendAfterWaitingAudio(() -> sent.add(chunk(FINALISE)), false);
        assertThat(sent).isEmpty();

        audio.drain();

        assertThat(sentIds()).containsExactly(1, FINALISE);
    }

    @Test
    void aFinaliseWaitsForAudioHeldBackByTheInFlightBudget() {
        for (int id = 1; id <= 4; id++) {
            audio.offer(chunk(id), true);
        }

        audio.sendAfterWaitingAudio(() -> sent.add(chunk(FINALISE)), true);
        assertThat(sentIds()).containsExactly(1, 2, 3);

        audio.sent(100);
        audio.drain();
        assertThat(sentIds()).containsExactly(1, 2, 3, 4, FINALISE);
    }

    @Test
    void aNewerFinaliseReplacesOneNotSentYet() {
        audio.offer(chunk(1), false);
        audio.sendAfterWaitingAudio(() -> sent.add(chunk(FINALISE)), false);
        audio.sendAfterWaitingAudio(() -> sent.add(chunk(FINALISE + 1)), false);

        audio.drain();

        assertThat(sentIds()).containsExactly(1, FINALISE + 1);
    }

    @Test
    void clearingForgetsTheFinaliseWithTheAudio() {
        audio.offer(chunk(1), false);
        audio.sendAfterWaitingAudio(() -> sent.add(chunk(FINALISE)), false);

        audio.clear();
        audio.drain();

        assertThat(sent).isEmpty();
    }
}
