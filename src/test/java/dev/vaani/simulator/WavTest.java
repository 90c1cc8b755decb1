package dev.vaani.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

    @Test
    void roundTripsMonoPcm(@TempDir Path dir) throws Exception {
        byte[] pcm = FakeBotServer.tone(250, 8000);
        Path file = dir.resolve("a.wav");
        Wav.write(file, 8000, 1, pcm);

        Wav.WavAudio audio = Wav.readMono16(Files.readAllBytes(file), "a.wav");

        assertThat(audio.sampleRate()).isEqualTo(8000);
        assertThat(audio.data()).isEqualTo(pcm);
        assertThat(audio.durationMs()).isEqualTo(250);
    }

    @Test
    void skipsChunksBeforeData() {
        byte[] plain = Wav.encode(16000, 1, new byte[]{1, 2, 3, 4});
        // Insert a LIST chunk with an odd length (padded) between fmt and data, as editors do.
        ByteBuffer b = ByteBuffer.allocate(plain.length + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(plain, 0, 36).put("LIST".getBytes()).putInt(3).put(new byte[]{9, 9, 9, 0}).put(plain, 36, plain.length - 36);
        Wav.WavAudio audio = Wav.readMono16(b.array(), "list.wav");
        assertThat(audio.sampleRate()).isEqualTo(16000);
        assertThat(audio.data()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void rejectsStereoAndNonPcmWithAClearMessage() {
        byte[] stereo = Wav.encode(8000, 2, new byte[8]);
        assertThat(Wav.parse(stereo, "s.wav").channels()).isEqualTo(2);
        assertThatThrownBy(() -> Wav.readMono16(stereo, "s.wav"))
                .hasMessageContaining("s.wav").hasMessageContaining("16-bit mono").hasMessageContaining("2-channel");

        byte[] floatWav = Wav.encode(8000, 1, new byte[8]);
        floatWav[20] = 3; // WAVE_FORMAT_IEEE_FLOAT
        assertThatThrownBy(() -> Wav.readMono16(floatWav, "f.wav")).hasMessageContaining("only linear PCM");

        assertThatThrownBy(() -> Wav.parse("hello world!".getBytes(), "t.txt")).hasMessageContaining("not a WAV");
    }

    @Test
    void committedClipsAreSpeechAtEightKilohertz() throws Exception {
        for (String name : new String[]{"yes-good-time", "two-bhk", "whitefield", "budget", "timeline", "yes-right",
                "wait-repeat"}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("simulator/clips/" + name + ".wav")) {
                assertThat(in).as(name).isNotNull();
                AudioClip clip = AudioClip.fromWav(name, in.readAllBytes());
                assertThat(clip.sampleRate()).isEqualTo(8000);
                assertThat(clip.speechStartByte()).as(name + " starts with padding").isGreaterThan(2000);
                assertThat(clip.speechEndByte()).as(name + " ends with padding").isLessThan(clip.pcm().length - 2000);
            }
        }
    }

    @Test
    void upsamplesEightKilohertzClipsForWiderCalls() {
        AudioClip clip = AudioClip.of("c", 8000, FakeBotServer.tone(100, 8000));
        AudioClip wide = clip.atRate(16000);
        assertThat(wide.pcm()).hasSize(clip.pcm().length * 2);
        assertThat(wide.durationMs()).isEqualTo(100);
        assertThatThrownBy(() -> AudioClip.of("d", 16000, new byte[4]).atRate(24000))
                .hasMessageContaining("8000 Hz or at the call rate");
    }
}
