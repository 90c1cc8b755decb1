package dev.vaani.speech.offline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where Debian put PocketSphinx and its US English model, and whether both are usable. A usable installation is
 * found once and kept; a missing one is looked for again on the next {@link #detect()}, so packages installed while
 * the server runs are picked up. A server without them starts and reports why offline recognition is off.
 */
public final class PocketSphinxInstallation {

    public static final String INSTALL_HINT = "install with: apt-get install -y libpocketsphinx3 pocketsphinx-en-us"
            + " (or scripts/install-offline-speech.sh)";

    private static final Path MODEL_ROOT = Path.of("/usr/share/pocketsphinx/model/en-us");

    private static volatile PocketSphinxInstallation detected;

    private final PocketSphinxNative library;
    private final Path acousticModel;
    private final Path dictionary;
    private final String problem;

    private PocketSphinxInstallation(PocketSphinxNative library, Path acousticModel, Path dictionary, String problem) {
        this.library = library;
        this.acousticModel = acousticModel;
        this.dictionary = dictionary;
        this.problem = problem;
    }

    /** The installation on this machine, looked for again while it is missing; never throws. */
    public static PocketSphinxInstallation detect() {
        var result = detected;
        if (result == null || !result.available()) {
            synchronized (PocketSphinxInstallation.class) {
                result = detected;
                if (result == null || !result.available()) {
                    result = probe(MODEL_ROOT);
                    detected = result;
                }
            }
        }
        return result;
    }

    static PocketSphinxInstallation probe(Path modelRoot) {
        var acousticModel = modelRoot.resolve("en-us");
        var dictionary = modelRoot.resolve("cmudict-en-us.dict");
        if (!Files.isRegularFile(acousticModel.resolve("mdef")) || !Files.isRegularFile(dictionary)) {
            return new PocketSphinxInstallation(null, acousticModel, dictionary,
                    "PocketSphinx US English model not found under " + modelRoot + "; " + INSTALL_HINT);
        }
        try {
            return new PocketSphinxInstallation(PocketSphinxNative.load(), acousticModel, dictionary, null);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return new PocketSphinxInstallation(null, acousticModel, dictionary,
                    "PocketSphinx native library not loadable (" + e.getMessage() + "); " + INSTALL_HINT);
        }
    }

    /** Empty when usable, else a message saying what is missing and how to install it. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public boolean available() {
        return problem == null;
    }

    PocketSphinxNative library() {
        if (library == null) {
            throw new IllegalStateException(problem);
        }
        return library;
    }

    Path acousticModel() {
        return acousticModel;
    }

    Path dictionary() {
        return dictionary;
    }
}
