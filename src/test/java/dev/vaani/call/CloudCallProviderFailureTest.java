package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import dev.vaani.fakes.FakeReply;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * One provider fails during a turn; the caller still hears something soon (the offline stand-in, or the answer after the
 * recogniser recovers) and the next turn works. Silence is measured the caller's way: from the end of their speech
 * to the next bot audio playing, with a generous bound.
 */
class CloudCallProviderFailureTest extends CloudCallTest {

    private static final long MAX_SILENCE_MS = 3000;
    private static final String ANSWER = "Nice, a two BHK apartment. Which area would you prefer?";

    @Test
    void theModelFailingMidCallHandsTheCallToTheScriptedAgent() throws Exception {
        String callSid = newCallSid();
        deepgram.script(YES_GOOD_TIME, TWO_BHK, "In Whitefield.");
        // Every attempt of the "two BHK" turn gets a 500, so the client's retry cannot save it.
        openai.respondWith(request -> timesSaid(request, "two bhk") >= 1 ? FakeReply.serverError() : agent(request));
        Scenario scenario = Scenario.builder("model fails mid-call")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .say(clip("two-bhk.wav"))
                .waitForBotToFinish(800)
                .say(clip("whitefield.wav"))
                .waitForBotToFinish(800)
                .hangUp()
                .timeout(Duration.ofMinutes(2))
                .expectGreeting()
                .expectBotRepliesAtLeast(3)
                .expectNoChunkViolations()
                .build();

        CallReport report = call(scenario, insertLead("Kavya Rao", uniquePhone()), callSid);

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        assertThat(openai.requests().stream().filter(r -> timesSaid(r.body(), "two bhk") == 1).count())
                .as("the failing turn was tried more than once").isGreaterThanOrEqualTo(2);
        assertThat(openai.requests()).as("no request after the hand-over")
                .noneMatch(r -> lastUserText(r.body()).contains("Whitefield"));
        assertNoLongSilence(report, callSid);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT collected_data->>'location' FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).optional()).contains("Whitefield"));
        assertThat(transcriptTexts(callSid)).doesNotContain(CallPhrases.ENGLISH.apology())
                .anyMatch(line -> line.contains("Which area or locality would you prefer?"));
        assertThat(jdbc.sql("SELECT collected_data->>'property_type' FROM call_sessions WHERE call_sid = ?")
                .param(callSid).query(String.class).single()).isEqualTo("apartment");
    }

    @Test
    void aModelThatAnswersWithNothingHandsTheTurnToTheScriptedAgent() throws Exception {
        String callSid = newCallSid();
        deepgram.script(YES_GOOD_TIME, TWO_BHK);
        // the "two BHK" turn gets an empty answer, then a refusal, then an empty answer again
        openai.respondWith(request -> timesSaid(request, "two bhk") >= 1
                ? (openai.requestCount() % 2 == 0 ? FakeReply.refusal("I'm sorry, I can't help with that.")
                        : FakeReply.text(""))
                : agent(request));
        Scenario scenario = Scenario.builder("model answers with nothing")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .say(clip("two-bhk.wav"))
                .waitForBotToFinish(800)
                .hangUp()
                .timeout(Duration.ofMinutes(2))
                .expectGreeting()
                .expectBotRepliesAtLeast(2)
                .expectNoChunkViolations()
                .build();

        CallReport report = call(scenario, insertLead("Meera Nair", uniquePhone()), callSid);

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        assertNoLongSilence(report, callSid);
        assertThat(transcriptTexts(callSid)).anyMatch(line -> line.contains("Which area or locality would you prefer?"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT collected_data->>'property_type' FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).optional()).contains("apartment"));
    }

    @Test
    void aReplyWrittenForAScreenIsSpokenAsWords() throws Exception {
        String callSid = newCallSid();
        deepgram.script(YES_GOOD_TIME, TWO_BHK);
        openai.respondWith(request -> timesSaid(request, "two bhk") >= 1
                ? FakeReply.text("**Great!** 😊 A 2BHK at ₹85,00,000, 1200 sq.ft. See https://vaanirealty.com/p/1.")
                : agent(request));
        Scenario scenario = Scenario.builder("markdown reply")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .say(clip("two-bhk.wav"))
                .waitForBotToFinish(800)
                .hangUp()
                .timeout(Duration.ofMinutes(2))
                .expectGreeting()
                .expectBotRepliesAtLeast(2)
                .build();

        CallReport report = call(scenario, insertLead("Arjun Rao", uniquePhone()), callSid);

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        String spoken = String.join(" ", elevenlabs.requests().stream().map(r -> r.body().path("text").asString())
                .toList());
        assertThat(spoken).contains("Great!", "A 2 BHK at 85 lakhs, 1200 square feet.", "See vaanirealty dot com.")
                .doesNotContain("*", "😊", "₹", "85,00,000", "sq.ft", "https");
        assertThat(transcriptTexts(callSid)).as("the transcript keeps the words as written, without the markup")
                .contains("Great! A 2BHK at ₹85,00,000, 1200 sq.ft. See https://vaanirealty.com/p/1.");
    }

    @Test
    void aDroppedRecognitionStreamIsReopenedAndTheUtteranceStillAnswered() throws Exception {
        String callSid = newCallSid();
        deepgram.script(YES_GOOD_TIME, TWO_BHK, YES_RIGHT)
                .dropConnectionDuring(TWO_BHK, Duration.ofMillis(700));
        openai.respondWith(CloudCallTest::agent);
        Scenario scenario = Scenario.builder("recogniser drops mid-utterance")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .say(clip("two-bhk.wav"))
                .waitForBotToFinish(800)
                .say(clip("yes-right.wav"))
                .waitForBotToFinish(800)
                .timeout(Duration.ofMinutes(2))
                .expectGreeting()
                .expectBotRepliesAtLeast(3)
                .expectServerHangsUp()
                .expectNoChunkViolations()
                .build();

        CallReport report = call(scenario, leadKnowingLocationAndBudget("Rahul Verma"), callSid);

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        assertThat(deepgram.connectionCount()).as("the stream was reopened").isGreaterThanOrEqualTo(2);
        assertThat(deepgram.unusedScript()).isEmpty();
        assertNoLongSilence(report, callSid);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(storedOutcome(callSid)).isEqualTo("qualified"));
        assertThat(transcriptTexts(callSid)).contains(TWO_BHK, ANSWER).doesNotContain(CallPhrases.ENGLISH.apology());
        assertThat(openai.requests()).anyMatch(r -> lastUserText(r.body()).equals(TWO_BHK));
    }

    @Test
    void aSentenceTheSynthesiserCannotSpeakIsSpokenWithTheOfflineVoice() throws Exception {
        String callSid = newCallSid();
        deepgram.script(YES_GOOD_TIME, TWO_BHK, TWO_BHK, YES_RIGHT);
        openai.respondWith(request -> {
            int times = timesSaid(request, "two bhk");
            if (times == 1) {
                elevenlabs.failAllRequests(500); // every synthesis of this turn's answer fails, retries included
                return FakeReply.text("Which area would you prefer?");
            }
            if (times >= 2) {
                elevenlabs.failAllRequests(0);
            }
            return agent(request);
        });

        CallReport report = call(repeatingScenario("synthesiser fails once"), leadKnowingLocationAndBudget("Meera Iyer"),
                callSid);

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        assertThat(elevenlabs.requests()).anyMatch(r -> r.body().path("text").asString().equals("Which area would you prefer?"));
        assertThat(heardAfter(report, 1)).as("the answer was heard, in the offline voice").anyMatch(u -> !u.silent());
        assertThat(transcriptTexts(callSid)).contains("Which area would you prefer?").doesNotContain(CallPhrases.ENGLISH.apology());
        assertNoLongSilence(report, callSid);
        assertRecovered(callSid);
    }

    /** Greeting, "yes", "two BHK" (the turn that fails), "two BHK" again, "yes, that is right". */
    private static Scenario repeatingScenario(String name) {
        return Scenario.builder(name)
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .say(clip("two-bhk.wav"))
                // a caller who heard only a filler ("Hmm.") waits for the answer, which the failure delays
                .waitForBotToFinish(2500)
                .say(clip("two-bhk.wav"))
                .waitForBotToFinish(800)
                .say(clip("yes-right.wav"))
                .waitForBotToFinish(800)
                .timeout(Duration.ofMinutes(2))
                .expectGreeting()
                .expectBotRepliesAtLeast(4)
                .expectServerHangsUp()
                .expectNoChunkViolations()
                .build();
    }

    private void assertRecovered(String callSid) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(storedOutcome(callSid)).isEqualTo("qualified"));
        assertThat(transcriptTexts(callSid)).as("the repeated turn was answered").contains(ANSWER, CLOSING);
    }

    private void assertNoLongSilence(CallReport report, String callSid) {
        for (CallReport.CallerTurn turn : report.turns()) {
            assertThat(turn.latencyPlayedMs())
                    .withFailMessage(() -> "caller turn " + turn.index() + " got no answer\n" + describe(report, callSid))
                    .isPresent();
            assertThat(turn.latencyPlayedMs().getAsLong())
                    .withFailMessage(() -> "the caller waited " + turn.latencyPlayedMs().getAsLong() + " ms after turn "
                            + turn.index() + "\n" + describe(report, callSid))
                    .isLessThanOrEqualTo(MAX_SILENCE_MS);
        }
    }

    private List<String> transcriptTexts(String callSid) {
        try {
            String transcript = jdbc.sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                    .query(String.class).single();
            return json.readTree(transcript).findValuesAsString("text");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many user messages in the request contain {@code words}. */
    private static int timesSaid(JsonNode request, String words) {
        int count = 0;
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asString().equals("user")
                    && message.path("content").asString().toLowerCase(Locale.ROOT).contains(words)) {
                count++;
            }
        }
        return count;
    }
}
