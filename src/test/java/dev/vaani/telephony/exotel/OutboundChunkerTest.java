package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.OutboundChunker;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The outbound chunker keeping Exotel's chunk rule at every rate Exotel streams. */
class OutboundChunkerTest {

    private static OutboundChunker exotel(AudioFormat format) {
        return exotel(format, 200);
    }

    private static OutboundChunker exotel(AudioFormat format, int targetMs) {
        return new OutboundChunker(format, ExotelCallMedia.CHUNK_RULE, targetMs);
    }

    private static List<byte[]> chunkAll(OutboundChunker chunker, byte[] audio, int pieceBytes) {
        List<byte[]> chunks = new ArrayList<>();
        for (int off = 0; off < audio.length; off += pieceBytes) {
            chunker.append(audio, off, Math.min(pieceBytes, audio.length - off));
            for (byte[] c = chunker.nextChunk(); c != null; c = chunker.nextChunk()) {
                chunks.add(c);
            }
        }
        for (byte[] c = chunker.flush(); c != null; c = chunker.flush()) {
            chunks.add(c);
        }
        return chunks;
    }

    private static byte[] ramp(int length) {
        byte[] audio = new byte[length];
        for (int i = 0; i < length; i++) {
            audio[i] = (byte) (i * 7 + 1);
        }
        return audio;
    }

    @ParameterizedTest
    @CsvSource({"8000,3200,320,3200", "16000,6400,640,3200", "24000,9600,960,3840"})
    void defaultChunksAre200MillisecondsInLegalSizes(int rate, int chunk, int alignment, int min) {
        OutboundChunker chunker = exotel(new AudioFormat(rate));
        assertThat(chunker.chunkBytes()).isEqualTo(chunk);
        assertThat(chunker.alignmentBytes()).isEqualTo(alignment);
        assertThat(chunker.minChunkBytes()).isEqualTo(min);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 24000})
    void everyChunkObeysExotelsByteRulesAndWholeFrames(int rate) {
        AudioFormat format = new AudioFormat(rate);
        OutboundChunker chunker = exotel(format);
        List<byte[]> chunks = chunkAll(chunker, ramp(format.bytesPerSecond() * 3 + 123), 1111);
        assertThat(chunks).isNotEmpty().allSatisfy(c -> {
            assertThat(c.length).isBetween(3200, 100_000);
            assertThat(c.length % 320).isZero();
            assertThat(c.length % format.frameBytes(20)).isZero();
        });
    }

    @Test
    void chunksCarryTheAudioInOrderThenSilencePadding() {
        byte[] audio = ramp(10_000);
        List<byte[]> chunks = chunkAll(exotel(AudioFormat.PHONE_8K), audio, 777);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        chunks.forEach(joined::writeBytes);
        byte[] all = joined.toByteArray();
        assertThat(Arrays.copyOf(all, audio.length)).isEqualTo(audio);
        assertThat(Arrays.copyOfRange(all, audio.length, all.length)).containsOnly(0);
        assertThat(all.length).isEqualTo(12_800);
    }

    @Test
    void nothingIsReadyUntilAFullChunkIsBuffered() {
        OutboundChunker chunker = exotel(AudioFormat.PHONE_8K);
        chunker.append(new byte[3199], 0, 3199);
        assertThat(chunker.nextChunk()).isNull();
        chunker.append(new byte[1], 0, 1);
        assertThat(chunker.nextChunk()).hasSize(3200);
    }

    @Test
    void aShortTailIsPaddedUpToTheMinimum() {
        OutboundChunker chunker = exotel(AudioFormat.PHONE_8K);
        chunker.append(new byte[100], 0, 100);
        assertThat(chunker.flush()).hasSize(3200);
        assertThat(chunker.flush()).isNull();
    }

    @Test
    void aTailAboveTheMinimumIsPaddedToTheNextAlignment() {
        OutboundChunker chunker = exotel(AudioFormat.PHONE_8K, 1000);
        chunker.append(new byte[5000], 0, 5000);
        assertThat(chunker.nextChunk()).isNull();
        assertThat(chunker.flush()).hasSize(5120);
    }

    @Test
    void flushOnAnEmptyBufferReturnsNull() {
        assertThat(exotel(AudioFormat.PHONE_8K).flush()).isNull();
    }

    @Test
    void targetSizeIsConfigurableAndClampedToExotelsLimits() {
        assertThat(exotel(AudioFormat.PHONE_8K, 500).chunkBytes()).isEqualTo(8000);
        assertThat(exotel(AudioFormat.PHONE_8K, 50).chunkBytes()).isEqualTo(3200);
        assertThat(exotel(AudioFormat.HD_24K, 10_000).chunkBytes()).isEqualTo(99_840);
    }

    @Test
    void clearDropsBufferedAudio() {
        OutboundChunker chunker = exotel(AudioFormat.PHONE_8K);
        chunker.append(new byte[5000], 0, 5000);
        chunker.clear();
        assertThat(chunker.bufferedBytes()).isZero();
        assertThat(chunker.flush()).isNull();
    }

    @Test
    void reusedChunksCarryTheSameAudioAsNewOnesInOneArray() {
        byte[] audio = new byte[3 * 3200 + 1000];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i * 31 + i / 7);
        }
        OutboundChunker fresh = exotel(AudioFormat.PHONE_8K);
        OutboundChunker reusing = exotel(AudioFormat.PHONE_8K);
        fresh.append(audio, 0, audio.length);
        reusing.append(audio, 0, audio.length);

        byte[] first = reusing.nextChunkReused();
        byte[] firstCopy = first.clone();
        assertThat(firstCopy).isEqualTo(fresh.nextChunk());
        byte[] second = reusing.nextChunkReused();
        assertThat(second).isSameAs(first).isEqualTo(fresh.nextChunk()).isNotEqualTo(firstCopy);
        assertThat(reusing.nextChunkReused()).isEqualTo(fresh.nextChunk());
        assertThat(reusing.nextChunkReused()).isNull();
        assertThat(reusing.bufferedBytes()).isEqualTo(fresh.bufferedBytes()).isEqualTo(1000);
        assertThat(reusing.flush()).isEqualTo(fresh.flush()).hasSize(3200);
    }

    @Test
    void ratesWithNoLegalChunkSizeAreRefused() {
        assertThatThrownBy(() -> exotel(new AudioFormat(22050)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("22050");
    }
}
