package dev.vaani.speech;

/**
 * Streaming speech recognition. One {@link Stream} per call: audio frames go in as they arrive, transcripts and
 * end-of-speech signals come back through the {@link SpeechListener} as the recogniser produces them.
 */
public interface SpeechToText {

    /** Short provider name for logs and health, e.g. "deepgram" or "offline". */
    String name();

    /** Opens a recognition stream for one call. Never blocks on the network for long: connection happens async. */
    Stream open(SpeechStreamSettings settings, SpeechListener listener);

    /** A live recognition stream for one call. */
    interface Stream extends AutoCloseable {

        /**
         * Sends PCM16LE mono audio at the stream's sample rate. Must not block the caller's thread. The array is the
         * caller's and is reused for later audio once this returns: a stream that keeps or sends the audio later keeps
         * a copy.
         */
        void sendAudio(byte[] pcm, int offset, int length);

        /** Asks the recogniser to finalise what it has heard so far (e.g. Deepgram Finalize). */
        void finalizeUtterance();

        /** Ends the stream and releases every resource; idempotent. */
        @Override
        void close();
    }
}
