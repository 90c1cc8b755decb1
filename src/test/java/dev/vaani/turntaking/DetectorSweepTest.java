package dev.vaani.turntaking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the sweep reports the detector's own end of turn. */
class DetectorSweepTest {

    @Test
    void eachAnswerCountsOnceWhateverInterruptionFollowedIt() {
        List<DetectorSweep.Case> cases = List.of(
                answer("white", "a", "x", 650, false),
                answer("white", "a", "y", 650, false), // the same answer and line before another interruption
                answer("pink", "a", "x", 700, true),
                answer("white", "b", "x", -1, false));

        String table = DetectorSweep.endOfTurnTable(cases, List.of("tune"));

        assertThat(table.lines().filter(line -> line.startsWith("| tune |")))
                .containsExactly("| tune | 650 / 700 | 1 / 3 | 1 / 3 |");
    }

    private static DetectorSweep.Case answer(String noise, String answer, String interruption, int endOfTurnAfterMs,
                                             boolean silentMidAnswer) {
        return new DetectorSweep.Case("tune", noise, 10, answer, interruption, 1700, 100, 0, endOfTurnAfterMs,
                silentMidAnswer);
    }
}
