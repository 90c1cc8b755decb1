package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.session.TranscriptLine;
import org.junit.jupiter.api.Test;

/**
 * The call ends while the bot is talking (the caller hangs up on it, the line drops): the transcript keeps what the
 * caller heard of that reply, as it would had they cut it off by speaking. {@link #ANSWER}'s first sentence lasts
 * 600 ms and its second 800 ms, so 1 s into the answer the caller has heard the first and half of the second.
 */
class LiveCallEndedMidReplyTest extends VirtualClockCallTest {

    private static final String HEARD_AFTER_1_S = "We have three projects in Pune. The first one is";
    private static final String UNANSWERED = "Is it going to rain today?";

    @Test
    void aReplyTheCallerHungUpOnIsKeptAsFarAsTheyHeardIt() {
        callerSays(ASK_ABOUT_PROJECTS);
        silence(1_000);

        call.onStreamEnded("callended");

        assertThat(botLines()).singleElement().extracting(Line::line).satisfies(line -> {
            assertThat(line.text()).isEqualTo(HEARD_AFTER_1_S);
            assertThat(line.interrupted()).isTrue();
        });
    }

    @Test
    void aReplyPausedForAPossibleBargeInIsKeptUpToThePause() {
        callerSays(ASK_ABOUT_PROJECTS);
        silence(800);
        callerSound(turnTaking().bargeInConfirmMs() + 100); // the bot pauses at 1 s; the caller hangs up 100 ms later

        call.onStreamEnded("callended");

        assertThat(botLines()).extracting(l -> l.line().text()).containsExactly(HEARD_AFTER_1_S);
    }

    @Test
    void aReplyHeardThroughIsNotWrittenTwice() {
        callerSays(ASK_ABOUT_PROJECTS);
        silence(ANSWER_MS + 500);

        call.onStreamEnded("callended");

        assertThat(botLines()).extracting(Line::line)
                .containsExactly(new TranscriptLine(TranscriptLine.AI, ANSWER, botLines().getFirst().line().timestamp(),
                        false));
    }

    @Test
    void aReplyPlayedOutWhoseLastMarkHadNotComeBackIsKeptWholeAndNotCutShort() {
        carrierEchoesMarks = false;
        callerSays(ASK_ABOUT_PROJECTS);
        silence(ANSWER_MS + 200);

        call.onStreamEnded("callended");

        assertThat(botLines()).singleElement().extracting(Line::line).satisfies(line -> {
            assertThat(line.text()).isEqualTo(ANSWER);
            assertThat(line.interrupted()).isFalse();
        });
    }

    @Test
    void anAnswerNotYetPlayingAddsNoBotLine() {
        callerSays(UNANSWERED);

        call.onStreamEnded("callended");

        assertThat(botLines()).isEmpty();
    }
}
