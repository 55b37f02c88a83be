package com.livegmv.tools.chart;

import java.awt.Color;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The one look of the PNG charts the tools write (the benchmark's and the what-if's). */
public final class CategoryCharts {
    private CategoryCharts() {}

    /**
     * A bar chart on white with the legend below, thousands separated, and dark value labels
     * whatever the bar colour (a label wider than a short bar spills onto white).
     */
    public static CategoryChart of(
            int width, int height, String title, String xTitle, String yTitle) {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(width)
                        .height(height)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        chart.getStyler()
                .setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal)
                .setChartBackgroundColor(Color.WHITE)
                .setPlotBorderVisible(false)
                .setDecimalPattern("#,##0");
        chart.getStyler()
                .setLabelsVisible(true)
                .setLabelsRotation(0)
                .setLabelsFontColorAutomaticEnabled(false)
                .setLabelsFontColor(new Color(0x22, 0x22, 0x22));
        return chart;
    }
}
