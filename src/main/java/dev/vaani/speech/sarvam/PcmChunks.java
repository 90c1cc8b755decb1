package dev.vaani.speech.sarvam;

import dev.vaani.audio.WholeSamples;

/**
 * Turns the socket's audio chunks into whole PCM16 samples: drops a WAV header should a chunk carry one (Sarvam wraps
 * audio in WAV for some codecs and REST answers) and carries an odd trailing byte over to the next chunk.
 */
final class PcmChunks {

    private final WholeSamples samples = new WholeSamples();

    byte[] next(byte[] chunk) {
        int start = wavDataOffset(chunk);
        return samples.next(chunk, start, chunk.length - start);
    }

    /** Where the samples start: after the "data" sub-chunk header of a RIFF/WAVE chunk, else 0. */
    static int wavDataOffset(byte[] chunk) {
        if (chunk.length < 12 || chunk[0] != 'R' || chunk[1] != 'I' || chunk[2] != 'F' || chunk[3] != 'F') {
            return 0;
        }
        int at = 12;
        while (at + 8 <= chunk.length) {
            int size = (chunk[at + 4] & 0xff) | (chunk[at + 5] & 0xff) << 8 | (chunk[at + 6] & 0xff) << 16
                    | (chunk[at + 7] & 0xff) << 24;
            if (chunk[at] == 'd' && chunk[at + 1] == 'a' && chunk[at + 2] == 't' && chunk[at + 3] == 'a') {
                return at + 8;
            }
            at += 8 + Math.max(0, size) + (size & 1);
        }
        return chunk.length;
    }
}
