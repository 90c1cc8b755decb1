package dev.vaani.speech.offline;

import dev.vaani.audio.Resampler;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A voice of the espeak-ng program (Debian package {@code espeak-ng}), run as a subprocess per sentence: the text goes
 * in on stdin (never on the command line, so no text is read as an option), a streamed WAV (16-bit mono at the
 * voice's rate, 22.05 kHz) comes out on stdout and is resampled to the call's rate chunk by chunk. FreeTTS has no
 * Hindi voice; espeak-ng's Hindi voice reads Devanagari, robotic but clear on a phone line.
 */
public final class EspeakVoice {

    private static final int WAV_HEADER_BYTES = 44;
    private static final int CHUNK_BYTES = 4096;

    private final String executable;
    private final String voice;

    private EspeakVoice(String executable, String voice) {
        this.executable = executable;
        this.voice = voice;
    }

    /** espeak-ng's voice {@code voice} ("hi"), if the program is installed and speaks it. */
    public static Optional<EspeakVoice> locate(String voice) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "espeak-ng");
            if (candidate.canExecute()) {
                EspeakVoice found = new EspeakVoice(candidate.getAbsolutePath(), voice);
                return found.speaks() ? Optional.of(found) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    public String voice() {
        return voice;
    }

    /**
     * Speaks {@code text} as PCM16LE mono at {@code sampleRate}, handing chunks to {@code chunk} as espeak-ng makes
     * them; stops (and kills the process) as soon as {@code chunk} returns false.
     */
    public void speak(String text, int sampleRate, Predicate<byte[]> chunk) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(executable, "-v", voice, "-b", "1", "--stdin", "--stdout")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(text.replace('\n', ' ').getBytes(StandardCharsets.UTF_8));
                in.write('\n');
            }
            try (InputStream out = process.getInputStream()) {
                byte[] header = out.readNBytes(WAV_HEADER_BYTES);
                if (header.length < WAV_HEADER_BYTES || header[0] != 'R' || header[8] != 'W') {
                    throw new IOException("espeak-ng wrote no WAV audio");
                }
                int rate = (header[24] & 0xff) | (header[25] & 0xff) << 8 | (header[26] & 0xff) << 16;
                Resampler resampler = new Resampler(rate, sampleRate);
                byte[] buffer = new byte[CHUNK_BYTES];
                int read;
                while ((read = out.read(buffer)) > 0) {
                    byte[] pcm = resampler.process(buffer, 0, read);
                    if (pcm.length > 0 && !chunk.test(pcm)) {
                        return;
                    }
                }
                byte[] rest = resampler.flush();
                if (rest.length > 0) {
                    chunk.test(rest);
                }
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                throw new IOException("espeak-ng did not exit");
            }
        } finally {
            process.destroyForcibly();
        }
    }

    private boolean speaks() {
        try {
            Process process = new ProcessBuilder(executable, "--voices=" + voice).redirectErrorStream(true).start();
            String listing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(5, TimeUnit.SECONDS);
            return listing.lines().skip(1).anyMatch(line -> line.trim().split("\\s+").length > 1
                    && line.trim().split("\\s+")[1].equals(voice));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
