package dev.vaani.testing;

/**
 * Names of what tests running at the same time (junit-platform.properties) share inside this JVM, for
 * {@code @ResourceLock}. A class that runs concurrently names each one it must not share while it runs.
 */
public final class SharedResources {

    /**
     * The JVM's one FreeTTS voice (OfflineTextToSpeech lends it in turn): a call speaking with it makes another
     * call's offline synthesis wait, which would eat into that call's reply-latency bound.
     */
    public static final String OFFLINE_VOICE = "dev.vaani.offline-voice";

    /** The CloudCall tests' fakes of Deepgram, OpenAI and ElevenLabs, static and scripted per test. */
    public static final String CLOUD_CALL_FAKES = "dev.vaani.cloud-call-fakes";

    private SharedResources() {
    }
}
