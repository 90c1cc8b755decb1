package dev.vaani.speech.offline;

import dev.vaani.audio.Pcm16;
import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;

/**
 * Where a FreeTTS voice "plays" one synthesis: each utterance FreeTTS renders is converted to PCM16LE at the call's
 * rate and passed on in 100 ms chunks. FreeTTS renders an utterance whole before writing it, so collecting it first
 * costs no latency and lets the resampler see contiguous audio.
 */
final class SinkAudioPlayer implements AudioPlayer {

    private final int targetRate;
    private final ChunkSink sink;
    private final ByteArrayOutputStream utterance = new ByteArrayOutputStream();
    private AudioFormat format = new AudioFormat(16000, 16, 1, true, true);
    private float volume = 1;

    /** Delivers one chunk unless the synthesis was cancelled; returns false once it was. */
    interface ChunkSink {
        boolean deliver(byte[] pcm);
    }

    SinkAudioPlayer(int targetRate, ChunkSink sink) {
        this.targetRate = targetRate;
        this.sink = sink;
    }


    @Override
    public void setAudioFormat(AudioFormat format) {
        this.format = format;
    }

    @Override
    public AudioFormat getAudioFormat() {
        return format;
    }

    @Override
    public void begin(int size) {
        utterance.reset();
    }

    @Override
    public boolean write(byte[] audio) {
        return write(audio, 0, audio.length);
    }

    @Override
    public boolean write(byte[] audio, int offset, int length) {
        utterance.write(audio, offset, length);
        return true;
    }

    /** Returning false tells FreeTTS to stop rendering the rest of the text. */
    @Override
    public boolean end() {
        short[] samples = resampled(samples(utterance.toByteArray()), (int) format.getSampleRate());
        utterance.reset();
        int chunk = targetRate / 10;
        for (int from = 0; from < samples.length; from += chunk) {
            if (!sink.deliver(Pcm16.toBytes(samples, from, Math.min(samples.length, from + chunk)))) {
                return false;
            }
        }
        return true;
    }

    private short[] resampled(short[] samples, int nativeRate) {
        if (nativeRate == targetRate || samples.length == 0) {
            return samples;
        }
        dev.vaani.audio.Resampler resampler = new dev.vaani.audio.Resampler(nativeRate, targetRate);
        byte[] pcm = Pcm16.toBytes(samples, 0, samples.length);
        byte[] body = resampler.process(pcm, 0, pcm.length);
        byte[] tail = resampler.flush();
        byte[] all = java.util.Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, all, body.length, tail.length);
        return Pcm16.toSamples(all, 0, all.length);
    }

    private short[] samples(byte[] bytes) {
        if (!format.isBigEndian()) {
            return Pcm16.toSamples(bytes, 0, bytes.length & ~1);
        }
        var samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] << 8) | (bytes[2 * i + 1] & 0xff));
        }
        return samples;
    }

    @Override
    public boolean drain() {
        return true;
    }

    @Override
    public void cancel() {
        utterance.reset();
    }

    @Override
    public void reset() {
        utterance.reset();
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public void close() {
    }

    @Override
    public float getVolume() {
        return volume;
    }

    @Override
    public void setVolume(float volume) {
        this.volume = volume;
    }

    @Override
    public long getTime() {
        return 0;
    }

    @Override
    public void resetTime() {
    }

    @Override
    public void startFirstSampleTimer() {
    }

    @Override
    public void showMetrics() {
    }
}
