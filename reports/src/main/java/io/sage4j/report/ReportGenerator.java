package io.sage4j.report;

import static io.sage4j.report.Text.esc;

import io.sage4j.cli.AtomicFiles;
import io.sage4j.report.Analysis.Panel;
import io.sage4j.report.Analysis.Run;
import io.sage4j.report.Charts.Bars;
import io.sage4j.report.Charts.Dash;
import io.sage4j.report.Charts.Line;
import io.sage4j.report.Charts.Mark;
import io.sage4j.report.Charts.PlotFiles;
import io.sage4j.report.InputReader.Inputs;
import io.sage4j.report.Model.Ablation;
import io.sage4j.report.Model.AccuracyRow;
import io.sage4j.report.Model.AccuracyRun;
import io.sage4j.report.Model.AttentionCheck;
import io.sage4j.report.Model.AttentionRow;
import io.sage4j.report.Model.ConversionCheck;
import io.sage4j.report.Model.QuantizerCheck;
import io.sage4j.report.Model.QuantizerRow;
import io.sage4j.report.Model.QuantizerRun;
import io.sage4j.report.Model.Source;
import io.sage4j.report.Model.VerifyRun;
import io.sage4j.report.Regressions.Comparison;
import io.sage4j.report.Regressions.Regression;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a report: {@code index.html} (self-contained: every plot embedded as a PNG data URI), {@code summary.md}
 * for pull requests, {@code report-data.json} (the figures, for a later {@code --baseline}), {@code plots/*.png|svg},
 * and a copy of every input under {@code data/}.
 */
public final class ReportGenerator {
    /**
     * @param out         the report directory (created)
     * @param baseline    an earlier report's data to compare with, or null
     * @param minSpread   the smallest relative fall that counts as a regression for measured figures
     * @param env         where and when the report is made
     * @param commandLine how to make this report again (shown on the page)
     */
    public record Options(Path out, ReportData.Baseline baseline, double minSpread, ReportEnvironment env,
                          String commandLine) {}

    /** What was written. {@code comparison} is null without a baseline. */
    public record Result(Path index, Path summary, Path data, List<PlotFiles> plots, Comparison comparison,
                         List<Figure> figures) {}

    private static final String NOT_RECORDED_HINT = "not recorded in the data";

    private final Inputs inputs;
    private final Analysis analysis;
    private final Options options;
    private final Path plotsDir;
    private final List<PlotFiles> plots = new ArrayList<>();
    private final Map<String, Regression> regressed = new HashMap<>();
    private final Map<Source, String> dataCopies = new HashMap<>();
    private final Set<String> usedPlotNames = new HashSet<>();
    private final StringBuilder html = new StringBuilder(1 << 20);
    private final StringBuilder md = new StringBuilder();
    private Comparison comparison;

    private ReportGenerator(Inputs inputs, Options options) {
        this.inputs = inputs;
        this.analysis = new Analysis(inputs);
        this.options = options;
        this.plotsDir = options.out().resolve("plots");
    }

    public static Result generate(Inputs inputs, Options options) throws IOException {
        return new ReportGenerator(inputs, options).run();
    }

    private Result run() throws IOException {
        Path out = options.out();
        Files.createDirectories(out);
        cleanPlots();
        copyInputs();
        List<Figure> figures = analysis.figures();
        if (options.baseline() != null) {
            comparison = Regressions.compare(options.baseline().figures(), figures, options.minSpread());
            comparison.regressions().forEach(r -> regressed.put(r.current().key(), r));
        }
        try {
            page();
        } catch (RuntimeException | LinkageError e) {
            if (isMissingFonts(e)) {
                throw new IOException("cannot draw the plots: Java found no fonts (" + e + "). Install fontconfig "
                        + "and a font package (Debian/Ubuntu: apt-get install fontconfig fonts-dejavu-core)", e);
            }
            throw e;
        }
        Path index = out.resolve("index.html");
        Path summary = out.resolve("summary.md");
        Path data = out.resolve("report-data.json");
        AtomicFiles.writeString(data, ReportData.render(figures, inputs.sources(), options.env(), options.minSpread()));
        AtomicFiles.writeString(index, html.toString());
        AtomicFiles.writeString(summary, md.toString());
        for (Path p : List.of(data, index, summary)) {
            readableByAll(p);
        }
        return new Result(index, summary, data, List.copyOf(plots), comparison, figures);
    }

    private static boolean isMissingFonts(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("fontconfig") || m.contains("font") && m.contains("null") || m.contains("libfreetype")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A report is for sharing (a web server, a CI artifact): its files get rw-r--r-- where the file system has POSIX
     * permissions, whatever the temporary-file or source permissions were.
     */
    static void readableByAll(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not POSIX, or not ours to change: leave the permissions as they are.
        }
    }

    /** Plots of an earlier report in the same directory would otherwise linger beside the new ones. */
    private void cleanPlots() throws IOException {
        if (!Files.isDirectory(plotsDir)) {
            return;
        }
        try (Stream<Path> s = Files.list(plotsDir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".svg"))) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Copies every input into {@code data/} so the report carries the JSON it was made from. */
    private void copyInputs() throws IOException {
        Path dataDir = options.out().resolve("data");
        Set<String> used = new HashSet<>();
        for (Source s : inputs.sources()) {
            String name = s.path().getFileName().toString();
            for (int i = 2; used.contains(name); i++) {
                name = s.label() + "-" + i + ".json";
            }
            used.add(name);
            Path target = dataDir.resolve(name);
            Files.createDirectories(dataDir);
            if (!(Files.exists(target) && Files.isSameFile(target, s.path()))) {
                Files.copy(s.path(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                readableByAll(target);
            }
            dataCopies.put(s, "data/" + name);
        }
    }

    // ------------------------------------------------------------------ page

    private void page() throws IOException {
        ReportEnvironment env = options.env();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>sage4j report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<header><h1>sage4j report</h1>\n<p class=\"meta\">Generated ").append(esc(Text.time(env.generated())))
                .append(" · report made at commit <code>").append(esc(env.commit())).append("</code> · sage4j ")
                .append(esc(env.sage4jVersion())).append(" · Java ").append(esc(env.javaVersion())).append("</p>\n");
        html.append("<p class=\"meta\">From ").append(inputs.sources().size()).append(" result file")
                .append(inputs.sources().size() == 1 ? "" : "s").append(" (listed under <a href=\"#inputs\">Inputs</a>). ")
                .append("Figures are grouped by card; numbers from different cards are never drawn in one plot.</p>\n")
                .append("</header>\n");
        md.append("## sage4j report\n\n").append("Generated ").append(Text.time(env.generated()))
                .append(" at commit `").append(env.commit()).append("` from ").append(inputs.sources().size())
                .append(" result files. Full report with plots: `index.html`.\n\n");

        nav();
        regressionSection();
        for (String card : analysis.cards()) {
            cardSection(card);
        }
        hostChecksSection();
        accuracySection();
        inputsSection();
        html.append("<footer><p>Made by <code>").append(esc(options.commandLine())).append("</code>. ")
                .append("TOPS = 4·B·H·N<sub>q</sub>·N<sub>k</sub>·D / time, halved for causal masks; "
                        + "every timing is the median of repeated runs after warm-up, with the fastest and slowest "
                        + "repeat kept as its spread.</p></footer>\n</body>\n</html>\n");
    }

    private void nav() {
        html.append("<nav><b>Contents</b>");
        if (comparison != null) {
            html.append(" · <a href=\"#regressions\">Regressions</a>");
        }
        for (String card : analysis.cards()) {
            html.append(" · <a href=\"#").append(cardId(card)).append("\">").append(esc(card)).append("</a>");
        }
        if (inputs.verifyRuns().stream().anyMatch(v -> v.device() == null)) {
            html.append(" · <a href=\"#host-checks\">Format checks</a>");
        }
        if (!inputs.accuracyRuns().isEmpty()) {
            html.append(" · <a href=\"#accuracy\">Accuracy</a>");
        }
        html.append(" · <a href=\"#inputs\">Inputs</a></nav>\n");
    }

    private static String cardId(String card) {
        return "card-" + Text.slug(card);
    }

    // ------------------------------------------------------------------ regressions

    private void regressionSection() {
        if (comparison == null) {
            return;
        }
        ReportData.Baseline b = options.baseline();
        String against = "baseline " + b.file().getFileName() + " (commit " + b.commit() + ", generated "
                + Text.time(b.generated()) + ")";
        html.append("<section id=\"regressions\"><h2>Regressions against the baseline</h2>\n");
        String rule = "A figure fell when it moved the wrong way by more than the run-to-run spread: the larger of "
                + "the two runs' (best − worst repeat) / median, at least " + Text.percent(options.minSpread())
                + " for timings; verdicts (verification passed, within the accuracy gate) have no allowance. "
                + "Peers are context and never count.";
        if (comparison.regressed()) {
            html.append("<p class=\"bad\"><b>").append(comparison.regressions().size()).append(" of ")
                    .append(comparison.compared()).append(" figures fell</b> against ").append(esc(against))
                    .append(". They are ringed in red in the plots and marked ▼ in the tables.</p>\n");
            md.append("**Regressions:** ").append(comparison.regressions().size()).append(" of ")
                    .append(comparison.compared()).append(" figures fell against ").append(against).append(".\n\n");
            html.append("<table><tr><th>card</th><th>figure</th><th class=\"r\">baseline</th><th class=\"r\">now</th>"
                    + "<th class=\"r\">change</th><th class=\"r\">allowed</th><th>unit</th></tr>\n");
            md.append("| card | figure | baseline | now | change | allowed |\n|---|---|---:|---:|---:|---:|\n");
            for (Regression r : comparison.regressions()) {
                Figure f = r.current();
                String change = Text.signedPercent(-r.change() * (f.higherIsBetter() ? 1 : -1));
                html.append("<tr><td>").append(esc(f.device())).append("</td><td>").append(esc(f.label()))
                        .append("</td><td class=\"r\">").append(esc(fmt(r.baseline()))).append("</td><td class=\"r bad\">")
                        .append(esc(fmt(f))).append("</td><td class=\"r bad\">").append(esc(change))
                        .append("</td><td class=\"r\">±").append(esc(Text.percent(r.tolerance()))).append("</td><td>")
                        .append(esc(f.unit())).append("</td></tr>\n");
                md.append("| ").append(Text.md(f.device())).append(" | ").append(Text.md(f.label())).append(" | ")
                        .append(fmt(r.baseline())).append(" | ").append(fmt(f)).append(" | ").append(change)
                        .append(" | ±").append(Text.percent(r.tolerance())).append(" |\n");
            }
            html.append("</table>\n");
            md.append("\n");
        } else {
            html.append("<p class=\"good\"><b>No figure fell</b>: ").append(comparison.compared())
                    .append(" figures compared with ").append(esc(against)).append(", ").append(comparison.improved())
                    .append(" improved beyond their spread.</p>\n");
            md.append("**Regressions:** none; ").append(comparison.compared()).append(" figures compared with ")
                    .append(against).append(" (").append(comparison.improved()).append(" improved).\n\n");
        }
        if (!comparison.missing().isEmpty()) {
            html.append("<p>").append(comparison.missing().size())
                    .append(" figures of the baseline are not in this report (not measured this time).</p>\n");
        }
        if (!comparison.added().isEmpty()) {
            html.append("<p>").append(comparison.added().size()).append(" figures are new (not in the baseline).</p>\n");
        }
        html.append("<p class=\"note\">").append(esc(rule)).append("</p>\n</section>\n");
    }

    private static String fmt(Figure f) {
        if (f.exact()) {
            return f.value() == 1 ? "yes" : "no";
        }
        return switch (f.unit()) {
            case "TOPS" -> Text.tops(f.value());
            case "GB/s" -> Text.num(f.value(), 0);
            default -> Text.sci(f.value());
        };
    }

    // ------------------------------------------------------------------ one card

    private void cardSection(String card) throws IOException {
        html.append("<section id=\"").append(cardId(card)).append("\"><h2>").append(esc(card)).append("</h2>\n");
        html.append("<p class=\"meta\">Device strings recorded: ");
        html.append(String.join("; ", analysis.deviceStrings(card).stream().map(d -> "<code>" + esc(d) + "</code>")
                .toList())).append("</p>\n");
        md.append("### ").append(card).append("\n\n");
        if (!analysis.attention(card).isEmpty()) {
            attentionPlots(card);
        }
        if (!analysis.quantizerRuns(card).isEmpty()) {
            quantizerSection(card);
        }
        if (!analysis.verifyRuns(card).isEmpty()) {
            verifySection(card, analysis.verifyRuns(card), "Verification");
        }
        html.append("</section>\n");
    }

    private void attentionPlots(String card) throws IOException {
        List<Run> runs = analysis.runs(card);
        Map<String, List<AttentionRow>> peers = analysis.peers(card);
        List<String> backends = runs.stream().map(Run::backend).distinct().toList();
        html.append("<h3>Attention throughput</h3>\n<p class=\"note\">TOPS against sequence length, one plot per head "
                + "dim and mask. <b>sage4j kernel</b> (solid, circles): the attention kernel on pre-quantized inputs; "
                + "<b>sage4j whole call</b> (dashed, squares): fp32 in, quantization included. Peers (PyTorch SDPA "
                + "backends on fp16/bf16 inputs) were timed on the same card. Older sage4j runs are drawn in paler "
                + "colours.</p>\n<div class=\"grid\">\n");
        for (Panel panel : analysis.panels(card)) {
            List<Line> lines = new ArrayList<>();
            List<AttentionRow> used = new ArrayList<>();
            List<AttentionRow> fell = new ArrayList<>();
            for (Run run : runs) {
                int b = backends.indexOf(run.backend());
                long sameBackend = runs.stream().filter(r -> r.backend().equals(run.backend())).count();
                long newer = runs.stream().filter(r -> r.backend().equals(run.backend())
                        && analysis.age(r.source()) > analysis.age(run.source())).count();
                for (String kind : kinds(run.rows())) {
                    List<AttentionRow> rows = sorted(run.rows().stream().filter(r -> panel.matches(r)
                            && r.kind().equals(kind)).toList());
                    if (rows.isEmpty()) {
                        continue;
                    }
                    used.addAll(rows);
                    boolean kernel = kind.equals("kernel");
                    String name = "sage4j " + run.backend() + " " + Analysis.kindLabel(kind)
                            + (sameBackend > 1 ? "\n(" + run.source().label() + ")" : "");
                    float width = newer == 0 ? 2.6f : 1.8f;
                    lines.add(new Line(name, seq(rows), rows.stream().mapToDouble(AttentionRow::tops).toArray(),
                            Charts.sage4jColor(b, (int) newer), kernel ? Dash.SOLID : Dash.DASHED, width,
                            kernel ? Mark.CIRCLE : Mark.SQUARE));
                    for (AttentionRow r : rows) {
                        Regression g = regressed.get(Analysis.key(r));
                        if (g != null && g.current().source().equals(r.source().label())) {
                            fell.add(r);
                        }
                    }
                }
            }
            int p = 0;
            for (Map.Entry<String, List<AttentionRow>> e : peers.entrySet()) {
                List<AttentionRow> rows = sorted(e.getValue().stream().filter(panel::matches).toList());
                if (rows.isEmpty()) {
                    p++;
                    continue;
                }
                used.addAll(rows);
                lines.add(new Line(e.getKey(), seq(rows), rows.stream().mapToDouble(AttentionRow::tops).toArray(),
                        Charts.peerColor(e.getKey(), p), Dash.SOLID, 2f, p % 2 == 0 ? Mark.DIAMOND : Mark.TRIANGLE));
                p++;
            }
            if (!fell.isEmpty()) {
                lines.add(new Line("fell vs baseline", seq(fell), fell.stream().mapToDouble(AttentionRow::tops)
                        .toArray(), Charts.REGRESSION, Dash.NONE, 0f, Mark.RING));
            }
            String title = card + " — " + panel.title();
            // CPU backends reach a fraction of a TOPS: draw them in GOPS rather than as 0.00x.
            double max = lines.stream().flatMapToDouble(l -> java.util.Arrays.stream(l.y())).max().orElse(0);
            List<Line> drawn = max >= 1 ? lines : lines.stream().map(l -> new Line(l.name(), l.x(),
                    java.util.Arrays.stream(l.y()).map(v -> v * 1000).toArray(), l.color(), l.dash(), l.width(),
                    l.mark())).toList();
            String yTitle = max >= 1 ? "TOPS (10¹² operations/s)" : "GOPS (10⁹ operations/s)";
            Charts.Spec chart = k -> Charts.lines(title, yTitle, drawn, true, Double.NaN, k);
            figure(chart, "tops-" + Text.slug(card) + "-" + panel.slug(), title, envCaption(used), !fell.isEmpty());
        }
        html.append("</div>\n");
        speedupPlots(card, peers);
        attentionTable(card, peers);
    }

    private void speedupPlots(String card, Map<String, List<AttentionRow>> peers) throws IOException {
        List<Run> newest = analysis.newestRuns(card);
        if (peers.isEmpty() || newest.isEmpty()) {
            html.append("<p class=\"note\">No ").append(peers.isEmpty() ? "peer" : "sage4j run")
                    .append(" was measured on this card, so there is no speedup to show.</p>\n");
            return;
        }
        html.append("<h3>Speedup over each peer</h3>\n<p class=\"note\">sage4j's newest run on this card divided by "
                + "each peer at the same shape (above 1 = sage4j faster). Solid: kernel only; dashed: whole call. "
                + "The grey dashed line is parity.</p>\n<div class=\"grid\">\n");
        boolean manyBackends = newest.size() > 1;
        for (Panel panel : analysis.panels(card)) {
            List<Line> lines = new ArrayList<>();
            List<AttentionRow> used = new ArrayList<>();
            int p = 0;
            for (Map.Entry<String, List<AttentionRow>> e : peers.entrySet()) {
                Map<Integer, AttentionRow> peerAt = new LinkedHashMap<>();
                e.getValue().stream().filter(panel::matches).forEach(r -> peerAt.put(r.seqLen(), r));
                for (Run run : newest) {
                    for (String kind : kinds(run.rows())) {
                        List<AttentionRow> rows = sorted(run.rows().stream().filter(r -> panel.matches(r)
                                && r.kind().equals(kind) && peerAt.containsKey(r.seqLen())).toList());
                        if (rows.isEmpty()) {
                            continue;
                        }
                        used.addAll(rows);
                        rows.forEach(r -> used.add(peerAt.get(r.seqLen())));
                        double[] ratio = rows.stream().mapToDouble(r -> r.tops() / peerAt.get(r.seqLen()).tops())
                                .toArray();
                        boolean kernel = kind.equals("kernel");
                        lines.add(new Line((manyBackends ? run.backend() + " " : "") + Analysis.kindLabel(kind) + " ÷ "
                                + e.getKey(), seq(rows), ratio, Charts.peerColor(e.getKey(), p),
                                kernel ? Dash.SOLID : Dash.DASHED, kernel ? 2.4f : 2.2f,
                                kernel ? Mark.CIRCLE : Mark.SQUARE));
                    }
                }
                p++;
            }
            if (lines.isEmpty()) {
                continue;
            }
            String title = card + " — speedup, " + panel.title();
            Charts.Spec chart = k -> Charts.lines(title, "speedup (sage4j TOPS ÷ peer TOPS)", lines, true, 1.0, k);
            figure(chart, "speedup-" + Text.slug(card) + "-" + panel.slug(), title, envCaption(dedupe(used)), false);
        }
        html.append("</div>\n");
    }

    private void attentionTable(String card, Map<String, List<AttentionRow>> peers) {
        List<Run> newest = analysis.newestRuns(card);
        if (newest.isEmpty()) {
            return;
        }
        List<String> peerNames = new ArrayList<>(peers.keySet());
        html.append("<h3>Numbers (newest run: ").append(esc(Text.and(newest.stream().map(r -> r.source().label()
                + " (" + Text.time(r.source().timestamp()) + ")").toList()))).append(")</h3>\n");
        md.append("Attention TOPS, newest sage4j run").append(newest.size() > 1 ? "s " : " ")
                .append(Text.and(newest.stream().map(r -> "`" + r.source().label() + "` (" + Text.time(r.source()
                        .timestamp()) + ")").toList()));
        if (!peerNames.isEmpty()) {
            md.append("; peers from ").append(Text.and(peers.values().stream().map(l -> "`" + l.getFirst().source()
                    .label() + "`").distinct().toList()));
        }
        md.append(". Speedup = kernel ÷ peer / whole call ÷ peer.\n\n");
        StringBuilder head = new StringBuilder("<table><tr><th class=\"r\">hd</th><th>mask</th><th class=\"r\">B×H</th>"
                + "<th class=\"r\">N</th>");
        StringBuilder mdHead = new StringBuilder("| hd | mask | N |");
        List<String> kindsSeen = new ArrayList<>();
        for (Run run : newest) {
            for (String kind : kinds(run.rows())) {
                kindsSeen.add(run.backend() + "\u0000" + kind);
                head.append("<th class=\"r\">").append(esc(run.backend() + " " + Analysis.kindLabel(kind)))
                        .append("</th>");
                mdHead.append(" ").append(run.backend()).append(" ").append(Analysis.kindLabel(kind)).append(" |");
            }
        }
        for (String peer : peerNames) {
            head.append("<th class=\"r\">").append(esc(peer)).append("</th>");
            mdHead.append(" ").append(Text.md(peer)).append(" |");
        }
        for (String peer : peerNames) {
            head.append("<th class=\"r\">÷ ").append(esc(peer)).append("</th>");
            mdHead.append(" ÷ ").append(Text.md(peer)).append(" |");
        }
        html.append(head).append("</tr>\n");
        md.append(mdHead).append("\n|---:|---|---:|").append("---:|".repeat(kindsSeen.size() + 2 * peerNames.size()))
                .append("\n");
        for (Panel panel : analysis.panels(card)) {
            Set<Integer> ns = new java.util.TreeSet<>();
            newest.forEach(r -> r.rows().stream().filter(panel::matches).forEach(x -> ns.add(x.seqLen())));
            for (int n : ns) {
                html.append("<tr><td class=\"r\">").append(panel.headDim()).append("</td><td>")
                        .append(panel.causal() ? "causal" : "none").append("</td><td class=\"r\">").append(panel.batch())
                        .append("×").append(panel.heads()).append("</td><td class=\"r\">").append(n).append("</td>");
                md.append("| ").append(panel.headDim()).append(" | ").append(panel.causal() ? "causal" : "none")
                        .append(" | ").append(n).append(" |");
                Map<String, AttentionRow> mine = new LinkedHashMap<>();
                for (Run run : newest) {
                    for (String kind : kinds(run.rows())) {
                        AttentionRow row = run.rows().stream().filter(r -> panel.matches(r) && r.seqLen() == n
                                && r.kind().equals(kind)).findFirst().orElse(null);
                        mine.put(run.backend() + "\u0000" + kind, row);
                        Regression g = row == null ? null : regressed.get(Analysis.key(row));
                        html.append("<td class=\"r").append(g != null ? " bad" : "").append("\">")
                                .append(row == null ? "–" : Text.tops(row.tops()))
                                .append(g != null ? " ▼" + esc(Text.signedPercent(-g.change())) : "").append("</td>");
                        md.append(" ").append(row == null ? "–" : Text.tops(row.tops()))
                                .append(g != null ? " ▼" + Text.signedPercent(-g.change()) : "").append(" |");
                    }
                }
                Map<String, AttentionRow> peerRows = new LinkedHashMap<>();
                for (String peer : peerNames) {
                    AttentionRow row = peers.get(peer).stream().filter(r -> panel.matches(r) && r.seqLen() == n)
                            .findFirst().orElse(null);
                    peerRows.put(peer, row);
                    html.append("<td class=\"r peer\">").append(row == null ? "–" : Text.tops(row.tops())).append("</td>");
                    md.append(" ").append(row == null ? "–" : Text.tops(row.tops())).append(" |");
                }
                for (String peer : peerNames) {
                    AttentionRow pr = peerRows.get(peer);
                    List<String> ratios = new ArrayList<>();
                    if (pr != null) {
                        for (String k : kindsSeen) {
                            AttentionRow m = mine.get(k);
                            ratios.add(m == null ? "–" : Text.num(m.tops() / pr.tops(), 2));
                        }
                    }
                    String cell = pr == null ? "–" : String.join(" / ", ratios);
                    html.append("<td class=\"r\">").append(esc(cell)).append("</td>");
                    md.append(" ").append(cell).append(" |");
                }
                html.append("</tr>\n");
                md.append("\n");
            }
        }
        html.append("</table>\n<p class=\"note\">TOPS; the ÷ columns are ").append(esc(Text.and(kindsSeen.stream()
                .map(k -> k.replace("\u0000", " ").replace(" call", " whole call")).toList())))
                .append(" divided by the peer, in that order.</p>\n");
        md.append("\n");
    }

    private static List<String> kinds(List<AttentionRow> rows) {
        List<String> kinds = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(AttentionRow::kind).toList()));
        kinds.sort(Comparator.comparingInt(k -> k.equals("kernel") ? 0 : k.equals("call") ? 1 : 2));
        return kinds;
    }

    private static List<AttentionRow> sorted(List<AttentionRow> rows) {
        return rows.stream().sorted(Comparator.comparingInt(AttentionRow::seqLen)).toList();
    }

    private static double[] seq(List<AttentionRow> rows) {
        return rows.stream().mapToDouble(AttentionRow::seqLen).toArray();
    }

    private static List<AttentionRow> dedupe(List<AttentionRow> rows) {
        return new ArrayList<>(new LinkedHashSet<>(rows));
    }

    // ------------------------------------------------------------------ quantizers

    private void quantizerSection(String card) throws IOException {
        html.append("<h3>Quantizer bandwidth</h3>\n<p class=\"note\">Each quantizer's bandwidth as a share of the "
                + "device-to-device copy bandwidth measured in the same run (100 % = as fast as a copy of the same "
                + "bytes). Bytes are those the run recorded: the input read once plus the codes and scales written; "
                + "two-pass quantizers (smoothed K, FP8 V per channel) must read their input twice, so their share "
                + "of the bytes they really move is higher than drawn.</p>\n<div class=\"grid\">\n");
        List<QuantizerRun> runs = analysis.quantizerRuns(card);
        for (String backend : analysis.quantizerBackends(card)) {
            List<QuantizerRun> mine = runs.stream().filter(r -> r.backend().equals(backend)).toList();
            List<String> categories = new ArrayList<>(new LinkedHashSet<>(mine.stream().flatMap(r -> r.quantizers()
                    .stream().map(QuantizerRow::quantizer)).toList()));
            List<String> shortNames = shortNames(categories);
            List<Bars> bars = new ArrayList<>();
            for (int i = 0; i < mine.size(); i++) {
                QuantizerRun run = mine.get(i);
                List<Double> values = new ArrayList<>();
                for (String c : categories) {
                    values.add(run.quantizers().stream().filter(q -> q.quantizer().equals(c)).findFirst()
                            .map(q -> q.gbps() / run.copyGBps() * 100).orElse(null));
                }
                int newer = mine.size() - 1 - i;
                bars.add(new Bars(run.source().label(), values, Charts.sage4jColor(0, newer == 0 ? 0
                        : Math.min(3, newer))));
            }
            boolean fell = mine.getLast().quantizers().stream().anyMatch(q -> regressed.containsKey(
                    Analysis.key(mine.getLast(), q)));
            String inputsText = Text.and(mine.stream().flatMap(r -> r.quantizers().stream().map(QuantizerRow::input))
                    .filter(s -> !s.isBlank()).distinct().toList());
            String title = card + " — " + backend + " quantizers";
            Charts.Spec chart = k -> Charts.bars(title, "quantizer" + (inputsText.isEmpty() ? "" : " (input " + inputsText
                    + ")"), "% of copy bandwidth (GB/s ÷ copy GB/s)", shortNames, bars, List.of(), false, false, 100,
                    100, k);
            figure(chart, "quantizers-" + Text.slug(card) + "-" + Text.slug(backend), title,
                    envCaptionSources(mine.stream().map(QuantizerRun::source).toList(),
                            mine.stream().map(QuantizerRun::device).distinct().toList()), fell);
        }
        html.append("</div>\n");
        // Table: newest run per backend.
        html.append("<table><tr><th>backend</th><th>quantizer</th><th>input</th><th class=\"r\">median ms</th>"
                + "<th class=\"r\">min–max ms</th><th class=\"r\">GB/s</th><th class=\"r\">copy GB/s</th>"
                + "<th class=\"r\">% of copy</th><th>run</th></tr>\n");
        md.append("Quantizers (newest run per backend):\n\n| backend | quantizer | median ms | GB/s | % of copy |\n"
                + "|---|---|---:|---:|---:|\n");
        for (String backend : analysis.quantizerBackends(card)) {
            QuantizerRun run = runs.stream().filter(r -> r.backend().equals(backend)).reduce((x, y) -> y).orElseThrow();
            for (QuantizerRow q : run.quantizers()) {
                Regression g = regressed.get(Analysis.key(run, q));
                String mark = g == null ? "" : " ▼" + Text.signedPercent(-g.change());
                html.append("<tr><td>").append(esc(backend)).append("</td><td>").append(esc(q.quantizer()))
                        .append("</td><td>").append(esc(q.input())).append("</td><td class=\"r\">")
                        .append(Text.ms(q.medianMs())).append("</td><td class=\"r\">").append(Text.ms(q.minMs()))
                        .append("–").append(Text.ms(q.maxMs())).append("</td><td class=\"r").append(g == null ? "" : " bad")
                        .append("\">").append(Text.num(q.gbps(), 0)).append(esc(mark)).append("</td><td class=\"r\">")
                        .append(Text.num(run.copyGBps(), 0)).append("</td><td class=\"r\">")
                        .append(Text.percent(q.gbps() / run.copyGBps())).append("</td><td>")
                        .append(esc(run.source().label())).append("</td></tr>\n");
                md.append("| ").append(Text.md(backend)).append(" | ").append(Text.md(q.quantizer())).append(" | ")
                        .append(Text.ms(q.medianMs())).append(" | ").append(Text.num(q.gbps(), 0)).append(mark)
                        .append(" | ").append(Text.percent(q.gbps() / run.copyGBps())).append(" |\n");
            }
        }
        html.append("</table>\n");
        md.append("\n");
    }

    /**
     * Category labels short enough to sit under a bar: without a trailing " (...)" and without what follows ": ",
     * when the shortened names stay distinct; the tables keep the full names.
     */
    static List<String> shortNames(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String s = n;
            int colon = s.indexOf(": ");
            if (colon > 0) {
                s = s.substring(0, colon);
            }
            s = s.replaceAll("\\s+\\([^()]*\\)$", "");
            out.add(s.isBlank() ? n : s);
        }
        return new HashSet<>(out).size() == names.size() ? out : names;
    }

    // ------------------------------------------------------------------ verification

    private void verifySection(String card, List<VerifyRun> runs, String heading) {
        html.append("<h3>").append(esc(heading)).append("</h3>\n<p class=\"note\">Format conversions are checked "
                + "against NVIDIA's conversions over every float32 bit pattern (2^32 inputs each); GPU quantizers "
                + "byte for byte against the Java reference; attention kernels against the algorithm they implement "
                + "(cosine similarity on the same quantized inputs) and, like the algorithm, against exact "
                + "attention.</p>\n");
        html.append("<table><tr><th>run</th><th>backend</th><th>verdict</th><th>conversions</th><th>quantizers</th>"
                + "<th>attention vs algorithm</th></tr>\n");
        for (VerifyRun v : runs) {
            long convInputs = v.conversions().stream().mapToLong(ConversionCheck::inputs).sum();
            long convBad = v.conversions().stream().mapToLong(ConversionCheck::mismatches).sum();
            long cases = v.quantizers().stream().mapToLong(QuantizerCheck::cases).sum();
            long qBad = v.quantizers().stream().mapToLong(QuantizerCheck::mismatches).sum();
            boolean sameInputs = v.conversions().stream().mapToLong(ConversionCheck::inputs).distinct().count() == 1;
            String conv = v.conversions().isEmpty() ? "none in this run" : v.conversions().size() + " conversion"
                    + (v.conversions().size() == 1 ? ", " : "s, ") + (sameInputs
                    ? Text.count(v.conversions().getFirst().inputs()) + " inputs" + (v.conversions().size() > 1
                    ? " each, " : ", ") : Text.thousands(convInputs) + " inputs, ") + Text.thousands(convBad)
                    + " mismatches";
            boolean sameCases = v.quantizers().stream().mapToLong(QuantizerCheck::cases).distinct().count() == 1;
            String quant = v.quantizers().isEmpty() ? "none in this run" : v.quantizers().size() + " quantizer"
                    + (v.quantizers().size() == 1 ? ", " : "s, ") + (sameCases && v.quantizers().size() > 1
                    ? Text.thousands(v.quantizers().getFirst().cases()) + " cases each, "
                    : Text.thousands(cases) + " cases, ") + Text.thousands(qBad) + " mismatches";
            String att;
            if (v.attention().isEmpty()) {
                att = "not in this run";
            } else {
                double minCos = v.attention().stream().mapToDouble(AttentionCheck::cosVsAlgorithm).min().orElse(1);
                long bad = v.attention().stream().filter(a -> !a.passed()).count();
                att = v.attention().size() + " cases, min cos " + Text.num(minCos, 8) + ", " + bad + " failed";
            }
            Regression g = regressed.get(String.join("|", "verify", v.device() == null ? "this machine"
                    : Analysis.card(v.device()), v.backend() == null ? "formats" : v.backend()));
            html.append("<tr><td>").append(esc(v.source().label())).append("<br><span class=\"meta\">")
                    .append(esc(Text.time(v.source().timestamp()))).append("</span></td><td>")
                    .append(esc(v.backend() == null ? "formats (host)" : v.backend())).append("</td><td class=\"")
                    .append(v.passed() ? "good" : "bad").append("\">").append(v.passed() ? "passed" : "FAILED")
                    .append(g != null ? " ▼ (passed in the baseline)" : "").append("</td><td>").append(esc(conv))
                    .append("</td><td>").append(esc(quant)).append("</td><td>").append(esc(att)).append("</td></tr>\n");
            md.append("Verification `").append(v.source().label()).append("`").append(v.backend() == null ? ""
                    : " (" + v.backend() + ")").append(": **").append(v.passed() ? "passed" : "FAILED").append("**; ")
                    .append(conv).append("; ").append(quant).append("; attention: ").append(att).append(".\n\n");
            if (!v.attention().isEmpty()) {
                attentionChecks.add(v);
            }
        }
        html.append("</table>\n");
        for (VerifyRun v : attentionChecks) {
            html.append("<details><summary>Attention checks of ").append(esc(v.source().label()))
                    .append("</summary>\n<table><tr><th>workload</th><th>shape [B,Hq,Hkv,Nq,Nk,D]</th><th>mask</th>"
                            + "<th class=\"r\">cos vs algorithm</th><th class=\"r\">relL1 vs algorithm</th>"
                            + "<th class=\"r\">cos kernel vs exact</th><th class=\"r\">cos algorithm vs exact</th>"
                            + "<th>verdict</th></tr>\n");
            for (AttentionCheck a : v.attention()) {
                html.append("<tr><td>").append(esc(a.workload())).append("</td><td>").append(esc(a.shape()))
                        .append("</td><td>").append(a.causal() ? "causal" : "none").append("</td><td class=\"r\">")
                        .append(Text.num(a.cosVsAlgorithm(), 8)).append("</td><td class=\"r\">")
                        .append(Text.sci(a.relL1VsAlgorithm())).append("</td><td class=\"r\">")
                        .append(Text.num(a.cosKernelVsExact(), 6)).append("</td><td class=\"r\">")
                        .append(Text.num(a.cosAlgorithmVsExact(), 6)).append("</td><td class=\"")
                        .append(a.passed() ? "good\">pass" : "bad\">FAIL").append("</td></tr>\n");
            }
            html.append("</table></details>\n");
        }
        attentionChecks.clear();
    }

    private final List<VerifyRun> attentionChecks = new ArrayList<>();

    private void hostChecksSection() {
        List<VerifyRun> host = inputs.verifyRuns().stream().filter(v -> v.device() == null).toList();
        if (host.isEmpty()) {
            return;
        }
        html.append("<section id=\"host-checks\"><h2>Format checks on the host</h2>\n");
        md.append("### Format checks (host)\n\n");
        for (VerifyRun v : host) {
            html.append("<p class=\"meta\">").append(esc(v.source().label())).append(": ")
                    .append(esc(envText(List.of(v.source()), List.of()))).append("</p>\n");
        }
        verifySection("host", host, "verify-formats");
        html.append("</section>\n");
    }

    // ------------------------------------------------------------------ accuracy

    private void accuracySection() throws IOException {
        AccuracyRun run = analysis.newestAccuracy();
        if (run == null) {
            return;
        }
        html.append("<section id=\"accuracy\"><h2>Accuracy against exact attention</h2>\n");
        long within = run.results().stream().filter(AccuracyRow::pass).count();
        long ordered = run.ablations().stream().filter(Ablation::ordered).count();
        String verdict = (run.passed() ? "GATE PASSED" : "GATE FAILED") + ": " + within + " of " + run.results().size()
                + " results within their thresholds, " + ordered + " of " + run.ablations().size()
                + " ablations in the papers' order (" + run.profile() + " profile, seed " + run.seed() + ")";
        html.append("<p class=\"").append(run.passed() ? "good" : "bad").append("\"><b>").append(esc(verdict))
                .append("</b></p>\n<p class=\"meta\">").append(esc(envText(List.of(run.source()), List.of())))
                .append(" Thresholds: ").append(esc(run.thresholds())).append(".</p>\n");
        if (inputs.accuracyRuns().size() > 1) {
            html.append("<p class=\"note\">").append(inputs.accuracyRuns().size())
                    .append(" accuracy runs were given; the newest is shown.</p>\n");
        }
        md.append("### Accuracy\n\n**").append(verdict).append("**, `").append(run.source().label()).append("`.\n\n");
        html.append("<p class=\"note\">One plot per workload: each algorithm's relative L1 error against exact "
                + "float64 attention (mean over heads; log scale). Blue bars are within the gate, red bars outside "
                + "it, grey bars are known failures; the black dash on each bar is the gate's limit (max relL1) for "
                + "that algorithm and workload.</p>\n<div class=\"grid\">\n");
        List<String> workloads = new ArrayList<>(new LinkedHashSet<>(run.results().stream().map(AccuracyRow::workload)
                .toList()));
        for (String w : workloads) {
            List<AccuracyRow> all = run.results().stream().filter(r -> r.workload().equals(w)).toList();
            // Exact attention evaluated in float32 (relL1 ~1e-8) would stretch the log axis over ten decades and
            // flatten every difference that matters; it is named under the plot and kept in the table.
            List<AccuracyRow> rows = all.stream().filter(r -> !nearExact(r)).toList();
            List<AccuracyRow> offScale = all.stream().filter(ReportGenerator::nearExact).toList();
            if (rows.isEmpty()) {
                rows = all;
                offScale = List.of();
            }
            List<String> algorithms = rows.stream().map(AccuracyRow::algorithm).toList();
            List<Double> ok = new ArrayList<>();
            List<Double> bad = new ArrayList<>();
            List<Double> known = new ArrayList<>();
            List<Double> gate = new ArrayList<>();
            boolean fell = false;
            for (AccuracyRow r : rows) {
                boolean isKnown = r.knownFailure() != null;
                ok.add(!isKnown && r.pass() ? r.relL1() : null);
                bad.add(!isKnown && !r.pass() ? r.relL1() : null);
                known.add(isKnown ? r.relL1() : null);
                gate.add(Double.isNaN(r.maxRelL1()) ? null : r.maxRelL1());
                String base = String.join("|", "accuracy", run.profile(), "seed" + run.seed(), r.algorithm(), w);
                fell |= regressed.containsKey(base + "|relL1") || regressed.containsKey(base + "|gate");
            }
            String shape = rows.getFirst().shape();
            String offText = offScale.isEmpty() ? "" : " Not drawn (relL1 below 1e-5, off this scale): "
                    + Text.and(offScale.stream().map(r -> r.algorithm() + " " + Text.sci(r.relL1()) + " ("
                    + (r.pass() ? "within" : "OUTSIDE") + " the gate)").toList()) + ".";
            List<String> nonFinite = rows.stream().filter(r -> Double.isNaN(r.relL1())).map(r -> r.algorithm()
                    + (r.knownFailure() != null ? " (known failure: " + r.knownFailure() + ")" : "")).toList();
            if (!nonFinite.isEmpty()) {
                offText += " No finite output, so no bar: " + Text.and(nonFinite) + ".";
            }
            String title = "Accuracy — " + w;
            Charts.Spec chart = k -> Charts.bars(title + (shape.isEmpty() ? "" : " (" + shape + ")"), "algorithm",
                    "relative L1 error vs exact (log scale)", algorithms,
                    List.of(new Bars("within the gate", ok, new Color(0x00, 0x72, 0xB2)),
                            new Bars("outside the gate", bad, Charts.REGRESSION),
                            new Bars("known failure", known, new Color(0x99, 0x99, 0x99))),
                    List.of(new Bars("gate limit (max relL1)", gate, Color.BLACK)), true, true, 0, Double.NaN, k);
            figure(chart, "accuracy-" + Text.slug(w), title, esc((shape.isEmpty() ? "" : "Shape " + shape + ". ")
                    + envText(List.of(run.source()), List.of()) + offText), fell);
        }
        html.append("</div>\n");
        if (!run.ablations().isEmpty()) {
            html.append("<h3>Published vs ours: the papers' ablations</h3>\n<table><tr><th>ablation (worse &lt; better)"
                    + "</th><th>published</th><th>workload</th><th>ours: cosSim / relL1, worse → better</th>"
                    + "<th>order</th></tr>\n");
            md.append("| ablation | published | ours (cosSim, worse → better) | order |\n|---|---|---|---|\n");
            for (Ablation a : run.ablations()) {
                List<String> steps = new ArrayList<>();
                List<String> mdSteps = new ArrayList<>();
                for (int i = 0; i < a.algorithms().size(); i++) {
                    steps.add(a.algorithms().get(i) + " " + Text.num(a.cosSim().get(i), 6) + " / "
                            + Text.num(a.relL1().get(i), 4));
                    mdSteps.add(Text.num(a.cosSim().get(i), 6));
                }
                html.append("<tr><td>").append(esc(a.title())).append("</td><td>").append(esc(a.paper()))
                        .append("</td><td>").append(esc(a.workload())).append("</td><td>")
                        .append(esc(String.join(" < ", steps))).append("</td><td class=\"")
                        .append(a.ordered() ? "good\">as the paper" : "bad\">differs").append("</td></tr>\n");
                md.append("| ").append(Text.md(a.title())).append(" | ").append(Text.md(a.paper())).append(" | ")
                        .append(String.join(" < ", mdSteps)).append(" | ").append(a.ordered() ? "as the paper"
                                : "**differs**").append(" |\n");
            }
            html.append("</table>\n");
            md.append("\n");
        }
        html.append("<details><summary>Every result (").append(run.results().size()).append(")</summary>\n<table><tr>"
                + "<th>workload</th><th>algorithm</th><th class=\"r\">cosSim</th><th class=\"r\">min cosSim</th>"
                + "<th class=\"r\">relL1</th><th class=\"r\">max relL1</th><th class=\"r\">RMSE</th>"
                + "<th class=\"r\">max RMSE</th><th>status</th></tr>\n");
        for (AccuracyRow r : run.results()) {
            html.append("<tr><td>").append(esc(r.workload())).append("</td><td>").append(esc(r.algorithm()))
                    .append("</td><td class=\"r\">").append(Text.num(r.cosSim(), 6)).append("</td><td class=\"r\">")
                    .append(Text.num(r.minCosSim(), 6)).append("</td><td class=\"r\">").append(Text.sci(r.relL1()))
                    .append("</td><td class=\"r\">").append(Text.sci(r.maxRelL1())).append("</td><td class=\"r\">")
                    .append(Text.sci(r.rmse())).append("</td><td class=\"r\">").append(Text.sci(r.maxRmse()))
                    .append("</td><td class=\"").append(r.pass() ? "good" : "bad").append("\">")
                    .append(esc(r.status() + (r.knownFailure() == null ? "" : " (" + r.knownFailure() + ")")))
                    .append("</td></tr>\n");
        }
        html.append("</table></details>\n</section>\n");
    }

    /** A result as close to exact as float32 gets (the exact algorithm itself): no quantization error to show. */
    static boolean nearExact(AccuracyRow r) {
        return r.relL1() < 1e-5 && (Double.isNaN(r.maxRelL1()) || r.maxRelL1() < 1e-5);
    }

    // ------------------------------------------------------------------ inputs

    private void inputsSection() {
        html.append("<section id=\"inputs\"><h2>Inputs</h2>\n<table><tr><th>file</th><th>kind</th><th>device</th>"
                + "<th>measured</th><th>environment recorded</th></tr>\n");
        for (Source s : inputs.sources()) {
            String link = dataCopies.get(s);
            html.append("<tr><td>").append(link == null ? esc(s.path().toString()) : "<a href=\"" + esc(link) + "\">"
                    + esc(s.path().getFileName().toString()) + "</a>").append("</td><td>")
                    .append(esc(s.kind().description())).append("</td><td>").append(esc(s.device() == null ? "–"
                            : s.device())).append("</td><td>").append(esc(Text.time(s.timestamp()))).append("</td><td>")
                    .append(esc(s.environment().isEmpty() ? "none" : s.environment().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).reduce((x, y) -> x + ", " + y).orElse("none")))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (!inputs.notes().isEmpty()) {
            html.append("<ul class=\"note\">");
            inputs.notes().forEach(n -> html.append("<li>").append(esc(n)).append("</li>"));
            html.append("</ul>\n");
        }
        html.append("</section>\n");
    }

    // ------------------------------------------------------------------ figures and captions

    private void figure(Charts.Spec chart, String baseName, String title, String captionHtml, boolean fell)
            throws IOException {
        String name = baseName;
        for (int i = 2; !usedPlotNames.add(name); i++) {
            name = baseName + "-" + i;
        }
        PlotFiles files = Charts.write(chart, plotsDir, name);
        plots.add(files);
        html.append("<figure class=\"plot").append(fell ? " fell" : "").append("\" id=\"").append(esc(name))
                .append("\">\n<img src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(files.pngBytes())).append("\" width=\"").append(Charts.WIDTH)
                .append("\" height=\"").append(Charts.HEIGHT).append("\" alt=\"").append(esc(title)).append("\">\n")
                .append("<figcaption>").append(fell ? "<span class=\"badge\">▼ fell vs baseline</span> " : "")
                .append(captionHtml).append(" · <a href=\"plots/").append(esc(name)).append(".png\">PNG</a> · <a href=\"plots/")
                .append(esc(name)).append(".svg\">SVG</a></figcaption>\n</figure>\n");
    }

    /** The environment of the figure made from {@code rows}: cards, runs, what they record, what they don't. */
    private String envCaption(List<AttentionRow> rows) {
        List<Source> sources = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(AttentionRow::source).toList()));
        List<String> devices = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(AttentionRow::device).toList()));
        return envCaptionSources(sources, devices);
    }

    private String envCaptionSources(List<Source> sources, List<String> devices) {
        return esc(envText(sources, devices));
    }

    /** "Card: …. Data: a (time), b (time). Recorded: …. Not recorded in the data: …; report made at commit …". */
    private String envText(List<Source> sources, List<String> devices) {
        StringBuilder sb = new StringBuilder();
        if (!devices.isEmpty()) {
            // The most detailed device string of each card says the most (sm, SMs, memory).
            Map<String, String> longest = new LinkedHashMap<>();
            for (String d : devices) {
                longest.merge(Analysis.card(d), d, (x, y) -> y.length() > x.length() ? y : x);
            }
            sb.append("Card: ").append(String.join("; ", longest.values())).append(". ");
        }
        sb.append("Data: ").append(Text.and(sources.stream().map(s -> s.label() + " (" + Text.time(s.timestamp()) + ")")
                .toList())).append(". ");
        Map<String, Set<String>> recorded = new LinkedHashMap<>();
        for (Source s : sources) {
            s.environment().forEach((k, v) -> recorded.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        }
        List<String> have = new ArrayList<>();
        recorded.forEach((k, v) -> have.add(k + " " + String.join(" / ", v)));
        if (!have.isEmpty()) {
            sb.append("Recorded: ").append(String.join(", ", have)).append(". ");
        }
        List<String> missing = new ArrayList<>();
        boolean gpu = devices.stream().anyMatch(d -> d.toLowerCase(Locale.ROOT).contains("nvidia")
                || d.toLowerCase(Locale.ROOT).contains("sm_"));
        for (String k : gpu ? List.of("driver", "CUDA", "Java", "commit") : List.of("Java", "commit")) {
            if (!recorded.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            sb.append(Character.toUpperCase(Text.and(missing).charAt(0))).append(Text.and(missing).substring(1))
                    .append(": ").append(NOT_RECORDED_HINT).append(" (report made at ").append(options.env().commit())
                    .append(").");
        } else {
            sb.append("Report made at ").append(options.env().commit()).append(".");
        }
        return sb.toString().strip();
    }

    private static final String CSS = """
            :root { --fg:#1d1d1f; --muted:#5f6368; --line:#dadce0; --bad:#c5221f; --good:#137333; --bg:#ffffff; }
            * { box-sizing: border-box; }
            body { font: 15px/1.45 -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; color: var(--fg);
                   background: var(--bg); margin: 0 auto; padding: 0 24px 48px; max-width: 1760px; }
            header { border-bottom: 2px solid var(--fg); margin-bottom: 8px; }
            h1 { margin: 20px 0 4px; font-size: 28px; }
            h2 { margin: 36px 0 6px; font-size: 23px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
            h3 { margin: 26px 0 6px; font-size: 18px; }
            .meta { color: var(--muted); font-size: 13.5px; margin: 4px 0; }
            .note { color: var(--muted); font-size: 14px; max-width: 1100px; }
            nav { position: sticky; top: 0; background: rgba(255,255,255,0.96); padding: 8px 0; z-index: 1;
                  border-bottom: 1px solid var(--line); font-size: 14px; }
            a { color: #1a0dab; }
            code { font-size: 13px; background: #f1f3f4; padding: 1px 4px; border-radius: 3px; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(600px, 1fr)); gap: 18px; }
            figure.plot { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; }
            figure.plot.fell { border: 2px solid var(--bad); }
            figure.plot img { width: 100%; height: auto; display: block; }
            figcaption { font-size: 12.5px; color: var(--muted); margin-top: 6px; line-height: 1.4; }
            .badge { background: var(--bad); color: #fff; border-radius: 3px; padding: 0 5px; font-weight: 600; }
            table { border-collapse: collapse; margin: 10px 0; font-size: 13.5px; }
            th, td { border-bottom: 1px solid var(--line); padding: 4px 9px; text-align: left; vertical-align: top; }
            th { background: #f8f9fa; font-weight: 600; }
            td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.peer { color: #6d4c00; }
            .bad { color: var(--bad); font-weight: 600; }
            .good { color: var(--good); }
            details { margin: 10px 0; }
            summary { cursor: pointer; color: #1a0dab; }
            footer { margin-top: 40px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
            """;
}
