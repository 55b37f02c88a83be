package com.livegmv.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's money and progress rendering: integer arithmetic, and the top tier. */
class DashboardTest {
    @Test
    void rendersFenAsYuanWithTwoDecimalsAndSign() {
        assertThat(Dashboard.yuan(123_456_789L)).isEqualTo("1,234,567.89");
        assertThat(Dashboard.yuan(5L)).isEqualTo("0.05");
        assertThat(Dashboard.yuan(-50_000L)).isEqualTo("-500.00");
    }

    @Test
    void fillsTheBarTowardTheNextThreshold() {
        Dashboard.Leader l = new Dashboard.Leader("s1", 4_800_000L, 1, 5_000_000L, true);
        assertThat(Dashboard.bar(l)).isEqualTo("[" + "#".repeat(19) + ".] 96% of tier 2");
    }

    @Test
    void showsAFullBarAtTheTopTierWithoutDividing() {
        Dashboard.Leader l = new Dashboard.Leader("s1", 30_000_000L, 3, null, true);
        assertThat(Dashboard.bar(l)).isEqualTo("[" + "#".repeat(20) + "] top tier");
    }
}
