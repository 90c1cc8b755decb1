package dev.vaani.audio;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The data behind the room-voice probe (docs/turn-taking.md steps 32, 33, 37): Silero's memory after each 32 ms window,
 * over rooms of voices alone and over callers interrupting in them 2 s after an answer, as in a call — over the
 * evaluation's sentences and rooms, for {@code scripts/turn-taking-state-probe.py} and for comparison, or over the
 * probe's own training set, for {@code scripts/train-room-voice-probe.py} to learn from. Not a test and not part of
 * the product: run through {@code ./mvnw -q -Pturn-taking verify -Dturn-taking.args="--state-dump=FILE"} (with {@code
 * --training-set=DIR} for the training set).
 *
 * <p>Each row is 261 big-endian floats: what the window is ({@code 0} the room alone — its first minute, and each
 * answer-to-interruption gap from 0.8 s after the answer, once the model's memory of it has faded — else 1 + the
 * interrupting sentence's index in {@code speech/} sorted by name), the room and SNR (an index into the rooms —
 * {@link #ROOMS}, or the training set's in name order — × {@link #SNRS}), the window's place (from the
 * interruption's first spoken sample, negative before it, or from the room's start), its RMS against the line's bed
 * (the level the line sits at for 70 % of the last 4 s, as the detector computes it), the speech probability, and
 * the 256 state values the model carries to the next window.
 */
public final class ModelStateDump {

    /** The rooms, in row order: the evaluation's babble, the check rooms, and three unlooped rooms. */
    static final List<String> ROOMS = List.of("noise/babble.wav", "check/crowd4.wav", "check/crowd7.wav",
            "unlooped/room4.wav", "unlooped/room5.wav", "unlooped/room7.wav", "check/conversation.wav");
    static final int[] SNRS = {5, 10, 20};
    private static final int RATE = ModelWalk.RATE;
    private static final int WINDOW = ModelWalk.WINDOW;
    private static final int CALLER_WINDOWS = 12;          // the caller's first 384 ms
    private static final int SPEECH_AT = 8 * RATE;         // the caller starts 8 s into the room
    private static final double SPEECH_RMS = 32768 * Math.pow(10, -19.9 / 20); // the evaluation's speech level

    private final SileroVad model;
    private final DataOutputStream out;
    private final float[] state = new float[SileroVad.stateSize()];
    private long rows;

    private ModelStateDump(SileroVad model, DataOutputStream out) {
        this.model = model;
        this.out = out;
    }

    /** Writes the rows to {@code file}; the clips come from {@code clips}, the unlooped rooms from {@code rooms}. */
    public static void write(Path file, Path clips, Path rooms) throws Exception {
        List<Path> roomFiles = ROOMS.stream().map(room -> room.startsWith("unlooped/")
                ? rooms.resolve(room.substring("unlooped/".length())) : clips.resolve(room)).toList();
        for (Path path : roomFiles) {
            if (!Files.exists(path)) {
                throw new IllegalStateException(path + " is missing: make it with python3 "
                        + "scripts/make-unlooped-rooms.py " + rooms);
            }
        }
        write(file, wavFiles(clips.resolve("speech")), roomFiles, 6, 0);
    }

    /**
     * Writes the rows of a training set apart from the evaluation (step 37, {@code scripts/make-probe-training.py}):
     * its callers from {@code set/speech}, its rooms from {@code set/rooms} in name order (the row's room index), two
     * places in each room a caller.
     */
    public static void writeTraining(Path file, Path set) throws Exception {
        if (!Files.isDirectory(set.resolve("rooms"))) {
            throw new IllegalStateException(set + " holds no training set: make it with python3 "
                    + "scripts/make-probe-training.py " + set);
        }
        write(file, wavFiles(set.resolve("speech")), wavFiles(set.resolve("rooms")), 2, RATE * 13 / 10);
    }

    private static void write(Path file, List<Path> sentences, List<Path> rooms, int phases, int shiftPerSentence)
            throws Exception {
        try (SileroVad model = SileroVad.loadBundled();
             var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            ModelStateDump dump = new ModelStateDump(model, out);
            int group = 0;
            for (Path room : rooms) {
                for (int snr : SNRS) {
                    dump.room(samples(room), snr, group++, sentences, phases, shiftPerSentence);
                }
            }
            System.err.println("state dump: " + dump.rows + " windows in " + file);
        }
    }

    private static List<Path> wavFiles(Path folder) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(path -> path.toString().endsWith(".wav")).sorted().toList();
        }
    }

    private void room(float[] voices, int snr, int group, List<Path> sentences, int phases, int shiftPerSentence)
            throws Exception {
        float[] room = scaled(voices, SPEECH_RMS * Math.pow(10, -snr / 20.0));
        int length = Math.max(room.length, 60 * RATE); // a short room loops for a minute
        record(looped(room, 0, length), 2000 / 32, length / WINDOW, 0, group, 0);
        for (int s = 0; s < sentences.size(); s++) {
            float[] caller = samples(sentences.get(s));
            int onset = firstSpokenSample(caller);
            for (int phase = 0; phase < phases; phase++) {
                // places evenly over the room (a sixth of a loop or 30 s apart for the evaluation's dump); a training
                // set's callers each meet other moments of the room too
                int from = (int) ((phase * (long) room.length / phases + (long) s * shiftPerSentence) % room.length);
                float[] line = looped(room, from, SPEECH_AT + RATE);
                // an answer before it, as in a call: it ends 2 s before the interruption starts
                float[] answer = samples(answerBefore(sentences, s));
                int answerOnset = firstSpokenSample(answer);
                int answerEnd = lastSpokenSample(answer);
                int answerAt = Math.max(RATE, SPEECH_AT - 2 * RATE - (answerEnd - answerOnset));
                for (int i = answerOnset; i < answerEnd && answerAt + i - answerOnset < SPEECH_AT - RATE; i++) {
                    line[answerAt + i - answerOnset] += answer[i];
                }
                for (int i = onset; i < caller.length && SPEECH_AT + i - onset < line.length; i++) {
                    line[SPEECH_AT + i - onset] += caller[i];
                }
                int first = SPEECH_AT / WINDOW;
                int gapFrom = (answerAt + answerEnd - answerOnset + RATE * 8 / 10) / WINDOW; // the answer's memory gone
                record(line, gapFrom, first + CALLER_WINDOWS, s + 1, group, first);
            }
        }
    }

    /**
     * Runs the model over the line from its start and writes windows {@code [from, to)}: those before {@code placeFrom}
     * as the room's, the rest as {@code what}.
     */
    private void record(float[] line, int from, int to, int what, int group, int placeFrom) throws Exception {
        ModelWalk.over(model, line, to, (w, level, probability, stream) -> {
            if (w >= from) {
                stream.copyState(state);
                out.writeFloat(w < placeFrom ? 0 : what);
                out.writeFloat(group);
                out.writeFloat(w - placeFrom);
                out.writeFloat((float) level);
                out.writeFloat(probability);
                for (float value : state) {
                    out.writeFloat(value);
                }
                rows++;
            }
        });
    }

    /** An 8 kHz 16-bit mono WAV file's samples, as every clip and room here is. */
    private static float[] samples(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            javax.sound.sampled.AudioFormat format = in.getFormat();
            if (format.getSampleRate() != RATE || format.getChannels() != 1 || format.getSampleSizeInBits() != 16
                    || format.isBigEndian()) {
                throw new IllegalArgumentException(wav + " is " + format + ", not 8 kHz 16-bit mono");
            }
            byte[] pcm = in.readAllBytes();
            float[] samples = new float[pcm.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
            }
            return samples;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(wav + " is not a WAV file", e);
        }
    }

    static float[] scaled(float[] samples, double rms) {
        double energy = 0;
        for (float sample : samples) {
            energy += sample * sample;
        }
        double gain = rms / Math.sqrt(energy / samples.length);
        float[] out = new float[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (samples[i] * gain);
        }
        return out;
    }

    static float[] looped(float[] samples, int from, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = samples[(from + i) % samples.length];
        }
        return out;
    }

    /** The next sentence of the same half (tune-, heldout-, …), the first after the last: a half's audio stays in it. */
    private static Path answerBefore(List<Path> sentences, int s) {
        String half = half(sentences.get(s));
        List<Path> same = sentences.stream().filter(sentence -> half(sentence).equals(half)).toList();
        return same.get((same.indexOf(sentences.get(s)) + 1) % same.size());
    }

    private static String half(Path sentence) {
        String name = sentence.getFileName().toString();
        return name.substring(0, name.indexOf('-'));
    }

    private static int lastSpokenSample(float[] samples) {
        for (int at = samples.length - 80; at >= 0; at -= 80) {
            double energy = 0;
            for (int i = 0; i < 80; i++) {
                energy += samples[at + i] * samples[at + i];
            }
            if (Math.sqrt(energy / 80) > 300) {
                return at + 80;
            }
        }
        return samples.length;
    }

    /** The first sample of a 10 ms stretch above 1 % of full scale: where the caller starts speaking. */
    static int firstSpokenSample(float[] samples) {
        for (int at = 0; at + 80 <= samples.length; at += 80) {
            double energy = 0;
            for (int i = 0; i < 80; i++) {
                energy += samples[at + i] * samples[at + i];
            }
            if (Math.sqrt(energy / 80) > 300) {
                return at;
            }
        }
        return 0;
    }
}
