package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.TurnInput;
import dev.vaani.speech.SpeechEvent;
import org.junit.jupiter.api.Test;

/**
 * The caller spoke for longer than any backchannel and the recogniser made out no words of it (a noisy line, a
 * mumble). The bot asks them at once to say it again, rather than leave them waiting for an answer until the silence
 * prompt; but not twice in a row, so that talk near the phone cannot make it apologise on and on.
 */
class LiveCallUnclearTurnTest extends VirtualClockCallTest {

    @Test
    void speechWithoutWordsIsAskedAgainAtOnce() {
        callerSpeaksWithoutWords(1_500);

        assertThat(asked).containsExactly(new TurnInput.CallerUnclear());
        assertThat(times("audio")).first().as("the apology starts as the final comes").isEqualTo(turnEndedAt);
    }

    @Test
    void aRecogniserThatSendsNothingForTheFinaliseLeavesTheCallerWaitingOneSecondAtMost() {
        callerSound(1_500);
        silence(HANGOVER_MS + turnTaking().endOfTurnSilenceMs());
        long finaliseAskedAt = time.nowMs();
        silence(1_200);

        assertThat(asked).containsExactly(new TurnInput.CallerUnclear());
        assertThat(times("audio")).first().isEqualTo(finaliseAskedAt + turnTaking().finalTranscriptWaitMs());
    }

    @Test
    void theTranscriptHasTheBotsAskingAndNoLineForTheCaller() {
        callerSpeaksWithoutWords(1_500);
        silence(1_000); // the apology plays out

        assertThat(transcript).extracting(line -> line.line().speaker() + ": " + line.line().text())
                .containsExactly(TranscriptLine.AI + ": " + SAY_AGAIN);
    }

    @Test
    void aSoundAsShortAsABackchannelIsLetBe() {
        callerSpeaksWithoutWords(turnTaking().bargeInCommitMs() - HANGOVER_MS - 200);
        silence(2_000);

        assertThat(asked).isEmpty();
        assertThat(audio()).isEmpty();
    }

    @Test
    void aSecondTurnWithoutWordsInARowIsLetBe() {
        callerSpeaksWithoutWords(1_500);
        silence(1_000);
        callerSpeaksWithoutWords(1_500);
        silence(1_000);

        assertThat(asked).containsExactly(new TurnInput.CallerUnclear());
    }

    @Test
    void afterTheCallersWordsTheNextTurnWithoutWordsIsAskedAgain() {
        callerSpeaksWithoutWords(1_500);
        silence(1_000);
        callerSound(1_000);
        callerSays(ASK_ABOUT_PROJECTS);
        silence(ANSWER_MS + 1_000);
        callerSpeaksWithoutWords(1_500);

        assertThat(asked).containsExactly(new TurnInput.CallerUnclear(),
                new TurnInput.CallerUtterance(ASK_ABOUT_PROJECTS), new TurnInput.CallerUnclear());
    }

    /** The caller makes {@code ms} of sound, falls silent, and the recogniser, asked to finalise, finds no words. */
    private void callerSpeaksWithoutWords(int ms) {
        callerSound(ms);
        silence(HANGOVER_MS + turnTaking().endOfTurnSilenceMs());
        callerSays(""); // asked to finalise, the recogniser found no words
    }
}
