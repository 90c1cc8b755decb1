package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.TurnInput;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A caller's turn ended in a pause mid-answer and the reply began at once; they go on talking over it. Within a pause
 * as short as an unfinished answer is waited out for, the continuation and the words before it are one turn, answered
 * as one; later, the caller is answering the reply and their words are a turn of their own. The transcript keeps each
 * line as it was heard either way.
 */
class LiveCallContinuationTest extends VirtualClockCallTest {

    private static final String CONTINUATION = "in Pune";

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

    private List<String> callerLines() {
        return transcript.stream().map(Line::line).filter(l -> l.speaker().equals(TranscriptLine.USER))
                .map(TranscriptLine::text).toList();
    }
}
