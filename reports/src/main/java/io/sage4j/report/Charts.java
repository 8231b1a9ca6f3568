package io.sage4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's plots, made with XChart and written as PNG (for the page, at twice the pixel density) and SVG.
 * One visual language throughout: sage4j in blues and greens, peers in warm colours; kernel-only as solid lines with
 * circles, whole calls dashed with squares; a red ring on every figure that fell against the baseline.
 */
public final class Charts {
    /** Logical size of every chart, in CSS pixels; the PNG holds twice as many pixels each way. */
    public static final int WIDTH = 820;
    public static final int HEIGHT = 480;
    public static final double PNG_SCALE = 2.0;

    public static final Color REGRESSION = new Color(0xD0, 0x10, 0x10);
    private static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    private static final Color TEXT = new Color(0x22, 0x22, 0x22);

    private static final Color[] SAGE4J = {new Color(0x00, 0x72, 0xB2), new Color(0x00, 0x9E, 0x73),
        new Color(0x33, 0x22, 0x88), new Color(0x11, 0x77, 0x33)};
    private static final Color[] OTHER_PEERS = {new Color(0xD5, 0x5E, 0x00), new Color(0x66, 0x66, 0x66),
        new Color(0x44, 0xAA, 0x99), new Color(0x99, 0x99, 0x33)};

    private Charts() {}

    /** How a line is drawn. */
    public enum Dash { SOLID, DASHED, NONE }

    /** The marker of a point. */
    public enum Mark { CIRCLE, SQUARE, DIAMOND, TRIANGLE, RING, NONE }

    /** A line of an XY chart; {@code width} in logical pixels. */
    public record Line(String name, double[] x, double[] y, Color color, Dash dash, float width, Mark mark) {}

    /**
     * A chart drawn at a scale: 1 for SVG, 2 for the PNG. Charts are built anew at each scale (fonts, strokes,
     * paddings multiplied) rather than painted through a scaled Graphics2D, because XChart measures text at scale
     * 1 and scaled text would overrun the legend box it sized.
     */
    @FunctionalInterface
    public interface Spec {
        Chart<?, ?> build(double scale);
    }

    /** Colour of a sage4j backend (by its position among the card's backends), faded for older runs. */
    public static Color sage4jColor(int backendIndex, int runsNewerThanThis) {
        Color c = SAGE4J[Math.floorMod(backendIndex, SAGE4J.length)];
        return runsNewerThanThis == 0 ? c : fade(c, Math.min(0.75, 0.45 + 0.15 * (runsNewerThanThis - 1)));
    }

    /** Colour of a peer: fixed for the known ones, so FA2 and cuDNN look the same in every plot. */
    public static Color peerColor(String peer, int index) {
        String p = peer.toLowerCase(Locale.ROOT);
        if (p.startsWith("fa2") || p.startsWith("flashattention-2") || p.startsWith("flash-attn 2")) {
            return new Color(0xE6, 0x9F, 0x00);
        }
        if (p.startsWith("fa3") || p.startsWith("flashattention-3")) {
            return new Color(0xB5, 0x7A, 0x00);
        }
        if (p.startsWith("cudnn") && p.contains("bf16")) {
            return new Color(0x88, 0x22, 0x55);
        }
        if (p.startsWith("cudnn")) {
            return new Color(0xCC, 0x79, 0xA7);
        }
        return OTHER_PEERS[Math.floorMod(index, OTHER_PEERS.length)];
    }

    static Color fade(Color c, double towardsWhite) {
        return new Color((int) Math.round(c.getRed() + (255 - c.getRed()) * towardsWhite),
                (int) Math.round(c.getGreen() + (255 - c.getGreen()) * towardsWhite),
                (int) Math.round(c.getBlue() + (255 - c.getBlue()) * towardsWhite));
    }

    static BasicStroke stroke(Dash dash, float width, double scale) {
        float w = (float) (width * scale);
        return switch (dash) {
            case SOLID -> new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
            case DASHED -> new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {(float) (9 * scale), (float) (5 * scale)}, 0f);
            case NONE -> SeriesLines.NONE;
        };
    }

    static Marker marker(Mark mark) {
        return switch (mark) {
            case CIRCLE -> SeriesMarkers.CIRCLE;
            case SQUARE -> SeriesMarkers.SQUARE;
            case DIAMOND -> SeriesMarkers.DIAMOND;
            case TRIANGLE -> SeriesMarkers.TRIANGLE_UP;
            case RING -> RING;
            case NONE -> SeriesMarkers.NONE;
        };
    }

    /** A ring, drawn around a point that fell against the baseline. */
    public static final Marker RING = new Marker() {
        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            Stroke old = g.getStroke();
            g.setStroke(new BasicStroke(size / 3.2f));
            double r = size * 1.2;
            g.draw(new java.awt.geom.Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
            g.setStroke(old);
        }
    };

    /** A short thick horizontal bar: a threshold drawn across a bar of a bar chart. */
    public static final Marker DASH = new Marker() {
        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            Stroke old = g.getStroke();
            g.setStroke(new BasicStroke(size / 2.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            double half = size * 2.2;
            g.draw(new Line2D.Double(x - half, y, x + half, y));
            g.setStroke(old);
        }
    };

    /**
     * Lines against sequence length on a base-2 axis, ticks labelled with the measured lengths.
     *
     * @param yFromZero whether the y axis starts at 0 (throughput: yes)
     * @param parity    a horizontal reference line at this y (NaN for none)
     */
    public static XYChart lines(String title, String yTitle, List<Line> lines, boolean yFromZero, double parity,
                               double scale) {
        XYChart chart = new XYChart((int) Math.round(WIDTH * scale), (int) Math.round(HEIGHT * scale));
        chart.setTitle(title);
        chart.setXAxisTitle("sequence length N (tokens, log scale)");
        chart.setYAxisTitle(yTitle);
        style(chart.getStyler(), scale);
        chart.getStyler().setXAxisLogarithmic(false);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Charts::seqLenLabel);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        chart.getStyler().setMarkerSize((int) Math.round(8 * scale));
        double yMax = 0;
        double yMin = Double.POSITIVE_INFINITY;
        for (Line l : lines) {
            if (l.x().length == 0) {
                continue;
            }
            double[] log2 = new double[l.x().length];
            for (int i = 0; i < log2.length; i++) {
                log2[i] = Math.log(l.x()[i]) / Math.log(2);
                yMax = Math.max(yMax, l.y()[i]);
                yMin = Math.min(yMin, l.y()[i]);
            }
            XYSeries s = chart.addSeries(uniqueName(chart.getSeriesMap().keySet(), l.name()), log2, l.y());
            s.setLineColor(l.color());
            s.setMarkerColor(l.color());
            s.setLineStyle(stroke(l.dash(), l.width(), scale));
            if (l.dash() == Dash.NONE) {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            s.setMarker(marker(l.mark()));
        }
        if (!Double.isNaN(parity)) {
            yMax = Math.max(yMax, parity);
            AnnotationLine line = new AnnotationLine(parity, false, false);
            chart.addAnnotation(line);
            chart.getStyler().setAnnotationLineColor(new Color(0x55, 0x55, 0x55));
            chart.getStyler().setAnnotationLineStroke(stroke(Dash.DASHED, 1.5f, scale));
        }
        if (yFromZero) {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(niceCeiling(yMax * 1.08));
        }
        return chart;
    }

    /** A tick label of the base-2 sequence-length axis: the length itself (1024, 4096, 16384). */
    static String seqLenLabel(Double log2) {
        double n = Math.pow(2, log2);
        long r = Math.round(n);
        return Long.toString(r);
    }

    /** A bar per category for each series (missing values as null), optionally with threshold dashes. */
    public record Bars(String name, List<Double> values, Color color) {}

    /**
     * Grouped bars.
     *
     * @param overlap   draw the series on top of each other (one bar per category, series as its colour)
     * @param log       logarithmic y axis
     * @param marks     series drawn as {@link #DASH} marks (thresholds), on top of the bars
     * @param reference a horizontal reference line (NaN for none)
     */
    public static CategoryChart bars(String title, String xTitle, String yTitle, List<String> categories,
                                     List<Bars> bars, List<Bars> marks, boolean overlap, boolean log,
                                     double yMaxAtLeast, double reference, double scale) {
        CategoryChart chart = new CategoryChart((int) Math.round(WIDTH * scale), (int) Math.round(HEIGHT * scale));
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        style(chart.getStyler(), scale);
        chart.getStyler().setOverlapped(overlap);
        chart.getStyler().setAvailableSpaceFill(overlap ? 0.6 : 0.8);
        // Rotate the category labels only when they would not fit side by side (about 7.5 px a character).
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        double slot = (WIDTH - 300) / (double) Math.max(1, categories.size());
        chart.getStyler().setXAxisLabelRotation(longest * 7.5 > slot * 0.9 ? 30 : 0);
        chart.getStyler().setMarkerSize((int) Math.round(9 * scale));
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        List<Bars> all = new ArrayList<>(bars);
        all.addAll(marks);
        for (Bars b : all) {
            for (Double v : b.values()) {
                if (v != null && !Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        for (Bars b : bars) {
            addBars(chart, categories, b, log, CategorySeries.CategorySeriesRenderStyle.Bar, null);
        }
        for (Bars m : marks) {
            addBars(chart, categories, m, log, CategorySeries.CategorySeriesRenderStyle.Scatter, DASH);
        }
        if (log) {
            double lo = Math.max(min, LOG_FLOOR);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
            // XChart draws a grid line at every minor tick of a log axis: keep them faint.
            chart.getStyler().setPlotGridLinesColor(new Color(0xF1, 0xF1, 0xF1));
            // One decade below the smallest value, so that even the smallest bar is visibly a bar.
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo)) - 1));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10)))));
        } else {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(niceCeiling(Math.max(max * 1.05, yMaxAtLeast)));
        }
        if (!Double.isNaN(reference)) {
            chart.addAnnotation(new AnnotationLine(reference, false, false));
            chart.getStyler().setAnnotationLineColor(new Color(0x55, 0x55, 0x55));
            chart.getStyler().setAnnotationLineStroke(stroke(Dash.DASHED, 1.5f, scale));
        }
        return chart;
    }

    /** Smallest value a logarithmic axis shows; smaller values (e.g. an exact 0) are drawn at it. */
    static final double LOG_FLOOR = 1e-12;

    private static void addBars(CategoryChart chart, List<String> categories, Bars b, boolean log,
                                CategorySeries.CategorySeriesRenderStyle style, Marker marker) {
        List<Double> values = new ArrayList<>();
        boolean any = false;
        for (Double v : b.values()) {
            if (v == null || Double.isNaN(v)) {
                values.add(null);
            } else {
                values.add(log ? Math.max(v, LOG_FLOOR) : v);
                any = true;
            }
        }
        if (!any) {
            return;
        }
        CategorySeries s = chart.addSeries(uniqueName(chart.getSeriesMap().keySet(), b.name()), categories, values);
        s.setChartCategorySeriesRenderStyle(style);
        s.setFillColor(b.color());
        s.setLineColor(b.color());
        s.setMarkerColor(b.color());
        if (marker != null) {
            s.setMarker(marker);
            s.setLineStyle(SeriesLines.NONE);
        }
    }

    private static String uniqueName(java.util.Set<String> taken, String name) {
        String n = name;
        for (int i = 2; taken.contains(n); i++) {
            n = name + " (" + i + ")";
        }
        return n;
    }

    /** 1, 2, 2.5, 5 × 10^k at or above {@code v}: a round axis end. */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 10}) {
            if (m * p >= v - 1e-12 * p) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static void style(AxesChartStyler s, double k) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 14).deriveFont((float) (14 * k));
        s.setBaseFont(base);
        s.setChartTitleFont(base.deriveFont(Font.BOLD, (float) (15.5 * k)));
        s.setAxisTitleFont(base.deriveFont((float) (14 * k)));
        s.setAxisTickLabelsFont(base.deriveFont((float) (13.5 * k)));
        s.setLegendFont(base.deriveFont((float) (13.5 * k)));
        s.setChartFontColor(TEXT);
        s.setAxisTickLabelsColor(TEXT);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xB0, 0xB0, 0xB0));
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke((float) k));
        s.setAxisTickMarksStroke(new BasicStroke((float) k));
        s.setAxisTickMarkLength((int) Math.round(4 * k));
        s.setAxisTickPadding((int) Math.round(4 * k));
        s.setXAxisTickMarkSpacingHint((int) Math.round(74 * k));
        s.setYAxisTickMarkSpacingHint((int) Math.round(44 * k));
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding((int) Math.round(6 * k));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setLegendBorderColor(new Color(0xD0, 0xD0, 0xD0));
        s.setLegendBackgroundColor(Color.WHITE);
        s.setLegendSeriesLineLength((int) Math.round(30 * k));
        s.setLegendPadding((int) Math.round(8 * k));
        s.setChartPadding((int) Math.round(12 * k));
        s.setAxisTitlePadding((int) Math.round(8 * k));
        s.setPlotMargin((int) Math.round(6 * k));
        s.setLocale(Locale.ROOT);
        s.setToolTipsEnabled(false);
    }

    /** The chart as PNG bytes (build it at {@value #PNG_SCALE}× for sharp text on high-density screens). */
    public static byte[] png(Chart<?, ?> chart) throws IOException {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0f);  // smallest file; PNG stays lossless
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * The chart as an SVG document. XChart draws text as glyph outlines (so the SVG looks the same without the
     * fonts); coordinates are rounded to 1/100 px, which keeps the drawing and halves the file.
     */
    public static byte[] svg(Chart<?, ?> chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String svg = out.toString(StandardCharsets.UTF_8);
        Matcher m = LONG_DECIMAL.matcher(svg);
        StringBuilder sb = new StringBuilder(svg.length());
        while (m.find()) {
            String rounded = new BigDecimal(m.group()).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros()
                    .toPlainString();
            m.appendReplacement(sb, rounded.equals("-0") ? "0" : rounded);
        }
        m.appendTail(sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{3,}");

    /** The files of one plot. */
    public record PlotFiles(String name, Path png, Path svg, byte[] pngBytes) {}

    /** Writes {@code dir/name.png} (at {@value #PNG_SCALE}×) and {@code dir/name.svg}. */
    public static PlotFiles write(Spec spec, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        byte[] png = png(spec.build(PNG_SCALE));
        Chart<?, ?> chart = spec.build(1);
        Path pngPath = dir.resolve(name + ".png");
        Files.write(pngPath, png);
        Path svgPath = dir.resolve(name + ".svg");
        try (OutputStream os = Files.newOutputStream(svgPath)) {
            os.write(svg(chart));
        }
        return new PlotFiles(name, pngPath, svgPath, png);
    }
}
