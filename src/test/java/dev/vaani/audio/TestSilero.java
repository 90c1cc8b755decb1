package dev.vaani.audio;

/** One Silero model for the whole test run, loaded on first use, as a server shares one per process. */
public final class TestSilero {

    private static SileroVad model;

    private TestSilero() {
    }

    public static synchronized SileroVad model() {
        if (model == null) {
            try {
                model = SileroVad.loadBundled();
            } catch (Exception e) {
                throw new IllegalStateException("the bundled Silero model did not load", e);
            }
        }
        return model;
    }
}
