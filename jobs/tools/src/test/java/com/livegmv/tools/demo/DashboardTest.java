package com.livegmv.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's progress bars: integer arithmetic, and the top tier. */
class DashboardTest {
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
