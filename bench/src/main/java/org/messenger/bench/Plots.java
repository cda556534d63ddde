package org.messenger.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG pictures of transfers over time (XChart): goodput on top, congestion window below, one line
 * per flow, the link rate dashed. Drawn off-screen, so no display is needed.
 */
final class Plots {
    static {
        // The benchmark runs on servers and in CI without a display; PNG encoding never needs one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 340;

    private Plots() {}

    /** One flow to draw: its legend name and its samples. */
    record Flow(String name, FlowSeries series) {}

    /**
     * Writes {@code file}: goodput over time (and the link rate when {@code linkRateMbps > 0}), and
     * below it the congestion window when any flow recorded one.
     */
    static Path write(Path file, String title, List<Flow> flows, double linkRateMbps) throws IOException {
        XYChart rate = chart(title, "goodput (Mbit/s)");
        double end = 0;
        for (Flow flow : flows) {
            double[] t = flow.series().seconds();
            if (t.length > 0) {
                end = Math.max(end, t[t.length - 1]);
                line(rate, flow.name(), t, flow.series().goodputMbps());
            }
        }
        if (linkRateMbps > 0 && end > 0) {
            XYSeries link = line(rate, "link rate", new double[] {0, end}, new double[] {linkRateMbps, linkRateMbps});
            link.setLineStyle(SeriesLines.DASH_DASH);
            link.setLineColor(Color.GRAY);
        }
        List<XYChart> panels = new ArrayList<>();
        panels.add(rate);
        if (anyWindow(flows)) {
            XYChart window = chart(null, "congestion window (KiB)");
            window.setXAxisTitle("seconds since start");
            for (Flow flow : flows) {
                if (flow.series().size() > 0) {
                    line(window, flow.name(), flow.series().seconds(), flow.series().cwndKib());
                }
            }
            panels.add(window);
        } else {
            rate.setXAxisTitle("seconds since start");
        }
        if (rate.getSeriesMap().isEmpty()) {
            throw new IllegalArgumentException("nothing to plot for " + title + ": no flow recorded a sample");
        }
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), 0, i * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime; cannot write " + file);
        }
        return file;
    }

    private static boolean anyWindow(List<Flow> flows) {
        for (Flow flow : flows) {
            for (double w : flow.series().cwndKib()) {
                if (w > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title == null ? "" : title)
                .yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setChartTitleVisible(title != null);
        // Scenario descriptions are long; the default 18-point title would be cut off.
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        // Below the plot: inside, it would hide the link-rate line where goodput runs.
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }
}
