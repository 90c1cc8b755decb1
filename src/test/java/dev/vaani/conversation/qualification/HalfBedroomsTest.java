package dev.vaani.conversation.qualification;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1.5, 2.5 and 3.5 BHK are common listings in India, and callers ask for them in every form: digits, English words,
 * Hindi fractions in Devanagari or Latin letters. The count is stored as a number with its half.
 */
class HalfBedroomsTest {

    private final QualificationExtractor extractor = new QualificationExtractor();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            I want a 2.5 BHK flat                   | 2.5
            two and a half BHK apartment            | 2.5
            looking for a one and a half bhk        | 1.5
            3 and a half BHK flat                   | 3.5
            ढाई बीएचके फ्लैट चाहिए                    | 2.5
            मुझे ढाई BHK चाहिए                        | 2.5
            डेढ़ बीएचके                               | 1.5
            साढ़े तीन बीएचके का फ्लैट                  | 3.5
            dhai BHK flat chahiye                   | 2.5
            saade teen bhk                          | 3.5
            """)
    void aHalfBedroomIsKept(String utterance, double bedrooms) {
        assertThat(extractor.extract(utterance)).containsEntry("property_type", "apartment")
                .containsEntry("bedrooms", bedrooms);
    }

    @Test
    void aWholeCountIsStoredAsTheWholeNumberItAlwaysWas() {
        assertThat(extractor.extract("two BHK flat")).containsEntry("bedrooms", 2);
    }

    @Test
    void aBareHalfAnswersTheBhkQuestion() {
        assertThat(extractor.extract("ढाई", "property_type")).containsEntry("bedrooms", 2.5)
                .doesNotContainKey("budget");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ढाई करोड़          | 25000000
            dedh crore         | 15000000
            2 crore            | 20000000
            """)
    void moneySaidAfterTheBhkQuestionIsABudgetNotBedrooms(String utterance, long rupees) {
        assertThat(extractor.extract(utterance, "property_type")).doesNotContainKeys("bedrooms", "property_type")
                .containsEntry("budget_max_rupees", rupees);
    }

    @Test
    void aTimelineSaidAfterTheBhkQuestionIsNotBedrooms() {
        assertThat(extractor.extract("teen mahine", "property_type")).doesNotContainKeys("bedrooms", "property_type")
                .containsEntry("timeline", "within_3_months");
    }

    @Test
    void countsOutsideOneToTenOrBetweenHalvesAreNotBedrooms() {
        assertThat(extractor.extract("10.5 BHK")).doesNotContainKey("bedrooms");
        assertThat(extractor.extract("2.4 BHK")).doesNotContainKey("bedrooms");
        assertThat(extractor.extract("half BHK")).doesNotContainKey("bedrooms");
    }

    @Test
    void aModelsHalfCountIsKeptWhetherSentAsANumberOrAsText() {
        assertThat(extractor.normalise(Map.of("property_type", "apartment", "bedrooms", 2.5)).fields())
                .containsEntry("bedrooms", 2.5);
        assertThat(extractor.normalise(Map.of("bedrooms", "3.5 BHK")).fields()).containsEntry("bedrooms", 3.5);
        assertThat(extractor.normalise(Map.of("bedrooms", 3.0)).fields()).containsEntry("bedrooms", 3);
        assertThat(extractor.normalise(Map.of("bedrooms", 2.25)).rejected()).containsKey("bedrooms");
    }

    @Test
    void oneAndAHalfCroreIsOneAndAHalfCrore() {
        assertThat(BudgetParser.parse("one and a half crore", true)).map(BudgetRange::maxRupees)
                .contains(15_000_000L);
    }

    @Test
    void aStoredCountReadsBackInTheCallersWords() {
        Bedrooms half = Bedrooms.from(2.5).orElseThrow();
        assertThat(List.of(half.digits(), half.englishWords(), half.hinglishWords(), half.hindiWords()))
                .containsExactly("2.5", "two and a half", "dhai", "ढाई");
        Bedrooms threeAndAHalf = Bedrooms.from("3.5").orElseThrow();
        assertThat(List.of(threeAndAHalf.englishWords(), threeAndAHalf.hinglishWords(), threeAndAHalf.hindiWords()))
                .containsExactly("three and a half", "saade teen", "साढ़े तीन");
        assertThat(Bedrooms.from(1.5).orElseThrow().hindiWords()).isEqualTo("डेढ़");
        assertThat(Bedrooms.from(2).orElseThrow().englishWords()).isEqualTo("2");
    }
}
