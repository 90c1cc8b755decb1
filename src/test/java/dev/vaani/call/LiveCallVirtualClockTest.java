package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.session.TranscriptLine;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One live call on a virtual clock, in milliseconds: when the answer is late the call fills the wait and then
 * apologises exactly when its settings say; when the call ends (the maximum duration, an operator's wrap-up, the
 * agent's goodbye) the bot's last line is heard through before the call hangs up. Barge-in is in
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
    }

    /** Whether the chunk is the start of the clip (the chunker pads only the last chunk). */
    private static boolean startsWith(byte[] clip, byte[] chunk) {
        int n = Math.min(clip.length, chunk.length);
        return n > 0 && Arrays.equals(clip, 0, n, chunk, 0, n);
    }
}
