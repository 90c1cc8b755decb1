package dev.vaani.speech.offline;

import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechListener;
import dev.vaani.speech.SpeechStreamSettings;
import dev.vaani.speech.SpeechToText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Offline streaming recognition with CMU PocketSphinx (Debian's libpocketsphinx3 and pocketsphinx-en-us). Each call
 * gets its own decoder with a language model built from the call's expected phrases plus a built-in real-estate
 * vocabulary, so recognition is constrained to what the agent expects to hear.
 */
public final class PocketSphinxSpeechToText implements SpeechToText {

    /**
     * Decoder settings measured on the caller clips. The language weight is raised above the default 6.5 because the
     * tiny model is far more trustworthy than the acoustics of narrowband audio.
     */
    static final List<String> TUNING = List.of("-lw", "8");

    private final PocketSphinxInstallation installation;
    private final List<String> tuning;
    private volatile PronunciationDictionary dictionary;
    private volatile Path telephoneModel;

    public PocketSphinxSpeechToText() {
        this(PocketSphinxInstallation.detect(), TUNING);
    }

    PocketSphinxSpeechToText(PocketSphinxInstallation installation, List<String> tuning) {
        this.installation = installation;
        this.tuning = List.copyOf(tuning);
    }

    /** Empty when offline recognition works on this machine, else what is missing and how to install it. */
    public static Optional<String> availability() {
        return PocketSphinxInstallation.detect().problem();
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public Stream open(SpeechStreamSettings settings, SpeechListener listener) {
        var problem = installation.problem();
        if (problem.isPresent()) {
            listener.onEvent(new SpeechEvent.Failure(SpeechFailure.Kind.UNAVAILABLE, problem.get(), false));
            return new ClosedStream();
        }
        return new PocketSphinxStream(settings.sampleRate(), listener, settings.callSid(),
                () -> createDecoder(settings.sampleRate(), settings.expectedPhrases()));
    }

    /** Runs on the call's worker thread: building the model takes tens of milliseconds. */
    PocketSphinxDecoder createDecoder(int sampleRate, List<String> expectedPhrases) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("vaani-offline-stt-");
            var model = PhraseLanguageModel.build(trainingSentences(expectedPhrases), dictionary());
            Path lm = directory.resolve("call.lm");
            Path dict = directory.resolve("call.dict");
            model.writeArpa(lm);
            dictionary().writeSubset(model.vocabulary(), dict);
            // The decoder reads both files while initialising and keeps nothing open afterwards.
            Path acousticModel = sampleRate * 2 == PocketSphinxDecoder.SAMPLE_RATE ? telephoneModel()
                    : installation.acousticModel();
            return new PocketSphinxDecoder(installation.library(), acousticModel, lm, dict, tuning);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the call's language model", e);
        } finally {
            deleteQuietly(directory);
        }
    }

    static List<List<String>> trainingSentences(List<String> expectedPhrases) {
        var sentences = new ArrayList<List<String>>();
        RealEstateVocabulary.sentences().forEach(s -> sentences.add(SpokenForm.words(s)));
        // Counted twice: what this conversation expects outweighs the generic vocabulary.
        for (String phrase : expectedPhrases) {
            sentences.add(SpokenForm.words(phrase));
            sentences.add(SpokenForm.words(phrase));
        }
        return sentences;
    }

    private PronunciationDictionary dictionary() {
        var result = dictionary;
        if (result == null) {
            synchronized (this) {
                result = dictionary;
                if (result == null) {
                    result = PronunciationDictionary.load(installation.dictionary());
                    dictionary = result;
                }
            }
        }
        return result;
    }

    private Path telephoneModel() {
        var result = telephoneModel;
        if (result == null) {
            synchronized (this) {
                result = telephoneModel;
                if (result == null) {
                    result = TelephoneAcousticModel.create(installation.acousticModel(),
                            Path.of(System.getProperty("java.io.tmpdir")));
                    telephoneModel = result;
                }
            }
        }
        return result;
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // A leftover temp file is harmless; failing the call over it would not be.
        }
    }

    /** Returned when the engine is unavailable: the failure was already reported, audio is dropped. */
    private static final class ClosedStream implements Stream {
        @Override
        public void sendAudio(byte[] pcm, int offset, int length) {
        }

        @Override
        public void finalizeUtterance() {
        }

        @Override
        public void close() {
        }
    }
}
