package io.sage4j.cli;

import io.sage4j.reference.golden.ExhaustiveCheck.Mismatch;
import io.sage4j.reference.golden.ExhaustiveCheck.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text report of a verify-formats run: one row per conversion, then a verdict. */
public final class ResultTable {
    /** How many example mismatches the verdict lists per failing conversion. */
    static final int MAX_EXAMPLES = 8;

    private ResultTable() {}

    /** The table, one line per result under a heading and a rule, each line ending in a line separator. */
    public static String format(List<Result> results) {
        TextTable table = new TextTable("conversion", "oracle", ">inputs checked", ">mismatches", ">time (s)");
        for (Result r : results) {
            table.row(r.name(), r.oracle(), thousands(r.inputs()), thousands(r.mismatches()),
                    String.format(Locale.ROOT, "%.2f", r.nanos() / 1e9));
        }
        return table.toString();
    }

    /**
     * The verdict: {@code ALL 13 CONVERSIONS MATCH (53,687,091,200 inputs in total)}, or a FAILED summary with up
     * to {@value #MAX_EXAMPLES} example mismatches per failing conversion. Ends in a line separator.
     */
    public static String summary(List<Result> results) {
        long inputs = 0;
        long mismatches = 0;
        List<Result> failed = new ArrayList<>();
        for (Result r : results) {
            inputs += r.inputs();
            mismatches += r.mismatches();
            if (!r.passed()) {
                failed.add(r);
            }
        }
        String nl = System.lineSeparator();
        int n = results.size();
        if (failed.isEmpty()) {
            String verdict = n == 1 ? "THE 1 CONVERSION MATCHES" : "ALL " + n + " CONVERSIONS MATCH";
            return verdict + " (" + thousands(inputs) + " inputs in total)" + nl;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("FAILED: ").append(failed.size()).append(" of ").append(n)
                .append(n == 1 ? " conversion" : " conversions").append(" mismatch (")
                .append(thousands(mismatches)).append(" of ").append(thousands(inputs)).append(" inputs)").append(nl);
        for (Result r : failed) {
            sb.append("  ").append(r.name()).append(": ").append(thousands(r.mismatches()))
                    .append(r.mismatches() == 1 ? " mismatch" : " mismatches")
                    .append(" against ").append(r.oracle());
            int shown = Math.min(MAX_EXAMPLES, r.examples().size());
            if (shown > 0) {
                sb.append(shown < r.mismatches() ? ", first " + shown + ":" : ":");
            }
            sb.append(nl);
            for (Mismatch m : r.examples().subList(0, shown)) {
                sb.append("    ").append(m).append(nl);
            }
        }
        return sb.toString();
    }

    /** {@code 4,294,967,296}. */
    public static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
