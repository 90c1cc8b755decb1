package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a signed-in operator is sent back to: the path of the page asked for, never another server. */
class SignInRedirectTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://evil.example/leads|/leads",
            "https://vaani.example.com:8443/calls/CA1?status=done&x=a%20b|/calls/CA1?status=done&x=a%20b",
            "http://evil.example//other.example/x|/",
            "http://evil.example|/",
            "not a url|/"})
    void onlyThePathAndQueryOfTheSavedAddressAreKept(String saved, String sentTo) {
        assertThat(ConsoleSecurityConfiguration.pathOf(saved)).isEqualTo(sentTo);
    }
}
