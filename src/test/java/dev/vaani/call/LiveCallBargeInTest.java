package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.TurnInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The caller's voice over the bot's, on a virtual clock, in milliseconds: real speech cuts the bot off, an
 * acknowledgement or a burst of noise only pauses it and the rest of its reply plays. Each test asks about the
 * projects, lets the three-sentence answer ({@link #ANSWER}) play for 800 ms, in its second sentence, then the
 * caller makes a sound: the first sentence (600 ms) has been heard, and 200 ms later (the confirm time), half of the
 * second.
 */
class LiveCallBargeInTest extends VirtualClockCallTest {

    private static final String HEARD_AT_THE_PAUSE = "We have three projects in Pune. The first one is";

    /** When the caller's sound began. */
    private long soundAt;

    @BeforeEach
    void theBotAnswersAndTheCallerListensFor800Ms() {
        callerSays(ASK_ABOUT_PROJECTS);
        silence(800);
        soundAt = time.nowMs();
    }

    @Nested
    class SpeechOverTheBot {

        @Test
        void clearsTheBotsAudioTheConfirmTimeAfterTheCallerStarted() {
            int confirmMs = turnTaking().bargeInConfirmMs();

            callerSound(confirmMs - 20);
            assertThat(times("clear")).isEmpty();
            callerSound(20);

            assertThat(times("clear")).containsExactly(soundAt + confirmMs);
        }

        @Test
        void goingOnToTheCommitTimeCancelsTheReply() {
            int commitMs = turnTaking().bargeInCommitMs();

            callerSound(commitMs - 20);
            assertThat(interruptions).isEmpty();
            callerSound(20);
            assertThat(interruptions).hasSize(1);
            silence(1_000); // past any resume, short of the wait for the recogniser's words

            assertThat(audioAfterTheClear()).isEmpty();
            assertThat(asked).containsExactly(new TurnInput.CallerUtterance(ASK_ABOUT_PROJECTS));
        }

        @Test
        void theCutOffLineIsMarkedInterruptedWithWhatTheCallerHeard() {
            callerSound(turnTaking().bargeInCommitMs());

            assertThat(botLines()).singleElement().satisfies(l -> {
                assertThat(l.atMs()).isEqualTo(soundAt + turnTaking().bargeInCommitMs());
                assertThat(l.line()).isEqualTo(
                        new TranscriptLine(TranscriptLine.AI, HEARD_AT_THE_PAUSE, l.line().timestamp(), true));
            });
            assertThat(interruptions).containsExactly(HEARD_AT_THE_PAUSE);
        }
    }

    @Nested
    class AnAcknowledgementOverTheBot {

        /** "haan ji" for 300 ms: the detector hears it 200 ms longer; the bot resumes after 300 ms of silence. */
        @BeforeEach
        void callerSaysHaanJi() {
            callerSound(200);
            recogniserHears("haan ji");
            callerSound(100);
            silence(2_000);
        }

        @Test
        void pausesTheBotAtTheConfirmTimeAndResumesItAfterTheSilence() {
            long resumeAt = soundAt + 300 + HANGOVER_MS + turnTaking().resumeAfterSilenceMs();

            assertThat(times("clear")).containsExactly(soundAt + turnTaking().bargeInConfirmMs());
            assertThat(audioAfterTheClear()).first()
                    .satisfies(s -> assertThat(s.atMs()).isEqualTo(resumeAt));
        }

        @Test
        void theRestOfTheReplyPlaysFromWhereTheCallerStoppedHearingIt() {
            long pausedAt = soundAt + turnTaking().bargeInConfirmMs();
            long resumeAt = audioAfterTheClear().getFirst().atMs();

            // the half of the second sentence not yet heard and the third: nothing played twice, nothing lost
            assertThat(audioAfterTheClear().stream().mapToLong(Sent::audioMs).sum())
                    .isEqualTo(400 + 600);
            assertThat(botLines()).singleElement().satisfies(l -> {
                assertThat(l.line()).isEqualTo(TranscriptLine.ai(ANSWER, l.line().timestamp()));
                assertThat(l.atMs()).isEqualTo(turnEndedAt + ANSWER_MS + (resumeAt - pausedAt));
            });
        }

        @Test
        void theReplyIsNeitherAskedForAgainNorReportedInterrupted() {
            assertThat(asked).containsExactly(new TurnInput.CallerUtterance(ASK_ABOUT_PROJECTS));
            assertThat(interruptions).isEmpty();
        }
    }

    @Nested
    class APauseInTheCallersWordsOverTheBot {

        /** "Wait … can you repeat": the bot pauses, resumes in the caller's pause, and pauses again for good. */
        @BeforeEach
        void callerSaysWaitThenCanYouRepeat() {
            callerSound(200);
            silence(HANGOVER_MS + turnTaking().resumeAfterSilenceMs());
            callerSound(turnTaking().bargeInCommitMs());
        }

        @Test
        void theCutOffLineHoldsWhatTheCallerHeardBeforeTheFirstPauseAndAfterTheResume() {
            // half of the second sentence before the first pause, then the confirm time's 200 ms of its rest
            String heard = "We have three projects in Pune. The first one is close to";

            assertThat(interruptions).containsExactly(heard);
            assertThat(botLines()).singleElement().satisfies(l -> assertThat(l.line())
                    .isEqualTo(new TranscriptLine(TranscriptLine.AI, heard, l.line().timestamp(), true)));
        }
    }

    @Nested
    class AnAnswerSpokenInPiecesOverTheBot {

        /**
         * "My budget is … about eighty lakhs": each piece as short as a backchannel, the pause between them long enough
         * for the bot to resume and shorter than a caller's pause mid-answer.
         */
        @BeforeEach
        void callerGivesTheirBudgetInTwoPieces() {
            callerSound(500);
            recogniserHears("My budget is");
            silence(HANGOVER_MS + turnTaking().resumeAfterSilenceMs() + 100);
            callerSound(600);
            recogniserHears("about eighty lakhs");
            silence(2_000);
        }

        @Test
        void theBotResumesInThePauseAndIsStoppedByTheSecondPiece() {
            assertThat(times("clear")).hasSize(2);
            assertThat(interruptions).hasSize(1);
        }

        @Test
        void bothPiecesAreOneTurn() {
            assertThat(asked).last().isEqualTo(new TurnInput.CallerUtterance("My budget is about eighty lakhs"));
        }
    }

    @Nested
    class ANoiseBurstOverTheBot {

        /** 100 ms of noise that the recogniser turns into words: too little speech for words to cut the bot off. */
        @BeforeEach
        void aBurstOfNoise() {
            callerSound(100);
            recogniserHears("Where is it?");
            silence(2_000);
        }

        @Test
        void onlyPausesTheBotWhileTheDetectorTakesItForSpeech() {
            long resumeAt = soundAt + 100 + HANGOVER_MS + turnTaking().resumeAfterSilenceMs();

            assertThat(times("clear")).containsExactly(soundAt + turnTaking().bargeInConfirmMs());
            assertThat(audioAfterTheClear()).first()
                    .satisfies(s -> assertThat(s.atMs()).isEqualTo(resumeAt));
        }

        @Test
        void doesNotBecomeABargeIn() {
            long pauseMs = 100 + HANGOVER_MS + turnTaking().resumeAfterSilenceMs() - turnTaking().bargeInConfirmMs();

            assertThat(interruptions).isEmpty();
            assertThat(botLines()).singleElement().satisfies(l -> {
                assertThat(l.line()).isEqualTo(TranscriptLine.ai(ANSWER, l.line().timestamp()));
                assertThat(l.atMs()).isEqualTo(turnEndedAt + ANSWER_MS + pauseMs);
            });
        }
    }
}
