package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The room measure behind the "stand out from a talking room" rule, on made-up windows (32 ms each). */
class SpeechHysteresisTest {

    private static final int WINDOW_MS = 32;

    private final SpeechHysteresis line = new SpeechHysteresis(NeuralVadSettings.DEFAULTS, WINDOW_MS);

    @Nested
    class TheCallersOwnWords {

        @Test
        void doNotAddUpToARoomThatTalksSoTheNextWordNeedNotOutTalkTheLine() {
            hear(3000, 0.01f, 1000);                 // steady noise
            for (int word = 0; word < 20; word++) {  // a long answer on a 5 dB line: loud only at its peaks
                hear(160, 0.99f, 2500);
                hear(96, 0.99f, 6000);
                hear(128, 0.99f, 900);               // a soft ending the model stays sure of: speech flickers off
            }
            hear(500, 0.01f, 1000);                  // the bot starts its reply

            assertThat(line.decide(0.99f, 2000)).as("a word only 2x above the noise starts speech at once").isTrue();
        }
    }

    @Nested
    class TheRoomsVoices {

        @Test
        void readAsSpeechAtFirstStillTeachTheLineThatItsRoomTalks() {
            hear(1000, 0.1f, 100);
            for (int second = 0; second < 20; second++) { // voices a little above the bed, never standing out 3x
                for (int burst = 0; burst < 2; burst++) {
                    hear(320, 0.9f, 130);
                    hear(180, 0.3f, 100);
                }
            }
            int speechWindows = 0;
            for (int burst = 0; burst < 20; burst++) {
                speechWindows += hear(320, 0.9f, 130) + hear(180, 0.3f, 100);
            }
            assertThat(speechWindows).as("windows of the last 10 s heard as speech").isZero();
        }

        @Test
        void stillLetACallerWhoStandsOutFromThemSpeak() {
            for (int burst = 0; burst < 30; burst++) {
                hear(320, 0.9f, 130);
                hear(180, 0.3f, 100);
            }
            assertThat(line.decide(0.99f, 400)).as("a word 4x above the room's bed").isTrue();
        }
    }

    @Nested
    class ARoomThatGrowsLouder {

        @Test
        void isHeardAsSpeechOnlyUntilTheBedCatchesUp() {
            for (int burst = 0; burst < 20; burst++) { // a room of voices, learnt
                hear(320, 0.9f, 110);
                hear(180, 0.9f, 90);
            }
            for (int burst = 0; burst < 10; burst++) { // more people start talking: 3x louder, and it stays so
                hear(320, 0.9f, 330);
                hear(180, 0.9f, 270);
            }
            int speechWindows = 0;
            for (int burst = 0; burst < 10; burst++) {
                speechWindows += hear(320, 0.9f, 330) + hear(180, 0.9f, 270);
            }
            assertThat(speechWindows).as("speech windows 5 to 10 s after the room grew louder").isZero();
        }
    }

    /** {@code ms} of windows with this probability and RMS; how many of them were speech. */
    private int hear(int ms, float probability, double rms) {
        int speech = 0;
        for (int t = 0; t < ms; t += WINDOW_MS) {
            speech += line.decide(probability, rms) ? 1 : 0;
        }
        return speech;
    }
}
