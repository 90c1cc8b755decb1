package dev.vaani.conversation.qualification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A caller who puts an answer right in the same breath is taken at the corrected word. */
class SelfCorrectionTest {

    private final QualificationExtractor extractor = new QualificationExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            budget 50 lakh, no sorry, 70 lakh              | 7000000
            50 lakh, sorry, 70 lakh                        | 7000000
            around 50 lakh, actually make it 70 lakh       | 7000000
            50 lakh, I mean 70 lakh                        | 7000000
            pachas lakh, nahi nahi, sattar lakh            | 7000000
            budget pachas lakh hai, matlab sattar lakh      | 7000000
            पचास लाख, नहीं नहीं, सत्तर लाख                    | 7000000
            पचास लाख, मतलब सत्तर लाख                         | 7000000
            """)
    void theBudgetIsTheOneSaidAfterTheCorrection(String said, long rupees) {
        var fields = extractor.extract(said, QualificationExtractor.BUDGET);

        assertThat(fields.get(QualificationExtractor.BUDGET_MIN)).isEqualTo(rupees);
        assertThat(fields.get(QualificationExtractor.BUDGET_MAX)).isEqualTo(rupees);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Whitefield, actually Sarjapur              | Sarjapur
            Whitefield, sorry, Electronic City         | Electronic City
            Whitefield nahi nahi Sarjapur              | Sarjapur
            व्हाइटफील्ड, मतलब सरजापुर                     | Sarjapur
            """)
    void theLocationIsTheOneSaidAfterTheCorrection(String said, String location) {
        assertThat(extractor.extract(said, QualificationExtractor.LOCATION).get(QualificationExtractor.LOCATION))
                .isEqualTo(location);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2 BHK flat, sorry, 3 BHK                   | apartment | 3
            a villa, actually a 2 BHK flat             | apartment | 2
            """)
    void whatTheCorrectionLeavesOutIsKept(String said, String type, int bedrooms) {
        var fields = extractor.extract(said, QualificationExtractor.PROPERTY_TYPE);

        assertThat(fields.get(QualificationExtractor.PROPERTY_TYPE)).isEqualTo(type);
        assertThat(((Number) fields.get(QualificationExtractor.BEDROOMS)).intValue()).isEqualTo(bedrooms);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2 BHK flat in Whitefield, actually budget 70 lakh", "flat, no plot please"})
    void fieldsSaidOnlyOnceAreAllKept(String said) {
        assertThat(extractor.extract(said, null)).containsEntry(QualificationExtractor.PROPERTY_TYPE, "apartment");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no sorry, 70 lakh", "sorry, 70 lakh", "actually Sarjapur", "arre nahi nahi, Sarjapur",
            "नहीं नहीं, सत्तर लाख"})
    void aTurnThatStartsWithACorrectionCorrectsTheLastAnswer(String said) {
        assertThat(SelfCorrection.opensWith(said)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"70 lakh", "no, 70 lakh", "I am actually looking in Sarjapur", "sorry", "Whitefield"})
    void aTurnThatDoesNotStartWithOneIsAnAnswer(String said) {
        assertThat(SelfCorrection.opensWith(said)).isFalse();
    }
}
