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
            roomTalks(40, 0.3f, 130, 100); // voices a little above the bed, never standing out 3x
            assertThat(roomTalks(20, 0.3f, 130, 100)).as("windows of the last 10 s heard as speech").isZero();
        }

        @Test
        void stillLetACallerWhoStandsOutFromThemSpeak() {
            roomTalks(30, 0.3f, 130, 100);
            assertThat(line.decide(0.99f, 400)).as("a word 4x above the room's bed").isTrue();
        }
    }

    /** A probe that adds nothing to the state's term it is given, so a test says what the model's memory holds. */
    @Nested
    class WithTheModelsMemory {

        private static final float CALLER = 10f;
        private static final float ROOM = -10f;
        private static final float UNSURE = 0f;

        private final SpeechHysteresis probed = new SpeechHysteresis(NeuralVadSettings.DEFAULTS, WINDOW_MS,
                new RoomVoiceProbe(6, 0, 0, 0, new float[SileroVad.stateSize()]));

        @Test
        void aWindowTwiceTheRoomsBedStartsSpeechWhenTheMemoryIsSureItIsACaller() {
            learnATalkingRoomWithABedOf100();
            assertThat(probed.decide(0.99f, CALLER, 220)).isTrue();
        }

        @Test
        void aWindowTwiceTheRoomsBedDoesNotWhenTheMemoryIsUnsure() {
            learnATalkingRoomWithABedOf100();
            assertThat(probed.decide(0.99f, UNSURE, 220)).isFalse();
        }

        @Test
        void aWindowThreeTimesTheRoomsBedStartsSpeechWhateverTheMemorySays() {
            learnATalkingRoomWithABedOf100();
            assertThat(probed.decide(0.99f, ROOM, 400)).as("level alone is enough, as without the memory").isTrue();
        }

        @Test
        void withoutTheMemoryLevelAloneDecides() {
            learnATalkingRoomWithABedOf100();
            assertThat(probed.decide(0.99f, Float.NaN, 220)).as("2x, memory unknown").isFalse();
            assertThat(probed.decide(0.99f, Float.NaN, 400)).as("4x, memory unknown").isTrue();
        }

        private void learnATalkingRoomWithABedOf100() {
            for (int burst = 0; burst < 30; burst++) { // 320 ms of voices at 130, 180 ms of lull at 100
                for (int t = 0; t < 500; t += WINDOW_MS) {
                    assertThat(probed.decide(t < 320 ? 0.9f : 0.3f, ROOM, t < 320 ? 130 : 100)).isFalse();
                }
            }
        }
    }

    @Nested
    class ARoomThatGrowsLouder {

        @Test
        void isHeardAsSpeechOnlyUntilTheBedCatchesUp() {
            roomTalks(20, 0.9f, 110, 90);  // a room of voices, learnt
            roomTalks(10, 0.9f, 330, 270); // more people start talking: 3x louder, and it stays so
            assertThat(roomTalks(10, 0.9f, 330, 270)).as("speech windows 5 to 10 s after the room grew louder")
                    .isZero();
        }
    }

    /**
     * {@code bursts} half-seconds of a room's voices: 320 ms at probability 0.9 and {@code loudRms}, then 180 ms at
     * {@code lullProbability} and {@code lullRms}; how many windows were speech.
     */
    private int roomTalks(int bursts, float lullProbability, double loudRms, double lullRms) {
        int speech = 0;
        for (int burst = 0; burst < bursts; burst++) {
            speech += hear(320, 0.9f, loudRms) + hear(180, lullProbability, lullRms);
        }
        return speech;
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
