package io.sage4j.report;

import io.sage4j.report.InputReader.Inputs;
import io.sage4j.report.Model.AccuracyRow;
import io.sage4j.report.Model.AccuracyRun;
import io.sage4j.report.Model.AttentionRow;
import io.sage4j.report.Model.QuantizerRow;
import io.sage4j.report.Model.QuantizerRun;
import io.sage4j.report.Model.Source;
import io.sage4j.report.Model.VerifyRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derived views of the inputs: figures grouped by card (never mixed across cards), the runs on each card in time
 * order, the panels (shape, head dim, causal) of the TOPS plots, and the figures a later report compares with.
 */
public final class Analysis {
    /** Accuracy runs are on the CPU reference, not on a card. */
    public static final String CPU_REFERENCE = "CPU reference (float64 exact attention)";

    /** One TOPS plot: a batch × heads shape, a head dim and the causal flag, on one card. */
    public record Panel(int batch, int heads, int headDim, boolean causal) {
        String title() {
            return "hd " + headDim + ", " + (causal ? "causal" : "non-causal") + ", B=" + batch + ", H=" + heads;
        }

        String slug() {
            return "b" + batch + "-h" + heads + "-hd" + headDim + (causal ? "-causal" : "-noncausal");
        }

        boolean matches(AttentionRow r) {
            return r.batch() == batch && r.heads() == heads && r.headDim() == headDim && r.causal() == causal;
        }
    }

    /** A sage4j backend's run: the rows of one result file for one backend. */
    public record Run(Source source, String backend, List<AttentionRow> rows) {}

    private final Inputs inputs;
    private final Map<Source, Integer> order = new HashMap<>();

    public Analysis(Inputs inputs) {
        this.inputs = inputs;
        List<Source> sorted = new ArrayList<>(inputs.sources());
        // Oldest first: runs without a timestamp before timestamped ones, then by reading order.
        Map<Source, Integer> readOrder = new HashMap<>();
        for (int i = 0; i < inputs.sources().size(); i++) {
            readOrder.put(inputs.sources().get(i), i);
        }
        sorted.sort(Comparator.<Source, Instant>comparing(s -> s.timestamp() == null ? Instant.MIN : s.timestamp())
                .thenComparing(readOrder::get));
        for (int i = 0; i < sorted.size(); i++) {
            order.put(sorted.get(i), i);
        }
    }

    public Inputs inputs() {
        return inputs;
    }

    /** The card of a device string: the text before its parenthesised details ("NVIDIA H100 80GB HBM3"). */
    public static String card(String device) {
        if (device == null || device.isBlank()) {
            return "unknown device";
        }
        String d = device.strip();
        int paren = d.indexOf(" (");
        return paren > 0 ? d.substring(0, paren).strip() : d;
    }

    /** Position of a source in time (larger is newer). */
    public int age(Source s) {
        return order.getOrDefault(s, -1);
    }

    /** The cards with attention, quantizer or verification results, in order of first appearance. */
    public List<String> cards() {
        Set<String> cards = new LinkedHashSet<>();
        inputs.attention().forEach(r -> cards.add(card(r.device())));
        inputs.quantizerRuns().forEach(r -> cards.add(card(r.device())));
        inputs.verifyRuns().stream().filter(v -> v.device() != null).forEach(v -> cards.add(card(v.device())));
        return List.copyOf(cards);
    }

    public List<AttentionRow> attention(String card) {
        return inputs.attention().stream().filter(r -> card(r.device()).equals(card)).toList();
    }

    /** The card's TOPS panels, sorted by shape, head dim, then non-causal before causal. */
    public List<Panel> panels(String card) {
        Set<Panel> set = new LinkedHashSet<>();
        for (AttentionRow r : attention(card)) {
            set.add(new Panel(r.batch(), r.heads(), r.headDim(), r.causal()));
        }
        List<Panel> panels = new ArrayList<>(set);
        panels.sort(Comparator.comparingInt(Panel::batch).thenComparingInt(Panel::heads)
                .thenComparingInt(Panel::headDim).thenComparing(Panel::causal));
        return panels;
    }

    /** sage4j's runs on the card, oldest first. */
    public List<Run> runs(String card) {
        Map<List<Object>, List<AttentionRow>> byRun = new LinkedHashMap<>();
        for (AttentionRow r : attention(card)) {
            if (!r.peer()) {
                byRun.computeIfAbsent(List.of(r.source(), r.backend()), k -> new ArrayList<>()).add(r);
            }
        }
        List<Run> runs = new ArrayList<>();
        byRun.forEach((k, rows) -> runs.add(new Run((Source) k.get(0), (String) k.get(1), List.copyOf(rows))));
        runs.sort(Comparator.comparingInt(r -> age(r.source())));
        return runs;
    }

    /** The newest run of each sage4j backend on the card, in backend order of first appearance. */
    public List<Run> newestRuns(String card) {
        Map<String, Run> newest = new LinkedHashMap<>();
        for (Run r : runs(card)) {
            newest.put(r.backend(), r);  // runs() is oldest first, so the last one stays
        }
        return List.copyOf(newest.values());
    }

    /** The peers measured on the card: for each peer name, the rows of its newest result file. */
    public Map<String, List<AttentionRow>> peers(String card) {
        Map<String, Source> newest = new LinkedHashMap<>();
        for (AttentionRow r : attention(card)) {
            if (r.peer()) {
                Source s = newest.get(r.backend());
                if (s == null || age(r.source()) > age(s)) {
                    newest.put(r.backend(), r.source());
                }
            }
        }
        Map<String, List<AttentionRow>> out = new LinkedHashMap<>();
        newest.forEach((name, src) -> out.put(name, attention(card).stream()
                .filter(r -> r.peer() && r.backend().equals(name) && r.source() == src).toList()));
        return out;
    }

    /** Quantizer runs on the card, oldest first. */
    public List<QuantizerRun> quantizerRuns(String card) {
        return inputs.quantizerRuns().stream().filter(r -> card(r.device()).equals(card))
                .sorted(Comparator.comparingInt(r -> age(r.source()))).toList();
    }

    /** The quantizer backends on the card, in order of first appearance. */
    public List<String> quantizerBackends(String card) {
        return quantizerRuns(card).stream().map(QuantizerRun::backend).distinct().toList();
    }

    public List<VerifyRun> verifyRuns(String card) {
        return inputs.verifyRuns().stream().filter(v -> v.device() != null && card(v.device()).equals(card))
                .sorted(Comparator.comparingInt(v -> age(v.source()))).toList();
    }

    /** The newest accuracy run, or null. */
    public AccuracyRun newestAccuracy() {
        return inputs.accuracyRuns().stream().max(Comparator.comparingInt(a -> age(a.source()))).orElse(null);
    }

    /** Every device string recorded for the card (the full strings, with their details). */
    public List<String> deviceStrings(String card) {
        Set<String> out = new LinkedHashSet<>();
        attention(card).forEach(r -> out.add(r.device()));
        quantizerRuns(card).forEach(r -> out.add(r.device()));
        verifyRuns(card).forEach(v -> out.add(v.device()));
        return List.copyOf(out);
    }

    /** The figures of this report, the newest value of each key. */
    public List<Figure> figures() {
        Map<String, Figure> figures = new LinkedHashMap<>();
        Map<String, Integer> ages = new HashMap<>();
        for (AttentionRow r : inputs.attention()) {
            String card = card(r.device());
            String key = key(r);
            String label = (r.peer() ? r.backend() : r.backend() + " " + kindLabel(r.kind())) + ", hd " + r.headDim()
                    + (r.causal() ? ", causal" : ", non-causal") + ", N=" + r.seqLen() + ", B=" + r.batch() + ", H="
                    + r.heads();
            keep(figures, ages, new Figure(key, "attention", card, label, "TOPS", r.tops(), r.topsLow(), r.topsHigh(),
                    true, !r.peer(), false, r.source().label()), age(r.source()));
        }
        for (QuantizerRun run : inputs.quantizerRuns()) {
            String card = card(run.device());
            for (QuantizerRow q : run.quantizers()) {
                String key = key(run, q);
                keep(figures, ages, new Figure(key, "quantizer", card, run.backend() + " " + q.quantizer() + ", "
                        + q.input(), "GB/s", q.gbps(), q.gbpsLow(), q.gbpsHigh(), true, true, false,
                        run.source().label()), age(run.source()));
            }
        }
        for (VerifyRun v : inputs.verifyRuns()) {
            String card = v.device() == null ? "this machine" : card(v.device());
            String what = v.backend() == null ? "formats" : v.backend();
            keep(figures, ages, new Figure(String.join("|", "verify", card, what), "verify", card,
                    "verification of " + what + " passed", "1 = passed", v.passed() ? 1 : 0, Double.NaN, Double.NaN,
                    true, true, true, v.source().label()), age(v.source()));
        }
        for (AccuracyRun a : inputs.accuracyRuns()) {
            for (AccuracyRow r : a.results()) {
                String base = String.join("|", "accuracy", a.profile(), "seed" + a.seed(), r.algorithm(), r.workload());
                String label = r.algorithm() + " on " + r.workload() + " (" + a.profile() + " profile)";
                keep(figures, ages, new Figure(base + "|relL1", "accuracy", CPU_REFERENCE, label + ", relL1 vs exact",
                        "relative L1 error", r.relL1(), Double.NaN, Double.NaN, false, true, false,
                        a.source().label()), age(a.source()));
                keep(figures, ages, new Figure(base + "|gate", "accuracy", CPU_REFERENCE, label + " within the gate",
                        "1 = within", r.pass() ? 1 : 0, Double.NaN, Double.NaN, true, r.knownFailure() == null, true,
                        a.source().label()), age(a.source()));
            }
        }
        return List.copyOf(figures.values());
    }

    /** The figure key of an attention row. */
    public static String key(AttentionRow r) {
        return String.join("|", "attention", card(r.device()), r.backend(), r.kind(), "B" + r.batch(), "H" + r.heads(),
                "D" + r.headDim(), r.causal() ? "causal" : "noncausal", "N" + r.seqLen());
    }

    /** The figure key of a quantizer of a run. */
    public static String key(QuantizerRun run, QuantizerRow q) {
        return String.join("|", "quantizer", card(run.device()), run.backend(), q.quantizer(), q.input());
    }

    private static void keep(Map<String, Figure> figures, Map<String, Integer> ages, Figure f, int age) {
        Integer old = ages.get(f.key());
        if (old == null || age >= old) {
            figures.put(f.key(), f);
            ages.put(f.key(), age);
        }
    }

    /** "kernel" stays, "call" reads "whole call". */
    public static String kindLabel(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "call" -> "whole call";
            default -> kind;
        };
    }
}
