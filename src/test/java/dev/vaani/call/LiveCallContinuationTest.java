package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.TurnInput;
import dev.vaani.speech.SpeechEvent;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A caller's turn ended in a pause mid-answer and the reply began at once; they go on talking over it. Within a pause
 * as short as an unfinished answer is waited out for, the continuation and the words before it are one turn, answered
 * as one, however short the continuation; later, the caller is answering the reply and their words are a turn of
 * their own. The transcript keeps each line as it was heard either way. While the agent thinks, a recogniser's stray
 * guess at the turn's tail does not cancel the reply, and a reply cancelled by a sound that proved no words is not
 * left unsaid: the turn is asked again.
 */
class LiveCallContinuationTest extends VirtualClockCallTest {

    private static final String CONTINUATION = "in Pune";

    @Nested
    class OverTheReply {

        @BeforeEach
        void theCallerAsksAndTheReplyStartsAtOnce() {
            callerSound(1_000);
            callerSays(ASK_ABOUT_PROJECTS);
        }

        @Test
        void wordsResumedAfterAShortPauseAreAnsweredTogetherWithTheTurnTheReplyWasAnswering() {
            silence(400);
            callerGoesOnOverTheBot();

            assertThat(asked).containsExactly(new TurnInput.CallerUtterance(ASK_ABOUT_PROJECTS),
                    new TurnInput.CallerUtterance(ASK_ABOUT_PROJECTS + " " + CONTINUATION));
            assertThat(callerLines()).containsExactly(ASK_ABOUT_PROJECTS, CONTINUATION);
        }

        @Test
        void aContinuationAsShortAsABackchannelIsAnsweredWithTheTurnOnceItsWordsAreIn() {
            silence(400);
            callerSound(300);
            assertThat(times("clear")).hasSize(1);
            recogniserHears(CONTINUATION);
            assertThat(interruptions).hasSize(1);
            recogniserEndsTheUtterance();

            assertThat(asked).containsExactly(new TurnInput.CallerUtterance(ASK_ABOUT_PROJECTS),
                    new TurnInput.CallerUtterance(ASK_ABOUT_PROJECTS + " " + CONTINUATION));
        }

        @Test
        void wordsAfterALongerPauseAreATurnOfTheirOwn() {
            silence(1_400);
            callerGoesOnOverTheBot();

            assertThat(asked).containsExactly(new TurnInput.CallerUtterance(ASK_ABOUT_PROJECTS),
                    new TurnInput.CallerUtterance(CONTINUATION));
            assertThat(callerLines()).containsExactly(ASK_ABOUT_PROJECTS, CONTINUATION);
        }

        private void callerGoesOnOverTheBot() {
            assertThat(times("clear")).isEmpty();
            callerSound(turnTaking().bargeInCommitMs());
            assertThat(interruptions).hasSize(1);
            recogniserHears(CONTINUATION);
            recogniserEndsTheUtterance();
        }
    }

    @Nested
    class OverAGoodbye {

        @BeforeEach
        void theCallerSaysTheyAreNotInterestedAndTheGoodbyeIsDecidedButSlowToSay() {
            slowToSay.addAll(List.of("Thank you for your time, Asha.", "Have a good day."));
            callerSound(1_000);
            callerSays(NOT_INTERESTED);
        }

        @Test
        void aGoodbyeTheCallerWentOnOverBeforeHearingAnyOfItDoesNotEndTheCall() {
            silence(400);
            callerSound(turnTaking().bargeInCommitMs());
            recogniserHears(CONTINUATION);
            recogniserEndsTheUtterance();
            silence(3_000);

            assertThat(asked).last().isEqualTo(new TurnInput.CallerUtterance(NOT_INTERESTED + " " + CONTINUATION));
            assertThat(botLines()).extracting(l -> l.line().text()).containsExactly(GO_ON);
            assertThat(times("close")).isEmpty();
        }
    }

    @Nested
    class WhileTheAgentThinks {

        /** The agent is still thinking about this one (it never answers it); a filler plays meanwhile. */
        private static final String LATE_ANSWERED = "I want a two BHK flat.";

        @BeforeEach
        void theCallerSaysWhatTheAgentThinksAbout() {
            callerSound(1_000);
            callerSays(LATE_ANSWERED);
        }

        @Test
        void aStrayGuessOfTheRecogniserAtTheTurnsTailLeavesTheReplyBeingPrepared() {
            recogniser.onEvent(new SpeechEvent.Interim("in"));
            silence(1_000);

            assertThat(interruptions).as("no reply was cancelled").isEmpty();
            assertThat(asked).containsExactly(new TurnInput.CallerUtterance(LATE_ANSWERED));
        }

        @Test
        void aTurnWhoseReplySoundWithoutWordsCancelledIsAskedAgain() {
            silence(400);
            callerSound(turnTaking().bargeInCommitMs()); // over the filler, as if going on with the turn
            silence(HANGOVER_MS + turnTaking().endOfTurnSilenceMs());
            recogniser.onEvent(new SpeechEvent.Final("", true)); // asked to finalise, it heard no words

            assertThat(asked).containsExactly(new TurnInput.CallerUtterance(LATE_ANSWERED),
                    new TurnInput.CallerUtterance(LATE_ANSWERED));
            assertThat(callerLines()).as("nothing new was said").containsExactly(LATE_ANSWERED);
        }
    }

    private List<String> callerLines() {
        return transcript.stream().map(Line::line).filter(l -> l.speaker().equals(TranscriptLine.USER))
                .map(TranscriptLine::text).toList();
    }
}
