package dev.vaani.conversation.qualification;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A caller names a field when they speak about the field itself, not when one of its values turns up. */
class FieldMentionsTest {

    @ParameterizedTest(name = "\"{0}\" names {1}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            my budget is actually 80 lakhs         | budget
            change the location to Powai           | location
            the area should be Baner               | location
            make it 3 bhk                          | property_type
            I will take a home loan                | financing
            within three lakh                      |
            yeah flat in right                     |
            in whitefield                          |
            """)
    void namesTheFieldItself(String utterance, String field) {
        assertThat(FieldMentions.in(utterance)).isEqualTo(field == null ? Set.of() : Set.of(field));
    }
}
