package dev.vaani.conversation.qualification;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetRangeTest {

    @Test
    void aroundIsTenPercentEitherSide() {
        assertThat(BudgetRange.around(50 * BudgetRange.LAKH)).isEqualTo(new BudgetRange(4_500_000, 5_500_000));
    }

    @Test
    void speaksAnAroundRangeTheWayTheCallerSaidIt() {
        assertThat(BudgetRange.around(50 * BudgetRange.LAKH).spoken()).isEqualTo("around 50 lakhs");
        assertThat(new BudgetRange(8_000_000, 10_000_000).spoken()).isEqualTo("80 lakhs to 1 crore");
        assertThat(BudgetRange.upTo(12_000_000).spoken()).isEqualTo("up to 1.2 crore");
        assertThat(BudgetRange.atLeast(BudgetRange.CRORE).spoken()).isEqualTo("1 crore or more");
    }

    @Test
    void displaysCompactly() {
        assertThat(new BudgetRange(8_000_000, 10_000_000).display()).isEqualTo("₹80L–₹1Cr");
        assertThat(BudgetRange.exactly(12_000_000).display()).isEqualTo("₹1.2Cr");
        assertThat(BudgetRange.atLeast(BudgetRange.CRORE).display()).isEqualTo("₹1Cr+");
    }

    @Test
    void rejectsAnInvertedRange() {
        assertThatThrownBy(() -> new BudgetRange(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
