package dev.vaani.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which typed phones Vaani may dial, and as what. */
class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            09876 543210       | +919876543210
            98765-43210        | +919876543210
            +91 98765 43210    | +919876543210
            +91.98765.43210    | +919876543210
            98765–43210        | +919876543210
            ९८७६५४३२१०         | +919876543210
            (080) 2345-6789    | +918023456789
            """)
    void readsIndianMobilesAndLandlinesAsPeopleTypeThem(String typed, String e164) {
        assertThat(PhoneNumbers.toE164(typed)).contains(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"98450ABCDE", "1800FLOWERS", "9845O12345", "98765 4321l", "98450कखगघ", "+91 98765 43210 ext. 12"})
    void neverReadsLettersAsKeypadDigits(String typed) {
        assertThat(PhoneNumbers.toE164(typed)).isEmpty();
        assertThat(PhoneNumbers.parse(typed)).isEqualTo(new PhoneNumbers.Refused("phone contains letters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+91 98765 43210 #12", "98765/43210", "98765_43210"})
    void refusesCharactersANumberIsNotWrittenWith(String typed) {
        assertThat(PhoneNumbers.parse(typed)).isEqualTo(
                new PhoneNumbers.Refused("phone contains a character other than digits, spaces and + ( ) - ."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 415 555 0100", "+44 20 7946 0958", "00 1 415 555 0100", "+971 50 123 4567"})
    void refusesNumbersOfOtherCountries(String typed) {
        assertThat(PhoneNumbers.toE164(typed)).isEmpty();
        assertThat(PhoneNumbers.parse(typed)).isEqualTo(new PhoneNumbers.Refused("only Indian (+91) numbers can be called"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1800 425 1234", "+91 1800 425 1234"})
    void refusesTollFreeNumbersAsNotAMobileOrLandline(String typed) {
        assertThat(PhoneNumbers.toE164(typed)).isEmpty();
        assertThat(PhoneNumbers.parse(typed))
                .isEqualTo(new PhoneNumbers.Refused("phone is a toll free number, not a mobile or landline"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "+91 12345", "98765 43210 98765"})
    void refusesDigitsThatAreNoIndianNumber(String typed) {
        assertThat(PhoneNumbers.parse(typed)).isEqualTo(new PhoneNumbers.Refused("phone is not a valid number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankPhoneIsMissing(String typed) {
        assertThat(PhoneNumbers.parse(typed)).isEqualTo(new PhoneNumbers.Refused("phone is missing"));
    }
}
