package dev.vaani.speech.offline;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One native PocketSphinx decoder. Not thread-safe by design: a single worker thread owns it from creation to
 * {@link #close()}, which is how Vaani rules out use-after-free without locking around every native call.
 */
final class PocketSphinxDecoder implements AutoCloseable {

    /** The acoustic model is wideband; narrowband calls are widened to this rate before decoding. */
    static final int SAMPLE_RATE = 16000;
    /** Decoders are made and freed one at a time: PocketSphinx 5prealpha keeps process-wide state in its setup. */
    private static final Object SETUP = new Object();

    private final PocketSphinxNative library;
    private Pointer decoder;
    private boolean inUtterance;

    PocketSphinxDecoder(PocketSphinxNative library, Path acousticModel, Path languageModel, Path dictionary,
                        List<String> tuning) {
        this.library = library;
        var args = new ArrayList<>(List.of(
                "-hmm", acousticModel.toString(),
                "-lm", languageModel.toString(),
                "-dict", dictionary.toString(),
                "-samprate", String.valueOf(SAMPLE_RATE)));
        args.addAll(tuning);
        synchronized (SETUP) {
            Pointer config = library.cmd_ln_parse_r(null, library.ps_args(), args.size(), args.toArray(String[]::new), 1);
            if (config == null) {
                throw new IllegalArgumentException("PocketSphinx rejected the configuration " + args);
            }
            try {
                decoder = library.ps_init(config);
            } finally {
                // ps_init retains the configuration itself; this releases only our reference.
                library.cmd_ln_free_r(config);
            }
        }
        if (decoder == null) {
            throw new IllegalStateException("PocketSphinx could not initialise a decoder with " + args);
        }
    }

    void startUtterance() {
        check(library.ps_start_utt(live()), "ps_start_utt");
        inUtterance = true;
    }

    void process(short[] samples) {
        check(library.ps_process_raw(live(), samples, new NativeLong(samples.length), 0, 0), "ps_process_raw");
    }

    /** The decoder's own voice activity detector: true while the last audio fed contained speech. */
    boolean inSpeech() {
        return library.ps_get_in_speech(live()) != 0;
    }

    /** Best hypothesis so far (partial during an utterance, final after it ended); empty when nothing was heard. */
    String hypothesis() {
        String hyp = library.ps_get_hyp(live(), null);
        return hyp == null ? "" : hyp.trim();
    }

    void endUtterance() {
        if (inUtterance) {
            inUtterance = false;
            check(library.ps_end_utt(live()), "ps_end_utt");
        }
    }

    /** Frees the native decoder; later calls are no-ops, and any other use fails instead of touching freed memory. */
    @Override
    public void close() {
        if (decoder != null) {
            Pointer freed = decoder;
            decoder = null;
            synchronized (SETUP) {
                library.ps_free(freed);
            }
        }
    }

    private Pointer live() {
        if (decoder == null) {
            throw new IllegalStateException("decoder already closed");
        }
        return decoder;
    }

    private static void check(int result, String call) {
        if (result < 0) {
            throw new IllegalStateException(call + " failed with " + result);
        }
    }
}
