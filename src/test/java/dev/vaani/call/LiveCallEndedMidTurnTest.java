package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.session.TranscriptLine;
import dev.vaani.speech.SpeechEvent;
import org.junit.jupiter.api.Test;

/**
 * The call ends while the caller is still talking (they hung up mid-sentence): the call asks the recogniser for their
 * last words and waits for them a little, and what they said stays in the transcript.
 */
class LiveCallEndedMidTurnTest extends VirtualClockCallTest {

    @Test
    void wordsOfATurnTheCallerHadNotEndedAreKept() {
        callerSound(400);
        recogniserHears("I want a two BHK");
        callerSound(200);

        call.onStreamEnded("callended");
        time.advance(CallEnd.LAST_WORDS_WAIT_MS); // the recogniser has nothing more

        assertThat(callerLines()).containsExactly("I want a two BHK");
    }

    @Test
    void theRecognisersLastWordsAfterTheHangUpAreKept() {
        callerSound(400);

        call.onStreamEnded("callended");
        recogniser.onEvent(new SpeechEvent.Final("not interested", true));

        assertThat(callerLines()).containsExactly("not interested");
    }

    @Test
    void theLastWordsJoinWhatTheTurnHadSoFar() {
        callerSound(400);
        recogniserHears("I want a two BHK");
        callerSound(400);

        call.onStreamEnded("callended");
        recogniser.onEvent(new SpeechEvent.Final("in Whitefield", true));

        assertThat(callerLines()).containsExactly("I want a two BHK in Whitefield");
    }

    @Test
    void nothingIsSaidWhileTheLastWordsAreAwaited() {
        callerSound(400);
        int sentBefore = sent.size();

        call.onStreamEnded("callended");
        recogniser.onEvent(new SpeechEvent.Final("what is the price", true));
        time.advance(3_000);

        assertThat(sent).hasSize(sentBefore);
        assertThat(asked).isEmpty();
    }

    @Test
    void wordsOfATurnAlreadyAnsweredAreNotWrittenAgain() {
        callerSays(ASK_ABOUT_PROJECTS);
        silence(400);

        call.onStreamEnded("callended");

        assertThat(callerLines()).containsExactly(ASK_ABOUT_PROJECTS);
    }

    private java.util.List<String> callerLines() {
        return transcript.stream().map(Line::line).filter(l -> l.speaker().equals(TranscriptLine.USER))
                .map(TranscriptLine::text).toList();
    }
}
