package io.updraft.bench.report;

import io.updraft.bench.http.LoadResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Throughput (left) and p99 latency (right) against connections, one line per scenario and store, as one PNG. */
public final class ThroughputPlot {
    private ThroughputPlot() {
    }

    public static void write(List<LoadResult> http, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage left = BitmapEncoder.getBufferedImage(chart(http, "Throughput", "requests / s",
                LoadResult::requestsPerSecond));
        BufferedImage right = BitmapEncoder.getBufferedImage(chart(http, "p99 latency", "ms", LoadResult::p99Ms));
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), left.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        ImageIO.write(both, "png", png.toFile());
    }

    private static XYChart chart(List<LoadResult> http, String title, String yTitle, ToDoubleFunction<LoadResult> y) {
        XYChart chart = new XYChartBuilder().width(720).height(480).title(title)
                .xAxisTitle("connections").yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        http.stream().map(r -> r.scenario() + " (" + r.store() + ")").distinct().forEach(series -> {
            List<LoadResult> points = http.stream()
                    .filter(r -> (r.scenario() + " (" + r.store() + ")").equals(series)).toList();
            chart.addSeries(series, points.stream().mapToDouble(LoadResult::connections).toArray(),
                    points.stream().mapToDouble(y).toArray()).setMarker(SeriesMarkers.CIRCLE);
        });
        return chart;
    }
}
