package dev.vaani.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
