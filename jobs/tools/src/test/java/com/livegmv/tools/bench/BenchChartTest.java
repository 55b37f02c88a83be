package com.livegmv.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchChartTest {
    @TempDir Path tmp;

    private static final List<BenchChart.Bar> BARS =
            List.of(
                    new BenchChart.Bar("engine-heap", 500_000, 420_000),
                    new BenchChart.Bar("sql-groupby-rocksdb", 40_000, 31_000),
                    new BenchChart.Bar("kafka-e2e", 16_000, 15_500));

    @Test
    void writesOnePanelWithoutEndToEndRounds() throws Exception {
        Path png = tmp.resolve("bench.png");
        BenchChart.write(png, "gmv bench", BARS, List.of(), 3_000);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(BenchChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(BenchChart.HEIGHT);
    }

    @Test
    void addsTheLatencyPanelUnderTheBarsForEndToEndRounds() throws Exception {
        Path png = tmp.resolve("bench.png");
        BenchChart.write(
                png,
                "gmv bench",
                BARS,
                List.of(
                        new BenchChart.Latency("kafka-e2e #1", 900, 2_400),
                        new BenchChart.Latency("kafka-e2e #2", 700, 1_900)),
                3_000);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(BenchChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(2 * BenchChart.HEIGHT);
    }
}
