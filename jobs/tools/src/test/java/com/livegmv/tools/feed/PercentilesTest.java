package com.livegmv.tools.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void percentileIsNearestRank() {
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Percentiles.nearestRank(hundred, 50)).isEqualTo(50);
        assertThat(Percentiles.nearestRank(hundred, 99)).isEqualTo(99);
        assertThat(Percentiles.nearestRank(hundred, 100)).isEqualTo(100);
        assertThat(Percentiles.nearestRank(hundred, 7)).isEqualTo(7);
        assertThat(Percentiles.nearestRank(hundred, 0)).isEqualTo(1);
        assertThat(Percentiles.nearestRank(hundred, 99.5)).isEqualTo(100);

        long[] ten = LongStream.rangeClosed(1, 10).map(i -> i * 10).toArray();
        assertThat(Percentiles.nearestRank(ten, 50)).isEqualTo(50);
        assertThat(Percentiles.nearestRank(ten, 51)).isEqualTo(60);
        assertThat(Percentiles.nearestRank(ten, 90)).isEqualTo(90);
        assertThat(Percentiles.nearestRank(ten, 99)).isEqualTo(100);

        long[] one = {42};
        assertThat(Percentiles.nearestRank(one, 0)).isEqualTo(42);
        assertThat(Percentiles.nearestRank(one, 50)).isEqualTo(42);
        assertThat(Percentiles.nearestRank(one, 99)).isEqualTo(42);

        assertThatThrownBy(() -> Percentiles.nearestRank(new long[0], 50))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
