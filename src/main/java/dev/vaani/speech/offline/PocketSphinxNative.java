package dev.vaani.speech.offline;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The slice of Debian's PocketSphinx 0.8+5prealpha C API that Vaani uses, bound through JNA so no JNI code has to be
 * built. The configuration calls (cmd_ln_*) live in libsphinxbase, which libpocketsphinx links, so one handle finds
 * them all.
 */
interface PocketSphinxNative extends Library {

    /** Debian ships only the versioned name unless the -dev package is installed. */
    String[] LIBRARY_NAMES = {"pocketsphinx", "libpocketsphinx.so.3"};

    Pointer ps_args();

    Pointer cmd_ln_parse_r(Pointer inoutCmdln, Pointer definitions, int argc, String[] argv, int strict);

    int cmd_ln_free_r(Pointer cmdln);

    Pointer ps_init(Pointer config);

    int ps_free(Pointer decoder);

    int ps_start_utt(Pointer decoder);

    int ps_process_raw(Pointer decoder, short[] data, NativeLong samples, int noSearch, int fullUtterance);

    byte ps_get_in_speech(Pointer decoder);

    /** The returned string belongs to the decoder; JNA copies it, so it must never be freed here. */
    String ps_get_hyp(Pointer decoder, IntByReference bestScore);

    int ps_end_utt(Pointer decoder);

    /**
     * Where sphinxbase logs, for the whole process; {@code null} turns its logging off. Its log file is one global
     * that every {@code ps_init} given {@code -logfn} closes and reopens while other decoders may be writing to it,
     * which corrupted the heap when calls started together: so it is set once, here, never per decoder.
     */
    void err_set_logfp(Pointer stream);

    /** Loads the library once per JVM, or throws {@link UnsatisfiedLinkError} naming every name tried. */
    static PocketSphinxNative load() {
        UnsatisfiedLinkError failure = null;
        for (String name : LIBRARY_NAMES) {
            try {
                PocketSphinxNative library = Native.load(name, PocketSphinxNative.class);
                library.err_set_logfp(null); // Vaani reports what matters through its own events
                return library;
            } catch (UnsatisfiedLinkError e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure;
    }
}
