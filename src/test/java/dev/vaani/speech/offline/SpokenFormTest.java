package dev.vaani.speech.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpokenFormTest {

    @Test
    void writesPhrasesTheWayCallersSayThem() {
        assertThat(SpokenForm.words("2 BHK in HSR Layout")).containsExactly("two", "b", "h", "k", "in", "h", "s",
                "r", "layout");
        assertThat(SpokenForm.words("75 lakh, 1.5 crore")).containsExactly("seventy", "five", "lakh", "one", "five",
                "crore");
        assertThat(SpokenForm.words("3bhk")).containsExactly("three", "b", "h", "k");
        assertThat(SpokenForm.words("pin 560066")).containsExactly("pin", "five", "six", "zero", "zero", "six", "six");
    }
}
