package dev.vaani.speech.offline;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Allocated FreeTTS voices, lent to one synthesis at a time because FreeTTS keeps per-utterance state in the voice
 * (and, as measured, in static fields) and corrupts audio when two threads speak at once. Voices are allocated on
 * first need (the lexicon takes a moment) and kept; at most {@code size} exist, further syntheses wait their turn.
 */
final class FreeTtsVoicePool {

    /** CMU's diphone voice "kevin16", bundled in the FreeTTS jar; its native rate is 16 kHz. */
    static final String VOICE = "kevin16";

    private final BlockingQueue<Voice> idle = new LinkedBlockingQueue<>();
    private final Semaphore permits;

    FreeTtsVoicePool(int size) {
        this.permits = new Semaphore(size, true);
    }

    Voice borrow() throws InterruptedException {
        permits.acquire();
        Voice voice = idle.poll();
        if (voice != null) {
            return voice;
        }
        try {
            return allocate();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    void release(Voice voice) {
        idle.add(voice);
        permits.release();
    }

    private static Voice allocate() {
        // Asked of the voice directory directly: the jar's voice list is empty, and VoiceManager would need a
        // JVM-wide system property to find it.
        Voice voice = Arrays.stream(new KevinVoiceDirectory().getVoices())
                .filter(v -> v.getName().equals(VOICE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("FreeTTS voice " + VOICE + " not found"));
        voice.allocate();
        return voice;
    }
}
