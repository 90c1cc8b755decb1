package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AudioFormatTest {

    @Test
    void twentyMillisecondsAtEightKilohertzIs320Bytes() {
        assertThat(AudioFormat.PHONE_8K.frameBytes(20)).isEqualTo(320);
    }

    @Test
    void frameSizesScaleWithTheRate() {
        assertThat(AudioFormat.WIDEBAND_16K.frameBytes(20)).isEqualTo(640);
        assertThat(AudioFormat.HD_24K.frameBytes(20)).isEqualTo(960);
        assertThat(new AudioFormat(22050).frameBytes(20)).isEqualTo(882);
    }

    @Test
    void durationOfBytes() {
        assertThat(AudioFormat.PHONE_8K.millis(3200)).isEqualTo(200);
        assertThat(AudioFormat.HD_24K.exactMillis(480)).isEqualTo(10.0);
    }

    @Test
    void rejectsDurationsThatAreNotWholeSamples() {
        assertThatThrownBy(() -> new AudioFormat(11025).frameBytes(20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThatThrownBy(() -> new AudioFormat(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
