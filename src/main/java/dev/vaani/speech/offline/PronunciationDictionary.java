package dev.vaani.speech.offline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Word pronunciations: CMUdict from the Debian model plus Vaani's own entries for Indian words (lakh, crore,
 * localities) that CMUdict lacks. Each call's decoder gets a small dictionary of just its language model's words,
 * which keeps decoder start-up fast.
 */
final class PronunciationDictionary {

    static final String INDIAN_ENGLISH_ENTRIES = "/offline-speech/indian-english.dict";

    private final Map<String, String> pronunciations;

    private PronunciationDictionary(Map<String, String> pronunciations) {
        this.pronunciations = pronunciations;
    }

    /** CMUdict (first pronunciation of each word) overlaid with the bundled Indian English entries. */
    static PronunciationDictionary load(Path cmudict) {
        var entries = new HashMap<String, String>(200_000);
        try (var reader = Files.newBufferedReader(cmudict, StandardCharsets.UTF_8)) {
            read(reader, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cmudict, e);
        }
        try (InputStream in = Objects.requireNonNull(PronunciationDictionary.class.getResourceAsStream(
                INDIAN_ENGLISH_ENTRIES), INDIAN_ENGLISH_ENTRIES);
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            read(reader, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDIAN_ENGLISH_ENTRIES, e);
        }
        return new PronunciationDictionary(entries);
    }

    private static void read(BufferedReader reader, Map<String, String> entries) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            int space = line.indexOf(' ');
            if (space <= 0 || line.startsWith(";;;")) {
                continue;
            }
            String word = line.substring(0, space);
            // Alternates are written word(2); the first pronunciation is enough for a small vocabulary.
            if (word.indexOf('(') < 0) {
                entries.put(word, line.substring(space + 1).trim());
            }
        }
    }

    boolean knows(String word) {
        return pronunciations.containsKey(word);
    }

    /** Writes a dictionary file holding only {@code words}, in the format PocketSphinx reads. */
    void writeSubset(Collection<String> words, Path file) throws IOException {
        var subset = new LinkedHashMap<String, String>();
        for (String word : words) {
            String phones = pronunciations.get(word);
            if (phones != null) {
                subset.put(word, phones);
            }
        }
        var text = new StringBuilder();
        subset.forEach((word, phones) -> text.append(word).append(' ').append(phones).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
