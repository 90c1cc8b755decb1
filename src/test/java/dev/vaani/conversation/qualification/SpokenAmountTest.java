package dev.vaani.conversation.qualification;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SpokenAmountTest {

    @ParameterizedTest(name = "{0}..{1} in {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            4500000  | 5500000             | HINDI    | लगभग पचास लाख
            4000000  | 5500000             | HINDI    | चालीस से पचपन लाख
            4500000  | 5500000             | ENGLISH  | around 50 lakhs
            4000000  | 5500000             | ENGLISH  | 40 to 55 lakhs
            4000000  | 5500000             | HINGLISH | 40 se 55 lakh
            8000000  | 10000000            | HINDI    | अस्सी लाख से एक करोड़
            8000000  | 10000000            | ENGLISH  | 80 lakhs to 1 crore
            25000000 | 25000000            | HINDI    | ढाई करोड़
            15000000 | 15000000            | HINDI    | डेढ़ करोड़
            35000000 | 35000000            | HINDI    | साढ़े तीन करोड़
            12500000 | 12500000            | HINDI    | सवा करोड़
            17500000 | 17500000            | HINDI    | पौने दो करोड़
            0        | 7500000             | HINDI    | पचहत्तर लाख तक
            0        | 7500000             | HINGLISH | 75 lakh tak
            0        | 7500000             | ENGLISH  | up to 75 lakhs
            10000000 | 9223372036854775807 | HINDI    | एक करोड़ से ज़्यादा
            10000000 | 9223372036854775807 | ENGLISH  | 1 crore or more
            12000000 | 12000000            | ENGLISH  | 1.2 crore
            """)
    void amountsAreSpokenTheIndianWayInEachLanguage(long min, long max, SpokenAmount.Style style, String spoken) {
        assertThat(SpokenAmount.of(new BudgetRange(min, max), style)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Your budget is ₹45L–₹55L, right?  | ENGLISH  | Your budget is 45 to 55 lakhs, right?
            आपका बजट ₹45L–₹55L है             | HINDI    | आपका बजट पैंतालीस से पचपन लाख है
            budget ₹1Cr+ hai                  | HINGLISH | budget 1 crore se zyada hai
            around ₹1.2Cr                     | ENGLISH  | around 1.2 crore
            """)
    void symbolicAmountsInASentenceAreRewrittenBeforeSpeech(String sentence, SpokenAmount.Style style, String spoken) {
        assertThat(SpokenAmount.speakable(sentence, style)).isEqualTo(spoken).doesNotContain("₹");
    }
}
