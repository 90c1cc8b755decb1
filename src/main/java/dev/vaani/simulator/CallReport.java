package dev.vaani.simulator;

import dev.vaani.audio.Pcm16;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What happened on a simulated call. Times are milliseconds since the simulator sent {@code connected}, on the
 * simulator's playback clock (the same clock the recording is aligned to).
 *
 * @param chunkViolations bot media chunks that break Exotel's rules (multiple of 320 bytes, 3200..100000 bytes)
 * @param underruns       times playback ran dry in the middle of a bot utterance and then resumed
 * @param serverClosed    the server closed the socket before the caller hung up
 * @param failures        expectations that did not hold (and a timeout, if one happened); empty means pass
 */
public record CallReport(
        String scenario,
        int sampleRate,
        List<CallerTurn> turns,
        List<BotUtterance> utterances,
        int botMediaMessages,
        int marksReceived,
        int marksEchoed,
        int clearsReceived,
        int chunkViolations,
        List<String> chunkViolationExamples,
        int underruns,
        long underrunMs,
        int malformedMessages,
        List<String> malformedExamples,
        long durationMs,
        boolean serverClosed,
        OptionalInt closeCode,
        String closeReason,
        boolean timedOut,
        List<String> notes,
        List<String> failures) {

    public CallReport {
        turns = List.copyOf(turns);
        utterances = List.copyOf(utterances);
        chunkViolationExamples = List.copyOf(chunkViolationExamples);
        malformedExamples = List.copyOf(malformedExamples);
        notes = List.copyOf(notes);
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** The socket broke without a close frame (1006): the server died or the network failed; nobody hung up. */
    public boolean connectionLost() {
        return serverClosed && closeCode.orElse(-1) == ABNORMAL_CLOSURE;
    }

    /** RFC 6455's code for a connection that ended without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;

    /**
     * One stretch of caller speech.
     *
     * @param onsetSentMs        when the media message carrying the first spoken sample was sent
     * @param endSentMs          when the media message carrying the last spoken sample was sent
     * @param latencyReceivedMs  end of speech to the first bot media message received afterwards
     * @param latencyPlayedMs    end of speech to that bot audio starting to play (voice-to-voice latency)
     * @param bargeInReactionMs  for a barge-in: speech onset to the server's {@code clear}
     * @param speechOnsetMs      when the first spoken sample was spoken (on the caller's real-time audio clock)
     * @param speechEndMs        when the last spoken sample was spoken, or -1; the exact start of the caller's wait
     * @param voiceToVoiceMs     last spoken sample to the first sample of the reply playing (sample-exact), or NaN
     * @param clearAfterOnsetMs  for a barge-in: first spoken sample to the server's {@code clear}, or NaN
     */
    public record CallerTurn(
            int index,
            String clip,
            boolean bargeIn,
            long onsetSentMs,
            long endSentMs,
            OptionalLong latencyReceivedMs,
            OptionalLong latencyPlayedMs,
            OptionalLong bargeInReactionMs,
            long speechOnsetMs,
            long speechEndMs,
            double voiceToVoiceMs,
            double clearAfterOnsetMs) {
    }

    /**
     * A stretch of bot audio as the caller heard it: from the first played sample until playback went idle after a
     * mark, a clear, or a long gap.
     *
     * @param audio PCM16LE mono at the call rate, exactly what was played (cleared audio is not in it)
     */
    public record BotUtterance(int index, long startMs, long durationMs, boolean interrupted, byte[] audio) {

        /** RMS level 0..32768; speech is typically well above 300. */
        public double rms() {
            return Pcm16.rms(audio);
        }

        public boolean silent() {
            return rms() < 30;
        }
    }
}
