package com.livegmv.tools.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = 1_000_000L;

    /** Sends n items on a simulated clock; a stall of {@code stallMs} before item {@code at}. */
    private static List<Long> sendTimes(Pacer pacer, int n, int at, long stallMs) {
        List<Long> sent = new ArrayList<>();
        long now = 0;
        pacer.start(now);
        for (int i = 0; i < n; i++) {
            if (i == at) {
                now += stallMs * MS;
            }
            now += pacer.waitNanos(i, now);
            sent.add(now);
        }
        return sent;
    }

    @Test
    void sendsOneItemEveryOneOverRateSeconds() {
        List<Long> t = sendTimes(new Pacer(1_000, 100 * MS), 3_000, -1, 0);
        assertThat(t.get(0)).isZero();
        assertThat(t.get(999)).isEqualTo(999 * MS);
        assertThat(t.get(2_999)).isEqualTo(2_999 * MS);
    }

    @Test
    void afterAStallItSendsAtMostTheLagAtOnceThenKeepsTheRate() {
        Pacer pacer = new Pacer(1_000, 100 * MS);
        List<Long> t = sendTimes(pacer, 5_000, 1_000, 2_000);
        // Items due during the stall are not sent in a burst: within the 100 ms after it, at most
        // the 100 ms of lag plus the 100 ms of schedule.
        long stallEnd = t.get(1_000);
        long burst = t.stream().filter(x -> x >= stallEnd && x < stallEnd + 100 * MS).count();
        assertThat(burst).isLessThanOrEqualTo(201);
        // Item 1000 was due at 1 s and came at 3 s: the schedule slipped by that less the lag.
        assertThat(pacer.slippedNanos()).isEqualTo(1_899 * MS);
        // Then it keeps one item per millisecond again.
        assertThat(t.get(4_999) - t.get(3_999)).isEqualTo(1_000 * MS);
    }

    @Test
    void rateZeroMeansAsFastAsPossible() {
        List<Long> t = sendTimes(new Pacer(0, 100 * MS), 1_000, -1, 0);
        assertThat(t.get(999)).isZero();
    }
}
