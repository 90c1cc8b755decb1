package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.call.session.TranscriptLine;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One live call on a virtual clock, in milliseconds: when the answer is late the call fills the wait and then
 * apologises exactly when its settings say; when the call ends (the maximum duration, an operator's wrap-up, the
 * agent's goodbye) the bot's last line is heard through before the call hangs up; the turn timings it records are
 * milliseconds of that clock. Barge-in is in
 * {@link LiveCallBargeInTest}.
 */
class LiveCallVirtualClockTest extends VirtualClockCallTest {

    @Nested
    class WhenTheAnswerIsLate {

        @Test
        void aFillerPlaysWhenTheAnswerIsLaterThanTheFillerDelay() {
            callerSays("I want a two BHK flat in Pune.");

            time.advance(settings.fillerDelayMs() - 1);
            assertThat(audio()).isEmpty();
            time.advance(1);

            assertThat(audio()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.atMs()).isEqualTo(turnEndedAt + settings.fillerDelayMs()));
        }

        @Test
        void theWatchdogApologisesWhenNoAnswerCameWithin2500Ms() {
            callerSays("I want a two BHK flat in Pune.");
            byte[] apology = prompts.clip(dev.vaani.conversation.Language.ENGLISH, CallPhrases.ENGLISH.apology(), RATE);

            time.advance(2_499);
            assertThat(audio()).noneMatch(s -> startsWith(apology, s.audio()));
            time.advance(1);

            assertThat(audio()).anySatisfy(s -> {
                assertThat(s.atMs()).isEqualTo(turnEndedAt + 2_500);
                assertThat(startsWith(apology, s.audio())).isTrue();
            });
        }
    }

    @Nested
    class EndingTheCall {

        @Test
        void atTheMaximumDurationTheBotSaysGoodbyeAndHangsUpOnceAllOfItWasHeard() {
            carrierEchoesMarks = false; // the test plays the carrier: it confirms the goodbye half by half
            long maxDurationMs = settings.maxDurationMinutes() * 60_000L;
            // the call began at virtual time 0

            time.advance(maxDurationMs - time.nowMs() - 1);
            assertThat(audio()).isEmpty();
            time.advance(1);
            assertThat(audio()).isNotEmpty().first().satisfies(s -> assertThat(s.atMs()).isEqualTo(maxDurationMs));

            time.advance(2_000); // the goodbye is paced out; the carrier has not confirmed it yet
            List<String> marks = sent.stream().filter(s -> s.kind().equals("mark")).map(Sent::mark).toList();
            assertThat(marks).hasSize(2); // one per sentence
            assertThat(sent).noneMatch(s -> s.kind().equals("close"));
            call.onMark(marks.getFirst());
            assertThat(sent).noneMatch(s -> s.kind().equals("close")); // half the goodbye heard: not yet

            call.onMark(marks.getLast());

            assertThat(sent.getLast().kind()).isEqualTo("close");
            assertThat(sent.getLast().atMs()).isEqualTo(time.nowMs());
        }

        @Test
        void aWrapUpWhileTheBotSpeaksCutsItOffThenHangsUpTheMomentTheWholeGoodbyeWasPlayed() {
            callerSays(ASK_ABOUT_PROJECTS);
            time.advance(800);
            long wrapUpAt = time.nowMs();

            call.wrapUp("operator ended the call");

            assertThat(times("clear")).containsExactly(wrapUpAt);
            long goodbyeMs = 800; // "Thank you for your time, Asha." 600 ms, "Goodbye." padded to a whole 200 ms chunk
            time.advance(goodbyeMs - 1);
            assertThat(times("close")).isEmpty();
            time.advance(1);
            assertThat(times("close")).containsExactly(wrapUpAt + goodbyeMs);
            assertThat(audioAfterTheClear().stream().mapToLong(Sent::audioMs).sum())
                    .isEqualTo(goodbyeMs);
            assertThat(botLines()).extracting(l -> l.line().text())
                    .containsExactly("We have three projects in Pune. The first", WRAP_UP_GOODBYE);
        }

        @Test
        void whenRecognitionFailsForGoodTheBotPromisesACallBackAndTheCallEndsAsOne() {
            recogniser.onEvent(new SpeechEvent.Failure(SpeechFailure.Kind.UNAUTHORIZED, "key revoked", false));

            time.advance(10_000); // the trouble goodbye is paced out and heard; the call hangs up after it

            assertThat(times("close")).hasSize(1);
            assertThat(botLines()).last().satisfies(l ->
                    assertThat(l.line().text()).isEqualTo(CallPhrases.ENGLISH.troubleGoodbye()));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> // the session is written behind, in order
                    assertThat(sessions.find(call.context().callSid())).get()
                            .satisfies(s -> assertThat(s.finalOutcome()).isEqualTo("callback")));
        }

        @Test
        void afterTheAgentsGoodbyeTheCallHangsUpTheMomentItWasHeard() {
            callerSays(NOT_INTERESTED);

            time.advance(999); // "Thank you for your time, Asha." and "Have a good day.": 600 + 400 ms
            assertThat(times("close")).isEmpty();
            time.advance(1);

            assertThat(times("close")).containsExactly(turnEndedAt + 1_000);
            assertThat(botLines()).last().satisfies(l -> {
                assertThat(l.line()).isEqualTo(TranscriptLine.ai(GOODBYE, l.line().timestamp()));
                assertThat(l.atMs()).isEqualTo(turnEndedAt + 1_000);
            });
        }

        @Test
        void aGoodbyeCutOffBeforeTheCallerHeardAnyOfItLeavesNoHangUpDeadlineBehind() {
            callerSays(NOT_INTERESTED);
            call.onDtmf("5"); // the very moment the goodbye starts: nothing of it heard

            silence(settings.markTimeoutMs() + 1_000 * (GOODBYE.length() / 12 + 1) + 1_000);

            assertThat(interruptions).as("the goodbye, then the answer to the key the agent never gives").first()
                    .isEqualTo("");
            assertThat(times("close")).isEmpty();
        }
    }

    @Nested
    class TurnTimings {

        @Test
        void eachTurnsTimingsAreMillisecondsOfTheCallsClock() {
            silence(1_000);
            recogniserHears(ASK_ABOUT_PROJECTS);
            time.advance(150);
            recogniserEndsTheUtterance(); // answered at once: every stage in the turn's own millisecond
            long firstTurnEndedAt = time.nowMs();
            silence(ANSWER_MS + 1_000);
            callerSays("I want a two BHK flat in Pune."); // never answered: the filler is the first audio sent
            time.advance(settings.fillerDelayMs());

            call.onStreamEnded("caller hung up");

            // ended_at_ms counts from the call's start, which was at virtual time 0
            assertThat(turnTimings).containsExactly(
                    Map.of("turn", 1, "ended_at_ms", firstTurnEndedAt, "stt_final_before_turn_end_ms", 150L,
                            "llm_first_token_ms", 0L, "tts_first_audio_ms", 0L, "first_audio_sent_ms", 0L),
                    Map.of("turn", 2, "ended_at_ms", turnEndedAt, "stt_final_before_turn_end_ms", 0L,
                            "first_audio_sent_ms", (long) settings.fillerDelayMs()));
        }

        @Test
        void aTurnRecordsHowLongBeforeItsEndTheCallerWasLastHeardSpeaking() {
            silence(1_000);
            callerSound(1_000);
            long lastSpeechHeardAt = time.nowMs() + HANGOVER_MS; // the detector hears speech until its hangover ends
            silence(HANGOVER_MS + 300);
            callerSays(ASK_ABOUT_PROJECTS);

            call.onStreamEnded("caller hung up");

            assertThat(turnTimings).singleElement().satisfies(turn -> assertThat(turn)
                    .containsEntry("last_speech_before_turn_end_ms", turnEndedAt - lastSpeechHeardAt));
        }
    }

    /** Whether the chunk is the start of the clip (the chunker pads only the last chunk). */
    private static boolean startsWith(byte[] clip, byte[] chunk) {
        int n = Math.min(clip.length, chunk.length);
        return n > 0 && Arrays.equals(clip, 0, n, chunk, 0, n);
    }
}
