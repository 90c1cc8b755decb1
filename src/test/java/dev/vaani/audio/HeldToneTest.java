package dev.vaani.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.simulator.Wav;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HeldToneTest {

    private static final int RATE = 8000;
    private static final int WINDOW = 256;
    /** The energy gate's level: quieter windows are never looked at. */
    private static final double GATE_RMS = NeuralVadSettings.DEFAULTS.gateRms();

    @Test
    void aSteadyToneIsHeldFromItsFourthWindowOn() {
        float[] tone = new float[WINDOW * 10];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / RATE) + 0.2 * Math.sin(2 * Math.PI * 880 * i / RATE));
        }
        boolean[] held = heldWindows(new HeldTone(RATE, WINDOW), tone);
        assertThat(held[0] || held[1] || held[2]).isFalse();
        assertThat(held[3]).isTrue();
        assertThat(held[9]).isTrue();
    }

    @Test
    void aPitchThatMovesIsNotHeld() {
        float[] glide = new float[WINDOW * 10];
        double phase = 0;
        for (int i = 0; i < glide.length; i++) {
            phase += 2 * Math.PI * (180 + 40.0 * i / glide.length) / RATE; // 180 to 220 Hz, a voice's rise
            glide[i] = (float) (0.1 * Math.sin(phase) + 0.1 * Math.sin(2 * phase) + 0.05 * Math.sin(5 * phase));
        }
        assertThat(heldWindows(new HeldTone(RATE, WINDOW), glide)).doesNotContain(true);
    }

    @Test
    void aQuietWindowEndsTheRun() {
        float[] tone = new float[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 500 * i / RATE));
        }
        HeldTone line = new HeldTone(RATE, WINDOW);
        for (int i = 0; i < 5; i++) {
            line.next(tone);
        }
        line.skip();
        assertThat(line.next(tone)).isFalse();
    }

    @Test
    void noWindowOfAnyEvaluationCallersSpeechOrBackchannelIsAHeldTone() throws Exception {
        List<Path> clips = clips("speech", "backchannel");
        assertThat(clips).hasSizeGreaterThan(150);
        for (Path clip : clips) {
            assertThat(heldWindows(new HeldTone(RATE, WINDOW), gatedSamples(clip)))
                    .as(clip.getFileName().toString()).doesNotContain(true);
        }
    }

    @Test
    void hornsAndHumAreHeldTones() throws Exception {
        assertThat(count(heldWindows(new HeldTone(RATE, WINDOW), gatedSamples(resource("transients/horns.wav")))))
                .as("held horn windows in 6 s").isGreaterThanOrEqualTo(20);
        assertThat(count(heldWindows(new HeldTone(RATE, WINDOW), gatedSamples(resource("noise/hum.wav")))))
                .as("held hum windows in 6 s").isGreaterThanOrEqualTo(150);
    }

    @Test
    void crowdsAndNoiseAreNeverHeldTones() throws Exception {
        for (Path bed : Stream.of("noise/babble.wav", "noise/white.wav", "noise/pink.wav", "noise/brown.wav",
                "check/crowd4.wav", "check/crowd7.wav", "check/conversation.wav").map(HeldToneTest::resource).toList()) {
            assertThat(heldWindows(new HeldTone(RATE, WINDOW), gatedSamples(bed))).as(bed.toString()).doesNotContain(true);
        }
    }

    /** Windows the energy gate lets through are looked at, the others end any run (as in the call path). */
    private static boolean[] heldWindows(HeldTone line, float[] samples) {
        boolean[] held = new boolean[samples.length / WINDOW];
        float[] window = new float[WINDOW];
        for (int w = 0; w < held.length; w++) {
            System.arraycopy(samples, w * WINDOW, window, 0, WINDOW);
            double squares = 0;
            for (float s : window) {
                squares += s * 32768.0 * s * 32768.0;
            }
            if (Math.sqrt(squares / WINDOW) < GATE_RMS) {
                line.skip();
            } else {
                held[w] = line.next(window);
            }
        }
        return held;
    }

    private static int count(boolean[] held) {
        int n = 0;
        for (boolean h : held) {
            n += h ? 1 : 0;
        }
        return n;
    }

    private static float[] gatedSamples(Path wav) throws IOException {
        byte[] pcm = Wav.readMono16(Files.readAllBytes(wav), wav.toString()).data();
        float[] samples = new float[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8)) / 32768f;
        }
        return samples;
    }

    private static List<Path> clips(String... folders) throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (String folder : folders) {
            try (Stream<Path> files = Files.list(resource(folder))) {
                files.filter(p -> p.toString().endsWith(".wav")).sorted().forEach(all::add);
            }
        }
        return all;
    }

    private static Path resource(String name) {
        try {
            return Path.of(HeldToneTest.class.getResource("/turn-taking/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
