package dev.vaani.audio;

/**
 * The sizes a carrier accepts for one chunk of outbound audio: between {@code minBytes} and {@code maxBytes}, a
 * multiple of {@code alignmentBytes}. The carrier states the rule; {@link OutboundChunker} keeps it.
 */
public record ChunkRule(int minBytes, int maxBytes, int alignmentBytes) {

    public ChunkRule {
        if (alignmentBytes <= 0 || minBytes <= 0 || maxBytes < minBytes) {
            throw new IllegalArgumentException("chunk rule needs 0 < min <= max and a positive alignment: " + minBytes
                    + ".." + maxBytes + " / " + alignmentBytes);
        }
    }
}
