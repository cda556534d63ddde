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
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
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
        return save(image, file);
    }

    private static Path save(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime; cannot write " + file);
        }
        return file;
    }

    /**
     * Writes {@code file}: Jain's index per window over time (a point per window, at its middle), the
     * row's index and the target (dashed; NaN for none).
     *
     * @param endSeconds the run's length, so the time axis matches the rate plot's
     */
    static Path writeJain(Path file, String title, List<WindowedJain.Window> windows, long windowNanos, int flows,
            double wholeRunIndex, double target, double endSeconds) throws IOException {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot for " + title + ": no window had two flows running");
        }
        XYChart chart = chart(title, windowNanos % 1_000_000_000L == 0
                ? "Jain's index (" + windowNanos / 1_000_000_000L + " s windows)"
                : String.format(Locale.ROOT, "Jain's index (%.1f s windows)", windowNanos / 1e9));
        chart.setXAxisTitle("seconds since start (flows running for the whole window only)");
        XYStyler styler = chart.getStyler();
        double lowest = 1;
        for (WindowedJain.Window w : windows) {
            lowest = Math.min(lowest, w.index());
        }
        // From 0.8 at most, so that dips of a few hundredths show; lower when the data goes lower,
        // but never below 1/flows, where one flow takes everything.
        styler.setYAxisMin(Math.max(Math.floor(100.0 / flows) / 100, Math.min(0.8, Math.floor(lowest * 10) / 10)));
        styler.setYAxisMax(1.0);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(endSeconds);
        double[] t = new double[windows.size()];
        double[] index = new double[windows.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (windows.get(i).startNanos() + windowNanos / 2.0) / 1e9;
            index[i] = windows.get(i).index();
        }
        XYSeries perWindow = chart.addSeries("per window", t, index);
        perWindow.setMarker(SeriesMarkers.CIRCLE);
        if (!Double.isNaN(wholeRunIndex)) {
            XYSeries whole = line(chart, String.format(Locale.ROOT, "row's index, until the first finished (%.3f)",
                    Targets.down(wholeRunIndex, 1000)),
                    new double[] {0, endSeconds}, new double[] {wholeRunIndex, wholeRunIndex});
            whole.setLineColor(new Color(0, 140, 0));
        }
        if (!Double.isNaN(target)) {
            XYSeries goal = line(chart, String.format(Locale.ROOT, "target %.2f", target), new double[] {0, endSeconds},
                    new double[] {target, target});
            goal.setLineStyle(SeriesLines.DASH_DASH);
            goal.setLineColor(Color.GRAY);
        }
        return save(BitmapEncoder.getBufferedImage(chart), file);
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
