package dev.vaani.telephony.exotel;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/** One frame Exotel sends on the media-stream WebSocket. Numbers Exotel left out are {@link #ABSENT}. */
public sealed interface ExotelInboundEvent {

    /** Value of a numeric field the frame did not carry. */
    long ABSENT = -1;

    /** Optional first frame of a socket. */
    record Connected() implements ExotelInboundEvent {
    }

    /** Stream metadata; exactly one per socket, before any media. String fields are null when absent. */
    record Start(String streamSid, String callSid, String accountSid, String from, String to,
                 Map<String, String> customParameters, MediaFormat mediaFormat, long sequenceNumber)
            implements ExotelInboundEvent {
        public Start {
            customParameters = customParameters == null ? Map.of() : customParameters;
        }
    }

    /**
     * Caller audio.
     *
     * @param payload the decoded bytes: PCM16LE mono, or μ-law if the start event said so
     */
    record Media(String streamSid, long sequenceNumber, long chunk, long timestampMs, byte[] payload)
            implements ExotelInboundEvent {

        @Override
        public boolean equals(Object o) {
            return o instanceof Media m && sequenceNumber == m.sequenceNumber && chunk == m.chunk
                    && timestampMs == m.timestampMs && Objects.equals(streamSid, m.streamSid)
                    && Arrays.equals(payload, m.payload);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hash(streamSid, sequenceNumber, chunk, timestampMs)
                    + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Media[streamSid=" + streamSid + ", sequenceNumber=" + sequenceNumber + ", chunk=" + chunk
                    + ", timestampMs=" + timestampMs + ", payload=" + payload.length + " bytes]";
        }
    }

    /** A key the caller pressed: "0"-"9", "*" or "#"; duration {@link #ABSENT} when not given. */
    record Dtmf(String digit, long durationMs) implements ExotelInboundEvent {
    }

    /** Exotel finished playing the audio we queued before the mark of this name. */
    record Mark(String name) implements ExotelInboundEvent {
    }

    /** The stream ended; reason is free-form ("callended", "stopped", ...). Fields are null when absent. */
    record Stop(String callSid, String accountSid, String reason) implements ExotelInboundEvent {
    }
}
