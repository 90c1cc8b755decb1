package dev.vaani.speech.offline;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** The recorded caller answers under src/test/resources/audio/caller, with their reference transcripts. */
final class CallerClips {

    static final int SAMPLE_RATE = 8000;
    static final int CHUNK_BYTES = SAMPLE_RATE / 10 * 2;

    record Clip(String file, String reference, byte[] pcm) {

        double seconds() {
            return pcm.length / 2.0 / SAMPLE_RATE;
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private CallerClips() {
    }

    static List<Clip> all() {
        return from("/audio/caller/");
    }

    /**
     * The held-out clips (audio/heldout): sentences and voices never used to build the language model or tune the
     * recogniser. Their manifest has a voice column between file and text.
     */
    static List<Clip> heldOut() {
        return from("/audio/heldout/");
    }

    private static List<Clip> from(String folder) {
        try (InputStream manifest = resource(folder + "manifest.tsv")) {
            return new String(manifest.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> line.split("\t"))
                    .map(parts -> new Clip(parts[0], parts[parts.length - 1], pcm(folder + parts[0])))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Clip named(String file) {
        return all().stream().filter(c -> c.file().equals(file)).findFirst().orElseThrow();
    }

    private static byte[] pcm(String file) {
        try (var audio = AudioSystem.getAudioInputStream(new BufferedInputStream(resource(file)))) {
            AudioFormat format = audio.getFormat();
            if (format.getSampleRate() != SAMPLE_RATE || format.getSampleSizeInBits() != 16
                    || format.getChannels() != 1 || format.isBigEndian()) {
                throw new IllegalStateException(file + " is not 8 kHz PCM16LE mono: " + format);
            }
            return audio.readAllBytes();
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static InputStream resource(String name) {
        return Objects.requireNonNull(CallerClips.class.getResourceAsStream(name), name);
    }
}
