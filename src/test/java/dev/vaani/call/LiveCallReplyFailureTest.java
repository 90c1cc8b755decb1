package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.Language;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A reply whose provider fails, on a virtual clock: once the caller has heard part of the answer, the failure ends the
 * reply with what they heard, which is the bot's line in the transcript and what the agent is told it said; before
 * any of the answer was heard, the bot apologises and asks again, as it always did.
 */
class LiveCallReplyFailureTest extends VirtualClockCallTest {

    @Autowired
    MeterRegistry meters;

    private double failuresBefore;

    @BeforeEach
    void countFailuresFromHere() {
        failuresBefore = failures();
    }

    @Nested
    class WhenTheAgentsStreamFailsAfterItsFirstSentence {

        @BeforeEach
        void theCallerAsksAboutThePrices() {
            callerSays(BREAKS_AFTER_A_SENTENCE);
            silence(2_000);
        }

        @Test
        void theCallerHearsThatSentenceAndNoApology() {
            assertThat(audio().stream().mapToLong(Sent::audioMs).sum()).isEqualTo(600);
            assertThat(audio()).noneMatch(s -> startsWith(apology(), s.audio()));
        }

        @Test
        void theSentenceIsTheBotsLineInTheTranscriptOnceHeard() {
            assertThat(botLines()).singleElement().satisfies(l -> {
                assertThat(l.line()).isEqualTo(TranscriptLine.ai(PRICES_FIRST_SENTENCE, l.line().timestamp()));
                assertThat(l.atMs()).isEqualTo(turnEndedAt + 600);
            });
        }

        @Test
        void theAgentIsToldTheCallerHeardOnlyThatSentence() {
            assertThat(interruptions).containsExactly(PRICES_FIRST_SENTENCE);
        }

        @Test
        void theFailureIsCounted() {
            assertThat(failures() - failuresBefore).isEqualTo(1);
        }
    }

    @Nested
    class WhenTheSynthesisOfALaterSentenceFails {

        @BeforeEach
        void theSecondSentenceOfTheAnswerCannotBeSaid() {
            unsayable.add("The first one is close to the highway.");
            callerSays(ASK_ABOUT_PROJECTS);
            silence(3_000);
        }

        @Test
        void theCallerHearsTheAnswerUpToThatSentenceAndNoApology() {
            assertThat(audio().stream().mapToLong(Sent::audioMs).sum()).isEqualTo(600);
            assertThat(audio()).noneMatch(s -> startsWith(apology(), s.audio()));
        }

        @Test
        void theTranscriptHasOnlyWhatWasSaid() {
            assertThat(botLines()).singleElement().satisfies(l -> assertThat(l.line())
                    .isEqualTo(TranscriptLine.ai("We have three projects in Pune.", l.line().timestamp())));
        }

        @Test
        void theAgentIsToldTheCallerHeardOnlyWhatWasSaid() {
            assertThat(interruptions).containsExactly("We have three projects in Pune.");
        }

        @Test
        void theFailureIsCounted() {
            assertThat(failures() - failuresBefore).isEqualTo(1);
        }
    }

    @Nested
    class WhenTheAgentsStreamFailsBeforeAnyAudio {

        @BeforeEach
        void theCallerAsksToVisit() {
            callerSays(BREAKS_AT_ONCE);
            silence(6_000); // the apology is heard through
        }

        @Test
        void theBotApologisesAtOnce() {
            assertThat(audio()).first().satisfies(s -> {
                assertThat(s.atMs()).isEqualTo(turnEndedAt);
                assertThat(startsWith(apology(), s.audio())).isTrue();
            });
            assertThat(botLines()).singleElement().satisfies(l ->
                    assertThat(l.line().text()).isEqualTo(CallPhrases.ENGLISH.apology()));
        }

        @Test
        void theFailureIsCounted() {
            assertThat(failures() - failuresBefore).isEqualTo(1);
        }
    }

    @Nested
    class WhenTheAgentsGoodbyeCannotBeSaid {

        @BeforeEach
        void theGoodbyesSynthesisFails() {
            unsayable.add("Thank you for your time, Asha.");
            unsayable.add("Have a good day.");
            callerSays(NOT_INTERESTED);
            silence(6_000); // the apology is heard through
        }

        @Test
        void theAgentIsToldNothingOfItWasHeardSoItCanEndTheCallAgain() {
            assertThat(interruptions).containsExactly("");
        }

        @Test
        void theCallIsNotCutAfterTheApology() {
            assertThat(botLines()).extracting(l -> l.line().text()).containsExactly(CallPhrases.ENGLISH.apology());
            assertThat(times("close")).isEmpty();
        }
    }

    @Test
    void threeFailedRepliesInARowEndTheCallWithTheTroubleGoodbyeEvenWhenTheFirstTwoWerePartlySaid() {
        callerSays(BREAKS_AFTER_A_SENTENCE);
        silence(2_000);
        callerSays(BREAKS_AFTER_A_SENTENCE);
        silence(2_000);
        callerSays(BREAKS_AT_ONCE);
        silence(10_000);

        assertThat(botLines()).extracting(l -> l.line().text()).containsExactly(PRICES_FIRST_SENTENCE,
                PRICES_FIRST_SENTENCE, CallPhrases.ENGLISH.troubleGoodbye());
        assertThat(times("close")).hasSize(1);
    }

    @Test
    void aReplyHeardThroughAfterAPartlySaidOneStartsTheCountOfFailuresAgain() {
        callerSays(BREAKS_AFTER_A_SENTENCE);
        silence(2_000);
        callerSays(BREAKS_AFTER_A_SENTENCE);
        silence(2_000);
        callerSays(ASK_ABOUT_PROJECTS);
        silence(3_000);
        callerSays(BREAKS_AT_ONCE);
        silence(6_000); // the apology is heard through

        assertThat(botLines()).last().satisfies(l ->
                assertThat(l.line().text()).isEqualTo(CallPhrases.ENGLISH.apology()));
        assertThat(times("close")).isEmpty();
    }

    private double failures() {
        return meters.counter("vaani.call.provider_failures").count();
    }

    private byte[] apology() {
        return prompts.clip(Language.ENGLISH, CallPhrases.ENGLISH.apology(), RATE);
    }

    /** Whether the chunk is the start of the clip (the chunker pads only the last chunk). */
    private static boolean startsWith(byte[] clip, byte[] chunk) {
        int n = Math.min(clip.length, chunk.length);
        return n > 0 && Arrays.equals(clip, 0, n, chunk, 0, n);
    }
}
