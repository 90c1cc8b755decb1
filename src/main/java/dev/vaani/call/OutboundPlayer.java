package dev.vaani.call;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.ChunkRule;
import dev.vaani.audio.ResumePoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Plays the bot's audio to the carrier: chunks of the sizes it accepts, paced in real time with a small lead
 * ({@link CarrierPacing}) so that {@code clear} can still take back what has not been played, and a {@code mark} after
 * each utterance whose echo tells us it was heard. It knows at any moment which part of which utterance the caller
 * has heard.
 *
 * <p>Not thread-safe: the call drives it from its own serial executor.
 */
public final class OutboundPlayer {

    /** How the player asks to be woken up to send more. */
    @FunctionalInterface
    public interface Waker {
        void wakeMeIn(long millis);
    }

    /** What the caller heard of the utterances that were playing when we stopped. */
    public record Heard(String text, boolean cutShort) {}

    private final AudioFormat format;
    private final int chunkMs;
    private final CallMedia media;
    private final ChunkRule chunkRule;
    private final CarrierPacing pacing;
    private final LongSupplier clockMs;
    /** Told each chunk as it is sent; the array is reused for the next chunk, so it copies what it keeps. */
    private final Consumer<byte[]> onPlayed;
    private final Deque<Utterance> queue = new ArrayDeque<>();
    private final List<Utterance> sent = new ArrayList<>();
    private int nextId;
    private boolean paused;
    private Heard heardAtPause;
    private Runnable onFirstAudio = () -> { };
    private Consumer<Utterance> onUtteranceHeard = u -> { };
    private Runnable onAllHeard = () -> { };

    public OutboundPlayer(AudioFormat format, int chunkMs, int leadMs, CallMedia media, Waker waker,
                          LongSupplier clockMs, Consumer<byte[]> onPlayed) {
        this.format = format;
        this.chunkMs = chunkMs;
        this.media = media;
        this.chunkRule = media.chunkRule();
        this.pacing = new CarrierPacing(Math.max(leadMs, chunkMs), waker);
        this.clockMs = clockMs;
        this.onPlayed = onPlayed;
    }

    public void onFirstAudio(Runnable callback) {
        this.onFirstAudio = callback;
    }

    public void onUtteranceHeard(Consumer<Utterance> callback) {
        this.onUtteranceHeard = callback;
    }

    public void onAllHeard(Runnable callback) {
        this.onAllHeard = callback;
    }

    /** Starts a new utterance whose audio will follow through {@link #append}. */
    public Utterance begin(String text, boolean filler) {
        Utterance utterance = new Utterance(nextId++, text, filler, format, chunkRule, chunkMs);
        if (filler) {
            // a filler masks the wait for the reply, so it goes ahead of the reply's sentences still being
            // synthesised (never ahead of audio already playing)
            Deque<Utterance> started = new ArrayDeque<>();
            while (!queue.isEmpty() && queue.peekFirst().startMs >= 0) {
                started.addLast(queue.pollFirst());
            }
            queue.addFirst(utterance);
            while (!started.isEmpty()) {
                queue.addFirst(started.pollLast());
            }
        } else {
            queue.addLast(utterance);
        }
        return utterance;
    }

    /** More audio of an utterance, as synthesis produces it. */
    public void append(Utterance utterance, byte[] pcm) {
        utterance.audio.write(pcm, 0, pcm.length);
        utterance.chunker.append(pcm, 0, pcm.length);
        pump();
    }

    /** The utterance's audio is complete: its last chunk can go, then its mark. */
    public void complete(Utterance utterance) {
        utterance.complete = true;
        pump();
    }

    /**
     * Drops utterances of a cancelled reply that have not started playing; one already playing ends with the audio it
     * has, so nothing behind it waits for synthesis that will never come.
     */
    public void discard(java.util.Collection<Utterance> utterances) {
        for (Utterance utterance : utterances) {
            if (utterance.startMs < 0) {
                queue.remove(utterance);
            } else {
                utterance.complete = true;
            }
        }
        pump();
    }

    /** Whether anything is still to be sent or still playing at the carrier. */
    public boolean busy() {
        return !queue.isEmpty() || sent.stream().anyMatch(u -> !u.heard);
    }

    /**
     * Whether the caller is hearing the bot or is about to: audio sent and not yet confirmed by a mark, an utterance
     * that has started, or audio waiting to be sent. Utterances still waiting for their first audio do not count.
     */
    public boolean audible() {
        return sent.stream().anyMatch(u -> !u.heard) || queue.stream().anyMatch(u -> u.startMs >= 0 || u.audio.size() > 0);
    }

    /** Whether audio is in the queue that has not been sent yet. */
    public boolean hasUnsentAudio() {
        return queue.stream().anyMatch(u -> u.audio.size() > 0);
    }

    /** Sends what the pacing allows now; called on audio arrival and on wake-ups. */
    public void pump() {
        pacing.pumpStarted();
        if (paused) {
            return;
        }
        long now = clockMs.getAsLong();
        pacing.startSessionIfPlayedOut(now);
        while (!queue.isEmpty()) {
            Utterance head = queue.peekFirst();
            if (!pacing.mayGo(now, format.millis(head.chunker.chunkBytes()))) {
                return;
            }
            // Reused by the chunker for its next chunk: the carrier and onPlayed copy what they keep (CallMedia).
            byte[] chunk = head.chunker.nextChunkReused();
            if (chunk == null && head.complete) {
                chunk = head.chunker.flush();
            }
            if (chunk != null) {
                sendChunk(head, chunk);
                continue;
            }
            if (!head.complete) {
                return; // waiting for more synthesis
            }
            finishUtterance(queue.removeFirst());
        }
    }

    private void sendChunk(Utterance utterance, byte[] chunk) {
        boolean firstOfSession = pacing.sessionEmpty() && sent.stream().allMatch(u -> u.heard);
        if (utterance.startMs < 0) {
            utterance.startMs = pacing.playedOutAtMs();
        }
        media.sendAudio(chunk);
        onPlayed.accept(chunk);
        pacing.sent(format.millis(chunk.length));
        if (firstOfSession) {
            onFirstAudio.run();
        }
    }

    private void finishUtterance(Utterance utterance) {
        if (utterance.startMs < 0) {
            utterance.heard = true; // no audio at all (synthesis failed): nothing to wait for
            heard(utterance);
            checkAllHeard();
            return;
        }
        utterance.endMs = pacing.playedOutAtMs();
        utterance.markSent = true;
        sent.add(utterance);
        media.mark(markName(utterance));
    }

    /**
     * The carrier echoed a mark: everything up to it has been played. A mark of no utterance still out is ignored: it
     * was for audio a {@code clear} took back (carriers such as Twilio echo pending marks when they clear), and the
     * resumed rest of that audio carries a mark of its own.
     */
    public void onMark(String name) {
        if (sent.stream().noneMatch(utterance -> markName(utterance).equals(name))) {
            return;
        }
        for (Utterance utterance : sent) {
            if (!utterance.heard) {
                utterance.heard = true;
                heard(utterance);
            }
            if (markName(utterance).equals(name)) {
                break;
            }
        }
        sent.removeIf(u -> u.heard);
        checkAllHeard();
    }

    private void heard(Utterance utterance) {
        if (utterance.reply != null) {
            utterance.reply.onSentenceHeard(utterance);
        }
        onUtteranceHeard.accept(utterance);
    }

    private void checkAllHeard() {
        if (queue.isEmpty() && sent.isEmpty()) {
            onAllHeard.run();
        }
    }

    /**
     * Stops the bot's voice now: {@code clear} flushes the carrier's buffer. The unplayed rest is kept, so
     * {@link #resume()} can continue where the caller stopped hearing.
     */
    public void pause() {
        if (paused) {
            return;
        }
        paused = true;
        media.clear();
        heardAtPause = heardNow();
        long now = clockMs.getAsLong();
        List<Utterance> rest = new ArrayList<>();
        for (Utterance utterance : sent) {
            if (!utterance.heard) {
                rest.add(rewound(utterance, now));
            }
        }
        sent.clear();
        for (Utterance utterance : queue) {
            if (utterance.startMs >= 0) {
                rest.add(rewound(utterance, now));
            } else {
                rest.add(utterance);
            }
        }
        queue.clear();
        queue.addAll(rest);
        pacing.reset();
    }

    /** Plays the rest of what {@link #pause()} took back. */
    public void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        pump();
    }

    /**
     * Stops for good (barge-in, call end): clears the carrier's buffer and drops everything not yet played.
     *
     * @return what the caller heard of the reply in progress
     */
    public Heard stop() {
        boolean wasPaused = paused;
        if (!wasPaused && (!sent.isEmpty() || !queue.isEmpty())) {
            media.clear();
        }
        Heard heard = wasPaused ? heardAtPause : heardNow();
        sent.clear();
        queue.clear();
        paused = false;
        heardAtPause = null;
        pacing.reset();
        return heard;
    }

    /** What the caller has heard so far of the utterances sent and not yet confirmed by a mark. */
    private Heard heardNow() {
        return HeardWords.of(sent, queue, clockMs.getAsLong(), format);
    }

    /**
     * The unplayed rest of {@code utterance} as a new utterance: from the 20 ms frame the caller was hearing, or from
     * the start of the word it was in ({@link ResumePoint}), which the caller then hears again.
     */
    private Utterance rewound(Utterance utterance, long nowMs) {
        long heardMs = Math.max(0, nowMs - utterance.startMs);
        int alignment = format.frameBytes(20);
        int heard = (int) Math.min(utterance.audio.size(), format.frameBytes(20) * (heardMs / 20));
        heard -= heard % alignment;
        byte[] all = utterance.audio.toByteArray();
        int from = ResumePoint.before(all, heard, format);
        Utterance rest = new Utterance(nextId++, utterance.text, utterance.filler, format, chunkRule, chunkMs);
        rest.audio.write(all, from, all.length - from);
        rest.chunker.append(all, from, all.length - from);
        rest.complete = utterance.complete;
        rest.reply = utterance.reply;
        rest.heardBeforePauseBytes = utterance.heardBeforePauseBytes + from;
        rest.heardAgainBytes = Math.max(heard - from, utterance.heardAgainBytes - from);
        return rest;
    }

    private static String markName(Utterance utterance) {
        return "u" + utterance.id;
    }
}
