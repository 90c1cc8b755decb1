package dev.vaani.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneMaskTest {

    @Test
    void masksANumberToItsCountryCodeAndLastFourDigits() {
        assertThat(PhoneMask.mask("+919876543210")).isEqualTo("+91XXXXXX3210");
    }

    @Test
    void masksEveryPhoneLikeNumberInFreeText() {
        assertThat(PhoneMask.maskIn("'call me on +91 98765 43210 or 9876543211 at 2025-03-14T18:00:00' is not ISO"))
                .isEqualTo("'call me on +91XXXXXX3210 or XXXXXX3211 at 2025-03-14T18:00:00' is not ISO");
    }

    @Test
    void leavesTextWithoutNumbersAlone() {
        assertThat(PhoneMask.maskIn("budget 80 lakhs, 2 BHK")).isEqualTo("budget 80 lakhs, 2 BHK");
    }

    @ParameterizedTest
    @CsvSource({"+919876543210, +91XXXXXX3210", "09876543210, XXXXXXX3210", "' +91 98765-43210 ', +91XXXXXX3210",
            "2026-12-06 12:00:00, 2026-12-06 12:00:00", "completed, completed", "45, 45", "'', ''"})
    void masksAValueThatIsAPhoneNumberAndNothingElse(String value, String stored) {
        assertThat(PhoneMask.maskIfNumber(value)).isEqualTo(stored);
    }
}
