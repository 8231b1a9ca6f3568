package io.sage4j.accuracy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gate's results as plain-text tables: the workload instances (shape, seed), then measured vs threshold per
 * (workload, algorithm), then the ablation orders. Used by the gate test's output and by {@code sage4j accuracy}.
 */
public final class GateTable {
    private GateTable() {}

    /** All three tables and a one-line verdict. */
    public static String format(GateReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append(workloads(report.results())).append(System.lineSeparator());
        sb.append(results(report.results())).append(System.lineSeparator());
        if (!report.ablations().isEmpty()) {
            sb.append(ablations(report.ablations())).append(System.lineSeparator());
        }
        List<String> failures = report.failures();
        sb.append(failures.isEmpty()
                ? String.format(Locale.ROOT, "GATE PASSED: %d results within thresholds%s, %d ablations in the papers' "
                        + "order (%s profile, seed %d, thresholds %s)",
                        report.results().size() - report.expectedFailures().size(),
                        report.expectedFailures().isEmpty() ? "" : " and " + report.expectedFailures().size()
                                + " known failure" + (report.expectedFailures().size() == 1 ? "" : "s"),
                        report.ablations().size(),
                        report.profile().cliName(), report.seed(), report.thresholdsSource())
                : String.format(Locale.ROOT, "GATE FAILED: %d failure%s (%s profile, seed %d, thresholds %s)",
                        failures.size(), failures.size() == 1 ? "" : "s", report.profile().cliName(), report.seed(),
                        report.thresholdsSource()));
        sb.append(System.lineSeparator());
        for (String f : failures) {
            sb.append("  ").append(f).append(System.lineSeparator());
        }
        List<AccuracyResult> expected = report.expectedFailures();
        if (!expected.isEmpty()) {
            sb.append(expected.size()).append(" known failure").append(expected.size() == 1 ? "" : "s")
                    .append(" (xfail: non-finite output, as the thresholds file expects):").append(System.lineSeparator());
            for (AccuracyResult r : expected) {
                sb.append("  ").append(r.algorithm()).append(" on ").append(r.workload()).append(": ")
                        .append(r.knownFailure()).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    /** One row per workload instance: name, seed, shape. */
    public static String workloads(List<AccuracyResult> results) {
        Map<String, WorkloadInfo> seen = new LinkedHashMap<>();
        for (AccuracyResult r : results) {
            seen.putIfAbsent(r.workload(), r.instance());
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"workload", ">seed", "shape"});
        for (WorkloadInfo w : seen.values()) {
            rows.add(new String[] {w.workload(), Long.toString(w.seed()), w.text()});
        }
        return render(rows);
    }

    /** Measured mean metrics next to their thresholds, worst-head cosSim and maxAbs, time and verdict. */
    public static String results(List<AccuracyResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"workload", "algorithm", ">cosSim", ">min", ">relL1", ">max", ">rmse", ">max",
            ">worst cos", ">maxAbs", ">time s", "gate"});
        for (AccuracyResult r : results) {
            var mean = r.summary().mean();
            Thresholds t = r.thresholds();
            rows.add(new String[] {r.workload(), r.algorithm(), cos(mean.cosSim()), t == null ? "-" : cos(t.minCosSim()),
                l1(mean.relL1()), t == null ? "-" : l1(t.maxRelL1()), sci(mean.rmse()), t == null ? "-" : sci(t.maxRmse()),
                cos(r.summary().worst().cosSim()), sci(r.summary().worst().maxAbs()),
                String.format(Locale.ROOT, "%.2f", r.nanos() / 1e9), verdict(r)});
        }
        return render(rows);
    }

    /** One row per ablation: expected order, workload, each step's mean cosSim, verdict. */
    public static String ablations(List<AblationVerdict> verdicts) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ablation (paper order, worse < better)", "workload", "measured cosSim / relL1", "order"});
        for (AblationVerdict v : verdicts) {
            List<String> steps = new ArrayList<>();
            for (AccuracyResult r : v.steps()) {
                steps.add(cos(r.summary().mean().cosSim()) + "/" + l1(r.summary().mean().relL1()));
            }
            rows.add(new String[] {v.ablation().title(), v.ablation().workload().cliName(), String.join(" < ", steps),
                v.ordered() ? "as paper" : "REVERSED"});
        }
        return render(rows);
    }

    /** pass, FAIL, xfail (a known failure, still failing: expected) or XPASS (a known failure that works now). */
    static String verdict(AccuracyResult r) {
        return switch (r.status()) {
            case PASS -> "pass";
            case FAIL -> "FAIL";
            case XFAIL -> "xfail";
            case XPASS -> "XPASS";
        };
    }

    static String cos(double x) {
        return String.format(Locale.ROOT, "%.6f", x);
    }

    static String l1(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }

    static String sci(double x) {
        return String.format(Locale.ROOT, "%.3e", x);
    }

    /** Aligned columns, two spaces apart; a heading starting with '>' is right-aligned. */
    private static String render(List<String[]> rows) {
        String[] head = rows.getFirst();
        int cols = head.length;
        boolean[] right = new boolean[cols];
        String[] headings = new String[cols];
        for (int c = 0; c < cols; c++) {
            right[c] = head[c].startsWith(">");
            headings[c] = right[c] ? head[c].substring(1) : head[c];
        }
        List<String[]> all = new ArrayList<>();
        all.add(headings);
        String[] rule = new String[cols];
        all.add(rule);
        all.addAll(rows.subList(1, rows.size()));
        int[] width = new int[cols];
        for (String[] r : all) {
            for (int c = 0; c < cols; c++) {
                if (r[c] != null) {
                    width[c] = Math.max(width[c], r[c].length());
                }
            }
        }
        for (int c = 0; c < cols; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : all) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(width[c] - r[c].length());
                line.append(right[c] ? pad + r[c] : r[c] + pad);
            }
            sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
