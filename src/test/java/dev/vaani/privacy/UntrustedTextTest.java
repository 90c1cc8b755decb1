package dev.vaani.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTextTest {

    @Test
    void plainTextIsShownAsItIsInQuotes() {
        assertThat(UntrustedText.quoted("callended", 40)).isEqualTo("'callended'");
    }

    @Test
    void aLineBreakCannotStartALineOfItsOwn() {
        assertThat(UntrustedText.quoted("FORGE-C6\nFAKE ERROR admin key leaked\r\n", 80))
                .isEqualTo("'FORGE-C6\\nFAKE ERROR admin key leaked\\r\\n'")
                .doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void otherControlAndNonAsciiCharactersAreEscapedToo() {
        assertThat(UntrustedText.quoted("a\u0000b\u001b[31mc\u2028d\u0085é", 80))
                .isEqualTo("'a\\u0000b\\u001b[31mc\\u2028d\\u0085\\u00e9'");
    }

    @Test
    void quotesAndBackslashesAreEscapedSoTheQuotedTextCannotEndEarly() {
        assertThat(UntrustedText.quoted("it's a\\b", 40)).isEqualTo("'it\\'s a\\\\b'");
    }

    @Test
    void longTextIsCutAndItsLengthSaid() {
        assertThat(UntrustedText.quoted("x".repeat(200_000), 40))
                .isEqualTo("'" + "x".repeat(40) + "…' (200000 characters)");
    }

    @Test
    void phoneNumbersAreMaskedEvenWhereTheCutFallsInsideOne() {
        assertThat(UntrustedText.quoted("from +919876543210", 12)).isEqualTo("'from +91XXXX…' (18 characters)");
    }

    @Test
    void escapedTextHasNoQuotes() {
        assertThat(UntrustedText.escaped("Unexpected character ('\n')", 200))
                .isEqualTo("Unexpected character (\\'\\n\\')");
    }
}
