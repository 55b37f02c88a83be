package com.livegmv.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchChartTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private static final List<BenchChart.Bar> BARS =
            List.of(
                    new BenchChart.Bar("gmv-live", 1_234_000, 1_150_000, 1_290_000),
                    new BenchChart.Bar("gmv-replay", 2_480_000, 2_300_000, 2_610_000),
                    new BenchChart.Bar("sql-cumulate", 456_000, Double.NaN, Double.NaN));

    private static final Map<String, Double> GOALS =
            Map.of("gmv-live", 1_000_000.0, "gmv-replay", 3_000_000.0);

    @TempDir Path dir;

    @Test
    void writesAReadablePngOfTheExpectedSize() throws IOException {
        Path png = dir.resolve("out/bench.png");

        BenchChart.write(
                png,
                "gmv bench: 1,000,000 events, 2 cores, 2026-11-25",
                BARS,
                GOALS,
                syntheticLatencies(10_000),
                500);

        assertThat(Files.readAllBytes(png)).startsWith(PNG_MAGIC);
        BufferedImage image = read(png);
        assertThat(image.getWidth()).isEqualTo(BenchChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(BenchChart.HEIGHT);
        assertThat(distinctColours(image)).isGreaterThan(50);
        // The bar area of the left panel and the histogram area of the right one are drawn on.
        assertThat(nonWhite(image, 0, 120, 600, 490)).isGreaterThan(5_000);
        assertThat(nonWhite(image, 600, 120, 1200, 490)).isGreaterThan(5_000);
    }

    @Test
    void anEmptyLatencySampleStillGivesAChart() throws IOException {
        Path png = dir.resolve("empty.png");

        BenchChart.write(png, "gmv bench: no grants", BARS, Map.of(), new long[0], 0);

        BufferedImage image = read(png);
        assertThat(image.getWidth()).isEqualTo(BenchChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(BenchChart.HEIGHT);
        assertThat(nonWhite(image, 0, 120, 600, 490)).isGreaterThan(5_000);
    }

    @Test
    void oddInputsStillGiveAChart() throws IOException {
        Path png = dir.resolve("odd.png");

        BenchChart.write(png, "", List.of(), null, new long[] {0, 0, 7}, 1);
        BenchChart.write(
                dir.resolve("one.png"),
                "one sample",
                List.of(BenchChart.Bar.of("a case with a rather long name indeed, too long", 12)),
                Map.of("a case with a rather long name indeed, too long", 1e9),
                new long[] {42},
                0);

        assertThat(read(png).getWidth()).isEqualTo(BenchChart.WIDTH);
        assertThat(read(dir.resolve("one.png")).getHeight()).isEqualTo(BenchChart.HEIGHT);
    }

    @Test
    void theSameInputsGiveTheSameBytes() throws IOException {
        long[] latencies = syntheticLatencies(2_000);
        BenchChart.write(dir.resolve("a.png"), "t", BARS, GOALS, latencies, 300);
        BenchChart.write(dir.resolve("b.png"), "t", BARS, GOALS, latencies, 300);

        assertThat(Files.readAllBytes(dir.resolve("a.png")))
                .isEqualTo(Files.readAllBytes(dir.resolve("b.png")));
    }

    @Test
    void ratesAreFormattedToThreeFigures() {
        assertThat(BenchChart.formatRate(1_234_000)).isEqualTo("1.23 M/s");
        assertThat(BenchChart.formatRate(456_000)).isEqualTo("456 k/s");
        assertThat(BenchChart.formatRate(45_600)).isEqualTo("45.6 k/s");
        assertThat(BenchChart.formatRate(999_999)).isEqualTo("1.00 M/s");
        assertThat(BenchChart.formatRate(812)).isEqualTo("812 /s");
    }

    @Test
    void ticksAreRound() {
        assertThat(BenchChart.niceTicks(0, 2_900_000, 5, 0))
                .containsExactly(0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000);
        assertThat(BenchChart.floor1235(17)).isEqualTo(10);
        assertThat(BenchChart.ceil1235(2_100)).isEqualTo(3_000);
        assertThat(BenchChart.ceil1235(5_000)).isEqualTo(5_000);
    }

    /**
     * A long-tailed, deterministic sample: a lognormal-ish body around 60 ms and a few stragglers.
     */
    static long[] syntheticLatencies(int n) {
        long[] out = new long[n];
        long state = 42;
        for (int i = 0; i < n; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            double u1 = ((state >>> 11) + 1) / (double) (1L << 53);
            state = state * 6364136223846793005L + 1442695040888963407L;
            double u2 = (state >>> 11) / (double) (1L << 53);
            double normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            out[i] = Math.round(Math.exp(Math.log(60) + 0.45 * normal));
        }
        out[7] = 1_850;
        out[77] = 940;
        out[777] = 620;
        return out;
    }

    private static BufferedImage read(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png)) {
            BufferedImage image = ImageIO.read(in);
            assertThat(image).as("ImageIO reads %s", png).isNotNull();
            return image;
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    private static int nonWhite(BufferedImage image, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    count++;
                }
            }
        }
        return count;
    }
}
