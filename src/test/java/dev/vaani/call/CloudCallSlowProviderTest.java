package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.conversation.Language;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A slow model (first chunk after 2 s): a filler reaches the caller well before the late answer, as its own
 * utterance, and the call carries on to the end.
 */
class CloudCallSlowProviderTest extends CloudCallTest {

    private static final String ANSWER = "Nice, a two BHK apartment. Which area would you prefer?";

    @Test
    void aFillerPlaysWhileTheModelIsSlowAndTheCallContinues() throws Exception {
        long leadId = leadKnowingLocationAndBudget("Arjun Mehta");
        String callSid = newCallSid();
        deepgram.script(YES_GOOD_TIME, TWO_BHK, YES_RIGHT);
        openai.respondWith(request -> lastUserText(request).toLowerCase(Locale.ROOT).contains("two bhk")
                ? agent(request).firstChunkAfter(Duration.ofMillis(2000))
                : agent(request));
        double fillersBefore = fillersPlayed();
        Scenario scenario = Scenario.builder("slow model")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .say(clip("two-bhk.wav"))
                // a caller who heard only the filler waits for the answer the slow model is still writing
                .waitForBotToFinish(2500)
                .say(clip("yes-right.wav"))
                .waitForBotToFinish(800)
                .timeout(Duration.ofMinutes(2))
                .expectGreeting()
                .expectBotRepliesAtLeast(3)
                .expectServerHangsUp()
                .expectNoChunkViolations()
                .build();

        // A short playback gap splits the filler and the answer into two utterances as the caller hears them.
        CallReport report = call(scenario, leadId, callSid, SimulatorOptions.builder().utteranceGapMs(300));

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        assertThat(fillersPlayed()).isGreaterThanOrEqualTo(fillersBefore + 1);

        List<CallReport.BotUtterance> heard = heardAfter(report, 1);
        assertThat(heard).withFailMessage(() -> "expected a filler, then the answer\n" + describe(report, callSid))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(isFiller(heard.getFirst().audio())).as("the first thing heard after the slow turn is a filler")
                .isTrue();
        assertThat(heard.subList(1, heard.size())).as("then the answer").anyMatch(u -> !isFiller(u.audio()) && !u.silent());
        assertThat(report.turns().get(1).latencyPlayedMs()).isPresent();
        assertThat(report.turns().get(1).latencyPlayedMs().getAsLong()).as("the filler masks the slow model")
                .isLessThan(3000);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(storedOutcome(callSid)).isEqualTo("qualified"));
        String transcript = jdbc.sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).single();
        assertThat(json.readTree(transcript).findValuesAsString("text")).contains(TWO_BHK, ANSWER, CLOSING);
    }

    /**
     * A filler clip and nothing more (at most the last outbound chunk's padding, 200 ms). Containing the clip is not
     * enough: the fillers are rendered by the ElevenLabs fake, whose audio depends only on the text's length, so every
     * longer answer begins with the same samples as a filler.
     */
    private boolean isFiller(byte[] audio) {
        int chunkPadding = 8000 * 2 * 200 / 1000;
        for (int i = 0; i < CallPhrases.ENGLISH.fillers().size(); i++) {
            byte[] filler = prompts.filler(Language.ENGLISH, i, 8000);
            if (audio.length <= filler.length + chunkPadding && containsClip(audio, filler)) {
                return true;
            }
        }
        return false;
    }
}
