package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.session.TranscriptLine;
import org.junit.jupiter.api.Test;

/** The call ends while the caller is still talking: the words the recogniser had finished stay in the transcript. */
class LiveCallEndedMidTurnTest extends VirtualClockCallTest {

    @Test
    void wordsOfATurnTheCallerHadNotEndedAreKept() {
        callerSound(400);
        recogniserHears("I want a two BHK");
        callerSound(200);

        call.onStreamEnded("callended");

        assertThat(callerLines()).containsExactly("I want a two BHK");
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
