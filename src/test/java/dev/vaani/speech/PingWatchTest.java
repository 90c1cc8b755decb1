package dev.vaani.speech;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.speech.PingWatch.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PingWatchTest {

    private static final long MS = 1_000_000;

    private final PingWatch watch = new PingWatch(Duration.ofSeconds(15));
    private final long opened = 1_000 * MS;

    @Test
    void theFirstTickSendsAPing() {
        assertThat(watch.next(opened + 5_000 * MS, opened)).isEqualTo(Step.SEND_PING);
    }

    @Test
    void anAnsweredPingIsFollowedByTheNextOne() {
        watch.next(opened + 5_000 * MS, opened);

        assertThat(watch.next(opened + 10_000 * MS, opened + 5_040 * MS)).isEqualTo(Step.SEND_PING);
    }

    @Test
    void anUnansweredPingIsWaitedForUntilTheStallTimeout() {
        watch.next(opened + 5_000 * MS, opened);

        assertThat(watch.next(opened + 10_000 * MS, opened)).isEqualTo(Step.WAIT);
        assertThat(watch.next(opened + 19_999 * MS, opened)).isEqualTo(Step.WAIT);
        assertThat(watch.next(opened + 20_000 * MS, opened)).isEqualTo(Step.STALLED);
    }

    @Test
    void aResultHeardAfterThePingAnswersItToo() {
        watch.next(opened + 5_000 * MS, opened);

        assertThat(watch.next(opened + 25_000 * MS, opened + 24_000 * MS)).isEqualTo(Step.SEND_PING);
    }

    @Test
    void somethingHeardBeforeThePingDoesNotAnswerIt() {
        watch.next(opened + 5_000 * MS, opened + 4_999 * MS);

        assertThat(watch.next(opened + 20_000 * MS, opened + 4_999 * MS)).isEqualTo(Step.STALLED);
    }
}
