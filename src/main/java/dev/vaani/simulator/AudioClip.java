package dev.vaani.simulator;

import dev.vaani.audio.Pcm16;
import java.util.Arrays;

/**
 * Caller audio: 16-bit little-endian mono PCM at a known rate, with where the speech inside it starts and ends
 * (clips carry silence padding, and latency is measured from the last spoken sample, not the end of the padding).
 */
public record AudioClip(String name, int sampleRate, byte[] pcm, int speechStartByte, int speechEndByte) {

    /** Samples quieter than this (about -36 dBFS) count as silence when locating speech. */
    private static final int SPEECH_THRESHOLD = 500;

    public AudioClip {
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException(name + ": PCM16 audio needs an even number of bytes");
        }
    }

    public static AudioClip of(String name, int sampleRate, byte[] pcm) {
        int first = -1;
        int last = -1;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            if (Math.abs(Pcm16.sample(pcm, i)) >= SPEECH_THRESHOLD) {
                if (first < 0) {
                    first = i;
                }
                last = i + 2;
            }
        }
        // A clip with no loud sample is still "speech" as far as the scenario is concerned.
        return new AudioClip(name, sampleRate, pcm, Math.max(first, 0), last < 0 ? pcm.length : last);
    }

    public static AudioClip fromWav(String name, byte[] wavFile) {
        Wav.WavAudio wav = Wav.readMono16(wavFile, name);
        return of(name, wav.sampleRate(), wav.data());
    }

    public long durationMs() {
        return pcm.length / 2 * 1000L / sampleRate;
    }

    /**
     * The clip at the call's rate. Clips are made at 8 kHz; for a 16 or 24 kHz call they are upsampled by an integer
     * factor with linear interpolation, which is plenty for a speech-to-text engine. Other combinations are refused.
     */
    public AudioClip atRate(int callRate) {
        if (callRate == sampleRate) {
            return this;
        }
        if (sampleRate != 8000 || callRate % sampleRate != 0) {
            throw new IllegalArgumentException(name + " is " + sampleRate + " Hz but the call runs at " + callRate
                    + " Hz; supply the clip at 8000 Hz or at the call rate");
        }
        int factor = callRate / sampleRate;
        int n = pcm.length / 2;
        byte[] out = new byte[n * factor * 2];
        for (int i = 0; i < n; i++) {
            int a = Pcm16.sample(pcm, i * 2);
            int b = i + 1 < n ? Pcm16.sample(pcm, (i + 1) * 2) : a;
            for (int k = 0; k < factor; k++) {
                Pcm16.putSample(out, (i * factor + k) * 2, a + (b - a) * k / factor);
            }
        }
        return new AudioClip(name, callRate, out, speechStartByte * factor, speechEndByte * factor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioClip c && c.name.equals(name) && c.sampleRate == sampleRate && Arrays.equals(c.pcm, pcm);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(pcm);
    }

    @Override
    public String toString() {
        return "AudioClip[" + name + ", " + sampleRate + " Hz, " + durationMs() + " ms]";
    }
}
