package dev.vaani.audio;

/**
 * A call's voice activity frame by frame: every frame it takes comes back to its {@link Listener}, in order, with
 * its verdict; at once, or a little later on the call's own thread when the verdict waits for a model shared with
 * other calls. One per call; used from the call's thread only.
 */
public interface VoiceActivityStream {

    /** Receives each frame with its verdict; the bytes are only valid during the call, copy them to keep them. */
    @FunctionalInterface
    interface Listener {
        void onFrame(VadDecision verdict, byte[] frame, int offset, int length);
    }

    void accept(byte[] frame, int offset, int length);

    /** Frees what the detector holds; frames still waiting for a verdict are dropped. */
    void close();

    /** A detector that decides each frame as it comes, so every verdict is immediate. */
    static VoiceActivityStream immediate(VoiceActivityDetector detector, Listener listener) {
        return new VoiceActivityStream() {
            @Override
            public void accept(byte[] frame, int offset, int length) {
                listener.onFrame(detector.process(frame, offset, length), frame, offset, length);
            }

            @Override
            public void close() {
                detector.close();
            }
        };
    }
}
