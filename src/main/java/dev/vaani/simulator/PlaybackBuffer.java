package dev.vaani.simulator;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Exotel's playback buffer as the caller experiences it: bot audio queues up and plays in real time, a mark is
 * reached when everything queued before it has played, and {@code clear} drops what has not started playing.
 *
 * <p>Time is a sample position at the call rate (not wall time), so the model is exact and testable without a
 * clock: the owner calls {@link #advanceTo} with "now" before every event and on every tick. Not thread-safe; the
 * owner serialises calls.
 *
 * <p>Utterances: one begins when audio starts playing after idle, and ends when playback goes idle after a mark
 * (a mark in the middle of continuous audio does not end it), after a clear, or after a gap of
 * {@code utteranceGapSamples} with no mark. A shorter gap followed by more audio is an underrun.
 */
final class PlaybackBuffer {

    /** A bot media chunk; {@code playStart} is filled in when its first sample plays (-1 if it never does). */
    static final class Chunk {
        final byte[] pcm;
        final long received;
        long playStart = -1;
        private int offset;

        Chunk(byte[] pcm, long received) {
            this.pcm = pcm;
            this.received = received;
        }
    }

    private record Mark(String name) {
    }

    /** Receives played bot audio at its playback position (for the recording). */
    interface AudioSink {
        void played(long position, byte[] pcm, int offset, int length);
    }

    private final int sampleRate;
    private final long utteranceGapSamples;
    private final boolean echoMarksOnClear;
    private final boolean clearFinishesPlayingChunk;
    private final Consumer<String> markReached;
    private final AudioSink sink;
    private final Deque<Object> queue = new ArrayDeque<>();
    private final List<CallReport.BotUtterance> utterances = new ArrayList<>();

    private long clock;
    private long lastAudioEnd = -1;
    private long lastUtteranceStart = -1;
    private Utterance current;
    private long starvedSince = -1;
    private int underruns;
    private long underrunSamples;
    private int marksEchoed;

    PlaybackBuffer(int sampleRate, long utteranceGapSamples, boolean echoMarksOnClear,
                   boolean clearFinishesPlayingChunk, Consumer<String> markReached, AudioSink sink) {
        this.sampleRate = sampleRate;
        this.utteranceGapSamples = utteranceGapSamples;
        this.echoMarksOnClear = echoMarksOnClear;
        this.clearFinishesPlayingChunk = clearFinishesPlayingChunk;
        this.markReached = markReached;
        this.sink = sink;
    }

    void enqueue(Chunk chunk, long now) {
        advanceTo(now);
        queue.add(chunk);
        advanceTo(now); // playback of an idle buffer starts at once
    }

    void enqueueMark(String name, long now) {
        advanceTo(now);
        queue.add(new Mark(name));
        advanceTo(now); // a mark after fully played audio is reached immediately
    }

    /** Drops queued audio; returns how many bytes were dropped. */
    int clear(long now) {
        advanceTo(now);
        int dropped = 0;
        Object keep = null;
        if (clearFinishesPlayingChunk && queue.peekFirst() instanceof Chunk c && c.offset > 0) {
            keep = queue.pollFirst();
        }
        for (Object item : queue) {
            switch (item) {
                case Chunk c -> dropped += c.pcm.length - c.offset;
                case Mark m when echoMarksOnClear -> echo(m);
                default -> { }
            }
        }
        queue.clear();
        if (keep != null) {
            queue.add(keep);
        }
        if (current != null) {
            current.interrupted = true;
        }
        advanceTo(now);
        return dropped;
    }

    void advanceTo(long target) {
        while (true) {
            while (queue.peekFirst() instanceof Mark m) {
                queue.pollFirst();
                echo(m);
            }
            if (clock >= target) {
                return;
            }
            if (!(queue.peekFirst() instanceof Chunk chunk)) {
                idle(target);
                return;
            }
            if (chunk.offset == 0) {
                startChunk(chunk);
            }
            int bytes = (int) Math.min(chunk.pcm.length - chunk.offset, (target - clock) * 2);
            sink.played(clock, chunk.pcm, chunk.offset, bytes);
            current.audio.write(chunk.pcm, chunk.offset, bytes);
            chunk.offset += bytes;
            clock += bytes / 2;
            lastAudioEnd = clock;
            if (chunk.offset >= chunk.pcm.length) {
                queue.pollFirst();
            }
        }
    }

    /** Ends the utterance in progress, if any, e.g. when the call ends. */
    void finish(long now) {
        advanceTo(now);
        if (current != null) {
            endUtterance();
        }
    }

    private void startChunk(Chunk chunk) {
        chunk.playStart = clock;
        if (current != null && (current.interrupted
                || (starvedSince >= 0 && clock - starvedSince >= utteranceGapSamples))) {
            endUtterance();
        }
        if (current == null) {
            current = new Utterance(clock);
            lastUtteranceStart = clock;
        } else if (starvedSince >= 0) {
            underruns++;
            underrunSamples += clock - starvedSince;
        }
        starvedSince = -1;
        current.markAfterAudio = false;
    }

    private void idle(long target) {
        if (current != null) {
            if (current.markAfterAudio || current.interrupted) {
                endUtterance();
            } else {
                if (starvedSince < 0) {
                    starvedSince = clock;
                }
                if (target - starvedSince >= utteranceGapSamples) {
                    endUtterance();
                }
            }
        }
        clock = target;
    }

    private void echo(Mark mark) {
        marksEchoed++;
        if (current != null) {
            current.markAfterAudio = true;
            if (starvedSince >= 0) {
                endUtterance(); // the audio already ran out; the mark just confirms the end
            }
        }
        markReached.accept(mark.name());
    }

    private void endUtterance() {
        long end = Math.max(lastAudioEnd, current.start);
        utterances.add(new CallReport.BotUtterance(utterances.size() + 1, toMs(current.start),
                toMs(end - current.start), current.interrupted, current.audio.toByteArray()));
        current = null;
        starvedSince = -1;
    }

    private long toMs(long samples) {
        return samples * 1000 / sampleRate;
    }

    boolean speaking() {
        return current != null;
    }

    /** Start of the utterance in progress, or -1. */
    long currentUtteranceStart() {
        return current == null ? -1 : current.start;
    }

    long lastUtteranceStart() {
        return lastUtteranceStart;
    }

    long lastAudioEnd() {
        return lastAudioEnd;
    }

    boolean queueEmpty() {
        return queue.isEmpty();
    }

    List<CallReport.BotUtterance> utterances() {
        return List.copyOf(utterances);
    }

    int underruns() {
        return underruns;
    }

    long underrunMs() {
        return toMs(underrunSamples);
    }

    int marksEchoed() {
        return marksEchoed;
    }

    private static final class Utterance {
        final long start;
        final ByteArrayOutputStream audio = new ByteArrayOutputStream();
        boolean interrupted;
        boolean markAfterAudio;

        Utterance(long start) {
            this.start = start;
        }
    }
}
