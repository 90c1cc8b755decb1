package dev.vaani.call;

import static dev.vaani.call.CallTestSupport.clip;
import static dev.vaani.call.CallTestSupport.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.Language;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.ScriptedSpeechToText;
import dev.vaani.testing.ToneTextToSpeech;
import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * When the answer is slow to synthesise, a short filler ("Hmm.", "Achha.") masks the wait: after the caller's turn,
 * before the answer, never over the caller, and never the same clip twice in a row.
 */
class FillerTest extends VaaniIntegrationTest {

    @Autowired
    ScriptedSpeechToText recogniser;

    @Autowired
    ToneTextToSpeech synthesiser;

    @Autowired
    PromptAudio prompts;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void restoreSynthesisSpeed() {
        synthesiser.slowFirstAudio(Duration.ZERO);
    }

    @Test
    void aSlowAnswerIsPrecededByAFillerThatRotates() {
        long leadId = insertLead("Farah Khan", uniquePhone());
        String callSid = "fill" + UUID.randomUUID().toString().replace("-", "");
        recogniser.hears("Yes, this is a good time.", "I am looking for a two BHK apartment.", "In Whitefield.");
        synthesiser.slowFirstAudio(Duration.ofMillis(900));
        double fillersBefore = meters.counter("vaani.call.fillers").count();
        Scenario scenario = Scenario.builder("three turns with a slow synthesiser")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .say(clip("two-bhk.wav"))
                .waitForBotToFinish(800)
                .say(clip("whitefield.wav"))
                .waitForBotToFinish(800)
                .hangUp()
                .timeout(Duration.ofSeconds(90))
                .expectGreeting()
                .expectBotRepliesAtLeast(3)
                .expectNoChunkViolations()
                .build();

        CallReport report = new SimulatedCall(SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media")
                .leadId(Long.toString(leadId)).callSid(callSid).build(), scenario).run();

        assertThat(report.failures()).withFailMessage(() -> describe(report)).isEmpty();
        List<byte[]> fillers = new ArrayList<>();
        for (int i = 0; i < CallPhrases.ENGLISH.fillers().size(); i++) {
            fillers.add(prompts.filler(Language.ENGLISH, i, 8000));
        }
        List<Integer> heard = new ArrayList<>();
        List<CallReport.CallerTurn> turns = report.turns();
        assertThat(turns).hasSize(3);
        for (int t = 0; t < turns.size(); t++) {
            CallReport.CallerTurn turn = turns.get(t);
            long nextTurn = t + 1 < turns.size() ? turns.get(t + 1).onsetSentMs() : Long.MAX_VALUE;
            List<CallReport.BotUtterance> reply = report.utterances().stream()
                    .filter(u -> u.startMs() >= turn.onsetSentMs() && u.startMs() < nextTurn).toList();
            assertThat(reply).as("bot audio after turn %d", turn.index()).isNotEmpty();
            CallReport.BotUtterance first = reply.getFirst();
            assertThat(first.startMs()).as("nothing plays while the caller speaks (turn %d)", turn.index())
                    .isGreaterThanOrEqualTo(turn.endSentMs());
            int filler = fillerAt(first.audio(), fillers);
            assertThat(filler).withFailMessage("turn %d: the first bot audio after it was not a filler clip\n%s",
                    turn.index(), describe(report)).isNotNegative();
            heard.add(filler);
            int answerAudio = reply.stream().mapToInt(u -> u.audio().length).sum() - fillers.get(filler).length;
            assertThat(answerAudio).as("the answer follows the filler (turn %d)", turn.index())
                    .isGreaterThan(8000 * 2); // over a second of answer
        }
        for (int i = 1; i < heard.size(); i++) {
            assertThat(heard.get(i)).as("filler %d repeats the one before", i).isNotEqualTo(heard.get(i - 1));
        }
        assertThat(meters.counter("vaani.call.fillers").count() - fillersBefore).isEqualTo(3);
    }

    @Test
    void anAnswerThatNeverComesAfterTheFillerIsFollowedByAnApologyNotSilence() {
        long leadId = insertLead("Imran Shaikh", uniquePhone());
        String callSid = "hang" + UUID.randomUUID().toString().replace("-", "");
        recogniser.hears("Yes, this is a good time.");
        Scenario scenario = Scenario.builder("the synthesiser hangs after the greeting")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .pause(6000)
                .hangUp()
                .timeout(Duration.ofSeconds(60))
                .expectGreeting()
                .build();
        SimulatedCall call = new SimulatedCall(SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media")
                .leadId(Long.toString(leadId)).callSid(callSid).build(), scenario);
        Thread.ofVirtual().start(() -> {
            // after the greeting has been synthesised, every later sentence takes far too long
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc
                    .sql("SELECT count(*) > 0 FROM call_sessions WHERE call_sid = ? AND jsonb_array_length(transcript) > 0")
                    .param(callSid).query(Boolean.class).single());
            synthesiser.slowFirstAudio(Duration.ofSeconds(30));
        });

        CallReport report = call.run();

        byte[] apology = prompts.clip(Language.ENGLISH, CallPhrases.ENGLISH.apology(), 8000);
        assertThat(report.utterances()).withFailMessage(() -> describe(report))
                .anyMatch(u -> Collections.indexOfSubList(asList(u.audio()), asList(apology)) >= 0);
        CallReport.CallerTurn turn = report.turns().getFirst();
        assertThat(turn.latencyPlayedMs()).isPresent();
        assertThat(turn.latencyPlayedMs().getAsLong()).as("something is heard soon after the caller stops").isLessThan(3000);
    }

    private static List<Byte> asList(byte[] bytes) {
        List<Byte> list = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }

    /** Which filler clip the audio starts with, or -1. */
    private static int fillerAt(byte[] audio, List<byte[]> fillers) {
        for (int i = 0; i < fillers.size(); i++) {
            byte[] clip = fillers.get(i);
            if (audio.length >= clip.length && Arrays.equals(audio, 0, clip.length, clip, 0, clip.length)) {
                return i;
            }
        }
        return -1;
    }
}
