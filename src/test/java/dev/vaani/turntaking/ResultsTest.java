package dev.vaani.turntaking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.simulator.CallReport;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the evaluation turns a call into its table's figures. */
class ResultsTest {

    private static final JsonMapper JSON = new JsonMapper();

    /** The caller stopped at 11 739 ms; the media message carrying that sample went at 11 800 ms. */
    private static final CallReport.CallerTurn ANSWER = new CallReport.CallerTurn(1, "answer.wav", false, 9_000,
            11_800, OptionalLong.of(700), OptionalLong.of(720), OptionalLong.empty(), 9_000, 11_739, Double.NaN,
            Double.NaN);

    /** The server's turn for it: decided at 12 400 ms, its reply's first audio sent 100 ms after the decision. */
    private static final JsonNode SERVER_TURNS = JSON.readTree("""
            [{"turn": 1, "ended_at_ms": 12400, "first_audio_sent_ms": 100}]""");

    @Test
    void endOfTurnIsCountedFromTheCallersLastSpokenSampleNotFromTheMessageThatCarriedIt() {
        Results results = new Results();

        results.speech("tune", 10, report(List.of(ANSWER), List.of()), SERVER_TURNS);

        // reply received at 11 800 + 700 = 12 500 ms, less the server's 100 ms, less the sample's 11 739 ms
        assertThat(row(results, "End-of-turn delay p50 / p95 ms, 10 dB (tuning half)")).isEqualTo("661 / 661 (n=1)");
    }

    @Test
    void anAnswerTheReplyStartedOverIsPrematureAndNotTimed() {
        Results results = new Results();
        var replyOverTheAnswer = new CallReport.BotUtterance(2, 11_000, 1_500, false, new byte[0]);

        results.speech("tune", 10, report(List.of(ANSWER), List.of(replyOverTheAnswer)), SERVER_TURNS);

        assertThat(row(results, "Premature end of turn (tuning half)")).isEqualTo("1 / 1");
        assertThat(row(results, "End-of-turn delay p50 / p95 ms, 10 dB (tuning half)")).isEqualTo("– / – (n=0)");
    }

    /** The caller talks over the reply from 13 000 ms; the bot's audio was cleared 120 ms after their first sample. */
    private static final CallReport.CallerTurn INTERRUPTION = new CallReport.CallerTurn(2, "interruption.wav", true,
            13_000, 15_000, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(120), 13_000, 14_900,
            Double.NaN, 120);

    @Test
    void aBargeInTheServerTookAsTheCallersTurnIsTimedFromItsFirstSample() {
        Results results = new Results();
        JsonNode answerThenInterruption = JSON.readTree("""
                [{"turn": 1, "ended_at_ms": 12400, "first_audio_sent_ms": 100},
                 {"turn": 2, "ended_at_ms": 15600, "first_audio_sent_ms": 90}]""");

        results.speech("tune", 10, report(List.of(ANSWER, INTERRUPTION), List.of()), answerThenInterruption);

        assertThat(row(results, "Missed barge-ins (tuning half)")).isEqualTo("0 / 1");
        assertThat(row(results, "Barge-ins cleared within 300 ms (tuning half)")).isEqualTo("1 / 1");
        assertThat(row(results, "Barge-in reaction p50 / p95 ms (tuning half)")).isEqualTo("120 / 120");
    }

    @Test
    void aBargeInTheBotPausedForAndThenTalkedOverIsMissedThoughItWasCleared() {
        Results results = new Results();

        results.speech("tune", 10, report(List.of(ANSWER, INTERRUPTION), List.of()), SERVER_TURNS);

        assertThat(row(results, "Missed barge-ins (tuning half)")).isEqualTo("1 / 1");
        assertThat(row(results, "… of them paused for, then talked over (tuning half)")).isEqualTo("1 / 1");
        assertThat(row(results, "Barge-ins cleared within 300 ms (tuning half)")).isEqualTo("0 / 1");
    }

    private static CallReport report(List<CallReport.CallerTurn> turns, List<CallReport.BotUtterance> utterances) {
        return new CallReport("call", 8_000, turns, utterances, 0, 0, 0, 0, 0, List.of(), 0, 0, 0, List.of(), 20_000,
                true, OptionalInt.of(1000), "", false, List.of(), List.of());
    }

    private static String row(Results results, String measure) {
        String table = Results.table(Map.of("neural", results), -19.9, List.of("white"), List.of("tune"));
        return table.lines().filter(line -> line.startsWith("| " + measure + " |")).findFirst()
                .map(line -> line.split(" \\| ")[1]).orElseThrow(() -> new AssertionError(measure + " not in\n" + table));
    }
}
