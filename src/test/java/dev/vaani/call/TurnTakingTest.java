package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.audio.VadDecision;
import dev.vaani.call.TurnTaking.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TurnTakingTest {

    private static final int FRAME = 20;
    private final TurnTaking turns = new TurnTaking(new TurnTakingSettings(600, 500, 200, 800, 300, 1500, 60));

    private List<TurnDecision> speech(int ms) {
        return frames(VadDecision.SPEECH, ms);
    }

    private List<TurnDecision> silence(int ms) {
        return frames(VadDecision.SILENCE, ms);
    }

    /** What the neural detector says of a word's first windows, before it is sure. */
    private List<TurnDecision> onset(int ms) {
        return frames(VadDecision.ONSET, ms);
    }

    private List<TurnDecision> frames(VadDecision verdict, int ms) {
        List<TurnDecision> decisions = new ArrayList<>();
        for (int t = 0; t < ms; t += FRAME) {
            TurnDecision decision = turns.onAudioFrame(verdict, FRAME);
            if (!(decision instanceof TurnDecision.None)) {
                decisions.add(decision);
            }
        }
        return decisions;
    }

    private void botSpeaking() {
        turns.onBotAudioStarted(false);
        assertThat(turns.state()).isEqualTo(State.BOT_SPEAKING);
    }

    @Nested
    class Listening {
        @Test
        void startsListening() {
            assertThat(turns.state()).isEqualTo(State.LISTENING);
        }

        @Test
        void aClickIsNotSpeech() {
            speech(40);
            assertThat(turns.state()).isEqualTo(State.LISTENING);
        }

        @Test
        void sustainedSpeechMeansTheCallerIsSpeaking() {
            speech(100);
            assertThat(turns.state()).isEqualTo(State.CALLER_SPEAKING);
        }

        @Test
        void anInterimTranscriptMeansTheCallerIsSpeaking() {
            turns.onInterim("I want");
            assertThat(turns.state()).isEqualTo(State.CALLER_SPEAKING);
        }
    }

    @Nested
    class CallerSpeaking {
        @Test
        void theRecognisersEndOfSpeechEndsTheTurnAtOnce() {
            speech(800);
            TurnDecision decision = turns.onFinal("I want a two BHK", true);
            assertThat(decision).isEqualTo(new TurnDecision.EndOfTurn("I want a two BHK"));
            assertThat(turns.state()).isEqualTo(State.THINKING);
        }

        @Test
        void finalsWithoutEndOfSpeechAccumulateUntilSilenceEndsTheTurn() {
            speech(800);
            assertThat(turns.onFinal("I want a two BHK", false)).isInstanceOf(TurnDecision.None.class);
            turns.onFinal("in Whitefield", false);
            List<TurnDecision> decisions = silence(600);
            assertThat(decisions).containsExactly(new TurnDecision.EndOfTurn("I want a two BHK in Whitefield"));
        }

        @Test
        void silenceBeforeAnyTranscriptAsksTheRecogniserToFinalise() {
            speech(800);
            assertThat(silence(600)).containsExactly(new TurnDecision.FinalizeTranscript());
            assertThat(turns.onFinal("yes", false)).isEqualTo(new TurnDecision.EndOfTurn("yes"));
        }

        @Test
        void speechShorterThanTheMinimumIsNoise() {
            speech(200);
            assertThat(silence(600)).isEmpty();
            assertThat(turns.state()).isEqualTo(State.LISTENING);
        }

        @Test
        void noWordsForSpeechAsShortAsABackchannelGoBackToListening() {
            assertThat(soundWithoutWords(600)).isInstanceOf(TurnDecision.None.class);
            assertThat(turns.state()).isEqualTo(State.LISTENING);
        }

        @Test
        void noWordsForSpeechLongerThanABackchannelAskTheCallerToRepeat() {
            assertThat(soundWithoutWords(1000)).isEqualTo(new TurnDecision.AskToRepeat());
            assertThat(turns.state()).isEqualTo(State.THINKING);
        }

        @Test
        void anUtteranceEndInsteadOfAFinalMeansNoWordsToo() {
            speech(1000);
            silence(600);
            assertThat(turns.onUtteranceEnd()).isEqualTo(new TurnDecision.AskToRepeat());
        }

        @Test
        void aRecogniserThatNeverAnswersTheFinaliseIsWaitedForOnlySoLong() {
            speech(1000);
            assertThat(silence(600)).containsExactly(new TurnDecision.FinalizeTranscript());
            assertThat(silence(980)).isEmpty();
            assertThat(silence(20)).containsExactly(new TurnDecision.AskToRepeat());
        }

        @Test
        void aShortSoundTheRecogniserNeverAnswersForGoesBackToListening() {
            speech(600);
            silence(1600);
            assertThat(turns.state()).isEqualTo(State.LISTENING);
            assertThat(speech(100)).isEmpty();
            assertThat(turns.state()).as("the next sound starts a turn").isEqualTo(State.CALLER_SPEAKING);
        }

        @Test
        void aSecondTurnWithNoWordsInARowIsLetBe() {
            assertThat(soundWithoutWords(1000)).isEqualTo(new TurnDecision.AskToRepeat());
            botRepliesAndTheLineIsQuiet();
            assertThat(soundWithoutWords(1000)).isInstanceOf(TurnDecision.None.class);
            assertThat(turns.state()).isEqualTo(State.LISTENING);
        }

        @Test
        void aTurnWithWordsLetsTheNextOneWithoutWordsBeAskedAgain() {
            soundWithoutWords(1000);
            botRepliesAndTheLineIsQuiet();
            speech(800);
            turns.onFinal("a flat", true);
            botRepliesAndTheLineIsQuiet();
            assertThat(soundWithoutWords(1000)).isEqualTo(new TurnDecision.AskToRepeat());
        }

        @Test
        void speechAfterAnUnheardTurnIsATurnOfItsOwn() {
            speech(800);
            turns.onFinal("I want a flat", true);
            botRepliesAndTheLineIsQuiet();
            assertThat(soundWithoutWords(1000)).isEqualTo(new TurnDecision.AskToRepeat());
            silence(100);
            assertThat(speech(200)).containsExactly(new TurnDecision.CancelReply());
            assertThat(turns.onFinal("in Pune", true)).as("not carried on from the flat")
                    .isEqualTo(new TurnDecision.EndOfTurn("in Pune"));
        }

        /** The caller makes {@code ms} of sound, falls silent, and the recogniser, asked to finalise, finds no words. */
        private TurnDecision soundWithoutWords(int ms) {
            speech(ms);
            silence(600);
            return turns.onFinal("", true);
        }

        private void botRepliesAndTheLineIsQuiet() {
            botSpeaking();
            turns.onBotFinished();
            silence(100);
        }

        @Test
        void utteranceEndEndsTheTurnWhenWordsWereHeard() {
            speech(400);
            turns.onFinal("Whitefield", false);
            assertThat(turns.onUtteranceEnd()).isEqualTo(new TurnDecision.EndOfTurn("Whitefield"));
        }
    }

    @Nested
    class Thinking {

        /** The caller said "I want a flat" and the recogniser ended the turn: the answer is being prepared. */
        private void answerIsBeingPrepared() {
            speech(800);
            turns.onFinal("I want a flat", true);
        }

        @Test
        void theCallerGoingOnTalkingCancelsTheReply() {
            answerIsBeingPrepared();
            silence(100);
            assertThat(speech(200)).containsExactly(new TurnDecision.CancelReply());
            assertThat(turns.state()).isEqualTo(State.CALLER_SPEAKING);
        }

        @Test
        void theTailOfTheTurnAfterTheRecognisersEndOfSpeechDoesNotCancelTheReply() {
            answerIsBeingPrepared();
            assertThat(speech(300)).as("VAD hangover and the last syllable").isEmpty();
            assertThat(turns.state()).isEqualTo(State.THINKING);
        }

        @Test
        void aCallerWhoGoesOnAfterAPauseIsAnsweredWithTheWholeTurn() {
            speech(600);
            turns.onFinal("Yes,", true);
            silence(200);
            assertThat(speech(200)).containsExactly(new TurnDecision.CancelReply());
            speech(600);
            TurnDecision end = turns.onFinal("this is a good time.", true);
            assertThat(end).isEqualTo(new TurnDecision.EndOfTurn("Yes, this is a good time.", "this is a good time."));
        }

        @Test
        void anInterimRightAfterTheFinalDoesNotCancelTheReply() {
            answerIsBeingPrepared();
            assertThat(turns.onInterim("in")).as("the recogniser's guess at the turn's tail")
                    .isEqualTo(new TurnDecision.None());
            assertThat(turns.state()).isEqualTo(State.THINKING);
        }

        @Test
        void anInterimOnceTheCallerSpeaksAgainCancelsTheReply() {
            answerIsBeingPrepared();
            silence(100);
            speech(40);
            assertThat(turns.onInterim("in Whitefield")).isEqualTo(new TurnDecision.CancelReply());
        }

        @Test
        void aTurnWhoseReplyABriefSoundCancelledIsAnsweredOnceTheLineIsQuiet() {
            answerIsBeingPrepared();
            silence(100);
            assertThat(speech(200)).containsExactly(new TurnDecision.CancelReply());
            assertThat(silence(600)).containsExactly(new TurnDecision.EndOfTurn("I want a flat", ""));
        }

        @Test
        void aTurnWhoseReplyNoiseCancelledIsAnsweredWhenTheRecogniserFindsNoWords() {
            answerIsBeingPrepared();
            silence(100);
            assertThat(speech(600)).containsExactly(new TurnDecision.CancelReply());
            assertThat(silence(600)).containsExactly(new TurnDecision.FinalizeTranscript());
            assertThat(turns.onFinal("", true)).isEqualTo(new TurnDecision.EndOfTurn("I want a flat", ""));
        }

        @Test
        void aBackchannelWhileThinkingChangesNothing() {
            answerIsBeingPrepared();
            assertThat(turns.onInterim("hmm")).isInstanceOf(TurnDecision.None.class);
            assertThat(turns.state()).isEqualTo(State.THINKING);
        }

        @Test
        void theBotFinishingReturnsToListening() {
            botSpeaking();
            turns.onBotFinished();
            assertThat(turns.state()).isEqualTo(State.LISTENING);
        }
    }

    @Nested
    class PossibleOnsets {
        @Test
        void anOnsetOverTheBotPausesItAtTheConfirmTime() {
            botSpeaking();
            assertThat(onset(180)).isEmpty();
            assertThat(onset(20)).containsExactly(new TurnDecision.PauseBot());
        }

        @Test
        void anOnsetThatBecomesSpeechCountsTowardsThePause() {
            botSpeaking();
            assertThat(onset(100)).isEmpty();
            assertThat(speech(100)).containsExactly(new TurnDecision.PauseBot());
        }

        @Test
        void anOnsetThatNeverBecomesSpeechResumesTheBot() {
            botSpeaking();
            onset(200);
            assertThat(silence(300)).containsExactly(new TurnDecision.ResumeBot());
            assertThat(turns.state()).isEqualTo(State.BOT_SPEAKING);
        }

        @Test
        void onsetsAloneNeverCommitTheInterruption() {
            botSpeaking();
            assertThat(onset(3000)).containsExactly(new TurnDecision.PauseBot(), new TurnDecision.ResumeBot());
        }

        @Test
        void onsetsHeardBeforeTheBotSpokeDoNotResumeItTheMomentTheyPauseIt() {
            speech(800);
            turns.onFinal("I want a flat", true);
            silence(100);
            onset(400); // the caller murmurs while the answer is prepared
            turns.onBotAudioStarted(false);
            assertThat(onset(20)).containsExactly(new TurnDecision.PauseBot());
            assertThat(onset(200)).as("still leaning towards speech").isEmpty();
            assertThat(silence(300)).containsExactly(new TurnDecision.ResumeBot());
        }

        @Test
        void onsetsNeverStartTheCallersTurn() {
            assertThat(onset(2000)).isEmpty();
            assertThat(turns.state()).isEqualTo(State.LISTENING);
        }

        @Test
        void onsetsDoNotCancelAReplyBeingPrepared() {
            speech(800);
            turns.onFinal("I want a flat", true);
            silence(100);
            assertThat(onset(500)).isEmpty();
            assertThat(turns.state()).isEqualTo(State.THINKING);
        }

        @Test
        void theGreetingIsProtectedFromOnsetsToo() {
            turns.onBotAudioStarted(true);
            assertThat(onset(1000)).isEmpty();
        }
    }

    @Nested
    class BotSpeaking {
        @Test
        void speechShorterThanTheConfirmTimeDoesNotTouchTheBot() {
            botSpeaking();
            assertThat(speech(180)).isEmpty();
            assertThat(silence(400)).isEmpty();
        }

        @Test
        void sustainedSpeechPausesTheBotAtTheConfirmTime() {
            botSpeaking();
            assertThat(speech(200)).containsExactly(new TurnDecision.PauseBot());
            assertThat(turns.botPaused()).isTrue();
        }

        @Test
        void anInterimThatClaimsTheFloorHoldsTheBotPausedUntilTheFinalCommits() {
            botSpeaking();
            speech(500);
            assertThat(turns.onInterim("wait I have a question")).isInstanceOf(TurnDecision.None.class);
            assertThat(silence(400)).as("no resume while the final is awaited").isEmpty();
            assertThat(turns.onFinal("wait I have a question", true)).isInstanceOf(TurnDecision.InterruptBot.class);
            assertThat(turns.state()).isEqualTo(State.CALLER_SPEAKING);
        }

        @Test
        void anInterimGuessTheFinalCorrectsToAnAcknowledgementResumesTheBot() {
            botSpeaking();
            speech(300);
            assertThat(turns.onInterim("no")).as("a recogniser's first guess at \"okay\"").isInstanceOf(TurnDecision.None.class);
            assertThat(silence(400)).isEmpty();
            assertThat(turns.onFinal("okay", true)).isEqualTo(new TurnDecision.ResumeBot());
            assertThat(turns.state()).isEqualTo(State.BOT_SPEAKING);
        }

        @Test
        void anInterimFloorClaimTheRecogniserNeverConfirmsResumesTheBotInTheEnd() {
            botSpeaking();
            speech(300);
            turns.onInterim("wait");
            assertThat(silence(1000)).as("a final could still commit it").isEmpty();
            assertThat(silence(20)).containsExactly(new TurnDecision.ResumeBot());
        }

        @Test
        void anInterimFloorClaimPausesABotThatStillPlays() {
            botSpeaking();
            speech(100);
            silence(40);
            speech(120);
            assertThat(turns.botPaused()).as("no speech run reached the confirm time").isFalse();
            assertThat(turns.onInterim("wait")).isEqualTo(new TurnDecision.PauseBot());
        }

        @Test
        void longSpeechCommitsTheInterruptionWithoutATranscript() {
            botSpeaking();
            assertThat(speech(800)).containsExactly(new TurnDecision.PauseBot(), new TurnDecision.InterruptBot());
        }

        @Test
        void theSpeechThatInterruptedTheBotCountsTowardsTheCallersTurn() {
            botSpeaking();
            speech(200);
            for (int i = 0; i < 6; i++) { // over a loud room the detector hears the caller in pieces
                silence(40);
                speech(100);
            }
            assertThat(turns.state()).as("the interruption was committed").isEqualTo(State.CALLER_SPEAKING);
            assertThat(silence(600)).as("a turn, not a short noise").containsExactly(new TurnDecision.FinalizeTranscript());
            assertThat(turns.onFinal("", true)).isEqualTo(new TurnDecision.AskToRepeat());
        }

        @Test
        void aBackchannelResumesTheBot() {
            botSpeaking();
            speech(300);
            assertThat(turns.onInterim("haan")).isInstanceOf(TurnDecision.None.class);
            assertThat(turns.onFinal("haan ji", true)).isInstanceOf(TurnDecision.None.class);
            assertThat(silence(300)).containsExactly(new TurnDecision.ResumeBot());
            assertThat(turns.state()).isEqualTo(State.BOT_SPEAKING);
        }

        @Test
        void theGreetingIsProtectedAtFirst() {
            turns.onBotAudioStarted(true);
            assertThat(speech(1000)).isEmpty();
            assertThat(turns.onInterim("hello who is this")).isInstanceOf(TurnDecision.None.class);
            silence(600);
            assertThat(speech(400)).containsExactly(new TurnDecision.PauseBot());
        }

        @Test
        void aFinalThatClaimsTheFloorInterruptsAndStartsTheCallersTurn() {
            botSpeaking();
            speech(500);
            assertThat(turns.onFinal("no not interested", false)).isInstanceOf(TurnDecision.InterruptBot.class);
            assertThat(turns.onUtteranceEnd()).isEqualTo(new TurnDecision.EndOfTurn("no not interested"));
        }

        @Test
        void aBurstAsShortAsABackchannelResumesTheBotWhateverTheRecogniserWrote() {
            botSpeaking();
            speech(700);
            assertThat(turns.onFinal("on the tea", true)).as("\"theek hai\" as a recogniser that knows no Hindi writes it")
                    .isInstanceOf(TurnDecision.None.class);
            assertThat(silence(300)).containsExactly(new TurnDecision.ResumeBot());
            assertThat(turns.state()).isEqualTo(State.BOT_SPEAKING);
        }

        @Test
        void aShortBurstThatSaysWaitCommitsTheInterruptionOnItsFinal() {
            botSpeaking();
            speech(300);
            assertThat(turns.onInterim("wait")).isInstanceOf(TurnDecision.None.class);
            assertThat(turns.onFinal("wait", true)).isInstanceOf(TurnDecision.InterruptBot.class);
        }

        @Test
        void speechLongerThanABackchannelCommitsEvenAcrossAShortGap() {
            botSpeaking();
            assertThat(speech(500)).containsExactly(new TurnDecision.PauseBot());
            assertThat(silence(200)).isEmpty();
            assertThat(speech(300)).containsExactly(new TurnDecision.InterruptBot());
        }

        @Test
        void wordsFinishedBeforeTheBurstOutgrewABackchannelOpenTheCallersTurn() {
            botSpeaking();
            speech(500);
            assertThat(turns.onFinal("I think", false)).isInstanceOf(TurnDecision.None.class);
            assertThat(speech(300)).containsExactly(new TurnDecision.InterruptBot());
            turns.onFinal("the price is high", false);
            assertThat(turns.onUtteranceEnd()).isEqualTo(new TurnDecision.EndOfTurn("I think the price is high"));
        }

        @Test
        void anInterruptionSpokenInPiecesCommitsOnceThePiecesOutlastABackchannel() {
            botSpeaking();
            assertThat(speech(500)).containsExactly(new TurnDecision.PauseBot());
            turns.onFinal("my budget is", false);
            assertThat(silence(400)).as("a backchannel would be over").containsExactly(new TurnDecision.ResumeBot());
            assertThat(speech(300)).as("but the caller goes on within a pause mid-answer")
                    .containsExactly(new TurnDecision.PauseBot(), new TurnDecision.InterruptBot());
            turns.onFinal("about eighty lakhs", false);
            assertThat(turns.onUtteranceEnd()).isEqualTo(new TurnDecision.EndOfTurn("my budget is about eighty lakhs"));
        }

        @Test
        void speechAfterAPauseLongerThanAnyMidAnswerPauseIsABurstOfItsOwn() {
            botSpeaking();
            speech(500);
            silence(1300); // the end-of-turn silence and the unfinished answer's extra
            assertThat(speech(500)).containsExactly(new TurnDecision.PauseBot());
            assertThat(silence(300)).containsExactly(new TurnDecision.ResumeBot());
            assertThat(turns.state()).isEqualTo(State.BOT_SPEAKING);
        }

        @Test
        void wordsOfABurstLongOverDoNotCarryIntoTheNextOne() {
            botSpeaking();
            speech(500);
            turns.onFinal("on gee", false);
            silence(1300);
            speech(800);
            turns.onFinal("can you send the brochure", false);
            assertThat(turns.onUtteranceEnd()).isEqualTo(new TurnDecision.EndOfTurn("can you send the brochure"));
        }

        @Test
        void wordsTheRecogniserMakesOutOfNoiseDoNotInterrupt() {
            botSpeaking();
            silence(2000);
            assertThat(turns.onInterim("the ten")).isInstanceOf(TurnDecision.None.class);
            assertThat(turns.onFinal("the ten", true)).isInstanceOf(TurnDecision.None.class);
            assertThat(turns.state()).isEqualTo(State.BOT_SPEAKING);
        }

        @Test
        void wordsAfterTooLittleSpeechToBeMoreThanABackchannelDoNotInterrupt() {
            botSpeaking();
            speech(300);
            assertThat(turns.onFinal("on gee", true)).as("\"haan ji\" as a recogniser that knows no Hindi writes it")
                    .isInstanceOf(TurnDecision.None.class);
            assertThat(silence(300)).containsExactly(new TurnDecision.ResumeBot());
        }

        @Test
        void drawnOutListeningNoisesDoNotInterrupt() {
            botSpeaking();
            speech(300);
            assertThat(turns.onFinal("hmmm", true)).isInstanceOf(TurnDecision.None.class);
            assertThat(turns.onFinal("umm", true)).isInstanceOf(TurnDecision.None.class);
            assertThat(silence(300)).containsExactly(new TurnDecision.ResumeBot());
        }
    }

    @Nested
    class GoingOnOverTheReply {

        /** The turn ends on the recogniser's end of speech, the reply starts 200 ms later, then {@code quietMs} pass. */
        private void replyPlaysAfter(String turn, int quietMs) {
            speech(1000);
            turns.onFinal(turn, true);
            silence(200);
            botSpeaking();
            silence(quietMs);
        }

        @Test
        void aCallerWhoGoesOnAfterAShortPauseIsAnsweredWithTheWholeTurn() {
            replyPlaysAfter("my budget is fifty lakh", 200); // 400 ms after their last word: within one turn's pause
            assertThat(speech(800)).containsExactly(new TurnDecision.PauseBot(), new TurnDecision.InterruptBot());
            turns.onFinal("maybe sixty", false);
            assertThat(turns.onUtteranceEnd())
                    .isEqualTo(new TurnDecision.EndOfTurn("my budget is fifty lakh maybe sixty", "maybe sixty"));
        }

        @Test
        void aContinuationAsShortAsABackchannelCommitsOnItsWords() {
            replyPlaysAfter("I want a flat in", 200);
            assertThat(speech(500)).containsExactly(new TurnDecision.PauseBot());
            assertThat(turns.onFinal("Whitefield", false)).isEqualTo(new TurnDecision.InterruptBot());
            assertThat(turns.onUtteranceEnd())
                    .isEqualTo(new TurnDecision.EndOfTurn("I want a flat in Whitefield", "Whitefield"));
        }

        @Test
        void anAcknowledgementRightAfterTheTurnStillResumesTheBot() {
            replyPlaysAfter("I want a flat in Whitefield", 200);
            speech(300);
            assertThat(turns.onFinal("okay", true)).isInstanceOf(TurnDecision.None.class);
            assertThat(silence(300)).containsExactly(new TurnDecision.ResumeBot());
        }

        @Test
        void anInterruptionAfterALongerPauseIsATurnOfItsOwn() {
            replyPlaysAfter("my budget is fifty lakh", 1200); // 1.4 s: time enough to be answering the reply
            assertThat(speech(800)).containsExactly(new TurnDecision.PauseBot(), new TurnDecision.InterruptBot());
            turns.onFinal("no sixty", false);
            assertThat(turns.onUtteranceEnd()).isEqualTo(new TurnDecision.EndOfTurn("no sixty"));
        }
    }

    @Nested
    class UnfinishedAnswers {
        @Test
        void aPauseMidAnswerWaitsLongerBeforeEndingTheTurn() {
            speech(800);
            turns.onFinal("my budget is around", false);
            assertThat(silence(600)).as("the usual end-of-turn silence").isEmpty();
            assertThat(silence(700)).containsExactly(new TurnDecision.EndOfTurn("my budget is around"));
        }

        @Test
        void theRecognisersEndOfSpeechWaitsForTheRestOfAnUnfinishedAnswer() {
            speech(800);
            assertThat(turns.onFinal("my budget is around", true)).isInstanceOf(TurnDecision.None.class);
            silence(400);
            speech(600);
            assertThat(turns.onFinal("fifty lakhs", true))
                    .isEqualTo(new TurnDecision.EndOfTurn("my budget is around fifty lakhs"));
        }

        @Test
        void aFinishedAnswerEndsAtTheUsualSilence() {
            speech(800);
            turns.onFinal("my budget is fifty lakhs", false);
            assertThat(silence(600)).containsExactly(new TurnDecision.EndOfTurn("my budget is fifty lakhs"));
        }
    }

    @Test
    void nothingHappensAfterTheCallEnded() {
        turns.end();
        assertThat(speech(1000)).isEmpty();
        assertThat(turns.onFinal("hello", true)).isInstanceOf(TurnDecision.None.class);
        assertThat(turns.state()).isEqualTo(State.ENDED);
    }
}
