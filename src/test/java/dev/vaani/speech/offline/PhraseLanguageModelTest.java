package dev.vaani.speech.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhraseLanguageModelTest {

    private static final Path DICT = Path.of("target/test-phrase-lm.dict");

    private final PhraseLanguageModel model = PhraseLanguageModel.build(List.of(
            List.of("i", "want", "a", "flat"), List.of("i", "want", "a", "villa"), List.of("a", "flat", "in",
                    "whitefield"), List.of("yes"), List.of("unpronounceablexyz", "no")), dictionary());

    private static PronunciationDictionary dictionary() {
        try {
            Files.createDirectories(DICT.getParent());
            Files.writeString(DICT, """
                    i AY
                    want W AA N T
                    a AH
                    flat F L AE T
                    villa V IH L AH
                    in IH N
                    whitefield W AY T F IY L D
                    yes Y EH S
                    no N OW
                    """);
            return PronunciationDictionary.load(DICT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyContextIsAProperProbabilityDistributionOverTheVocabulary() {
        for (String history : List.of("<s>", "<s> i", "i want", "want a", "flat in", "yes", "whitefield")) {
            double total = model.vocabulary().stream().mapToDouble(w -> model.probability(history + " " + w)).sum()
                    + model.probability(history + " </s>");
            assertThat(total).as("p(. | %s)", history).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void leavesOutWordsItCannotPronounceButKeepsTheRestOfThePhrase() {
        assertThat(model.vocabulary()).contains("no", "whitefield").doesNotContain("unpronounceablexyz");
    }

    @Test
    void writesAnArpaFileWithEveryOrder(@TempDir Path directory) throws Exception {
        Path arpa = directory.resolve("call.lm");

        model.writeArpa(arpa);

        assertThat(Files.readString(arpa)).contains("\\data\\", "ngram 3=", "\\3-grams:", "<s> i want", "\\end\\");
    }
}
