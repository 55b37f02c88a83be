package com.livegmv.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Money is printed in integer arithmetic, the same in every locale. */
class MoneyTest {
    @Test
    void rendersFenAsYuanWithTwoDecimalsAndSign() {
        assertThat(Money.yuan(123_456_789L)).isEqualTo("1,234,567.89");
        assertThat(Money.yuan(5L)).isEqualTo("0.05");
        assertThat(Money.yuan(-50_000L)).isEqualTo("-500.00");
        assertThat(Money.yuan(Long.MAX_VALUE)).isEqualTo("92,233,720,368,547,758.07");
        assertThat(Money.yuan(Long.MIN_VALUE)).isEqualTo("-92,233,720,368,547,758.08");
    }

    @Test
    void printsTheSameInALocaleWithOtherSeparators() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Money.yuan(7_287_518_726L)).isEqualTo("72,875,187.26");
        } finally {
            Locale.setDefault(before);
        }
    }
}
