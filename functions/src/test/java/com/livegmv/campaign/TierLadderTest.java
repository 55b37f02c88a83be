package com.livegmv.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §8/§9: the tier a GMV reaches and the threshold of the next one. */
class TierLadderTest {

    /** The tiers of the SPEC §3 example. */
    private static final List<Tier> SPEC_TIERS =
            List.of(
                    new Tier(1, 1_000_000L, 10_000L, 30_000L),
                    new Tier(2, 5_000_000L, 50_000L, 150_000L),
                    new Tier(3, 20_000_000L, 200_000L, 600_000L));

    private final TierLadder ladder = new TierLadder(SPEC_TIERS);

    @ParameterizedTest(name = "GMV {0} fen -> level {1}")
    @CsvSource({
        "-9223372036854775808, 0",
        "-1, 0",
        "0, 0",
        "1, 0",
        "999999, 0",
        "1000000, 1",
        "1000001, 1",
        "4800000, 1",
        "4999999, 1",
        "5000000, 2",
        "5000001, 2",
        "19999999, 2",
        "20000000, 3",
        "20000001, 3",
        "100000000000, 3",
        "9223372036854775807, 3",
    })
    void levelIsTheHighestTierWhoseThresholdIsReached(long gmvFen, int level) {
        assertThat(ladder.levelFor(gmvFen)).isEqualTo(level);
    }

    @Test
    void belowTheFirstThresholdIsLevelZero() {
        assertThat(ladder.levelFor(SPEC_TIERS.get(0).thresholdFen() - 1)).isZero();
    }

    @Test
    void eachThresholdExactlyReachesItsLevel() {
        for (Tier t : SPEC_TIERS) {
            assertThat(ladder.levelFor(t.thresholdFen())).as("at %s", t).isEqualTo(t.level());
            assertThat(ladder.levelFor(t.thresholdFen() - 1))
                    .as("one fen below %s", t)
                    .isEqualTo(t.level() - 1);
            assertThat(ladder.levelFor(t.thresholdFen() + 1))
                    .as("one fen above %s", t)
                    .isEqualTo(t.level());
        }
    }

    @ParameterizedTest(name = "above level {0} the next threshold is {1}")
    @CsvSource({"0, 1000000", "1, 5000000", "2, 20000000"})
    void nextThresholdIsTheThresholdOfTheLevelAbove(int level, long next) {
        assertThat(ladder.nextThreshold(level)).isEqualTo(next);
    }

    @Test
    void nextThresholdIsNullAtTheTop() {
        assertThat(ladder.nextThreshold(3)).isNull();
        assertThat(ladder.nextThreshold(ladder.levelFor(Long.MAX_VALUE))).isNull();
    }

    @Test
    void tierLooksUpByOneBasedLevel() {
        assertThat(ladder.size()).isEqualTo(3);
        assertThat(ladder.tier(1)).isEqualTo(SPEC_TIERS.get(0));
        assertThat(ladder.tier(2).instantRewardFen()).isEqualTo(50_000L);
        assertThat(ladder.tier(3).postEventRewardFen()).isEqualTo(600_000L);
    }

    @Test
    void singleTierLadder() {
        TierLadder one = new TierLadder(List.of(new Tier(1, 1L, 5L, 7L)));

        assertThat(one.levelFor(0)).isZero();
        assertThat(one.levelFor(1)).isEqualTo(1);
        assertThat(one.nextThreshold(0)).isEqualTo(1L);
        assertThat(one.nextThreshold(1)).isNull();
    }

    @Test
    void ladderIsACopyOfTheGivenList() {
        java.util.ArrayList<Tier> tiers = new java.util.ArrayList<>(SPEC_TIERS);
        TierLadder copy = new TierLadder(tiers);

        tiers.clear();

        assertThat(copy.size()).isEqualTo(3);
        assertThat(copy.levelFor(5_000_000L)).isEqualTo(2);
    }

    /**
     * For random ladders and GMVs: the level equals the number of thresholds at or below the GMV,
     * and the next threshold, when there is one, is strictly above the GMV and at most the level
     * above's.
     */
    @Test
    void randomLaddersAgreeWithCountingThresholds() {
        SplittableRandom r = new SplittableRandom(1212);
        for (int n = 0; n < 2_000; n++) {
            int size = 1 + r.nextInt(8);
            long[] thresholds = new long[size];
            java.util.List<Tier> tiers = new java.util.ArrayList<>();
            long t = 0;
            for (int i = 0; i < size; i++) {
                t += 1 + r.nextInt(1_000);
                thresholds[i] = t;
                tiers.add(new Tier(i + 1, t, 0, 0));
            }
            TierLadder l = new TierLadder(tiers);
            for (int k = 0; k < 50; k++) {
                long gmv = r.nextLong(-10, t + 10);
                int expected = 0;
                for (long th : thresholds) {
                    if (th <= gmv) {
                        expected++;
                    }
                }

                int level = l.levelFor(gmv);

                assertThat(level).as("ladder %s, gmv %s", tiers, gmv).isEqualTo(expected);
                Long next = l.nextThreshold(level);
                if (level == size) {
                    assertThat(next).isNull();
                } else {
                    assertThat(next).isEqualTo(thresholds[level]).isGreaterThan(gmv);
                }
            }
        }
    }
}
