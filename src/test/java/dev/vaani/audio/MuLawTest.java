package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MuLawTest {

    @Test
    void decodesTheG711ReferencePoints() {
        assertThat(MuLaw.decode((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(MuLaw.decode((byte) 0x7F)).isEqualTo((short) 0);
        assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
    }

    @Test
    void encodesTheG711ReferencePoints() {
        assertThat(MuLaw.encode(0)).isEqualTo((byte) 0xFF);
        assertThat(MuLaw.encode(32767)).isEqualTo((byte) 0x80);
        assertThat(MuLaw.encode(-32768)).isEqualTo((byte) 0x00);
    }

    @Test
    void everyCodeSurvivesADecodeEncodeRoundTrip() {
        for (int code = 0; code < 256; code++) {
            short linear = MuLaw.decode((byte) code);
            byte again = MuLaw.encode(linear);
            // 0x7F and 0xFF are both zero; everything else is unique.
            assertThat(MuLaw.decode(again)).as("code %02x", code).isEqualTo(linear);
        }
    }

    @Test
    void encodingKeepsQuantisationErrorSmallRelativeToTheSignal() {
        byte[] sine = Signals.sine(8000, 440, 12000, 100);
        byte[] roundTrip = MuLaw.decode(MuLaw.encode(sine, 0, sine.length));
        for (int i = 0; i < sine.length; i += 2) {
            int original = Pcm16.sample(sine, i);
            int error = Math.abs(original - Pcm16.sample(roundTrip, i));
            assertThat(error).isLessThanOrEqualTo(Math.max(8, Math.abs(original) / 16));
        }
    }

    @Test
    void decodesIntoLittleEndianPcmAtAnOffset() {
        byte[] pcm = new byte[6];
        MuLaw.decode(new byte[] {(byte) 0x80}, 0, 1, pcm, 2);
        assertThat(Pcm16.sample(pcm, 2)).isEqualTo((short) 32124);
        assertThat(pcm[0]).isZero();
        assertThat(pcm[4]).isZero();
    }
}
