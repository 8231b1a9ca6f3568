package io.sage4j.reference.attention;

import java.util.List;

/**
 * Per-head (or per-layer) metrics aggregated as the papers report them: the mean of each metric, and the
 * worst of each (lowest cosSim; highest relL1, rmse and maxAbs — taken metric by metric, so the worst
 * values may come from different heads).
 */
public record ErrorSummary(ErrorStats mean, ErrorStats worst, int count) {
    /** Mean and worst over {@code stats} (at least one). NaN in any entry propagates to mean and worst. */
    public static ErrorSummary of(List<ErrorStats> stats) {
        Args.requireNonNull("stats", stats);
        if (stats.isEmpty()) {
            throw new IllegalArgumentException("stats must hold at least one entry, got 0");
        }
        double cos = 0;
        double l1 = 0;
        double rmse = 0;
        double max = 0;
        double worstCos = Double.POSITIVE_INFINITY;
        double worstL1 = Double.NEGATIVE_INFINITY;
        double worstRmse = Double.NEGATIVE_INFINITY;
        double worstMax = Double.NEGATIVE_INFINITY;
        for (ErrorStats s : stats) {
            cos += s.cosSim();
            l1 += s.relL1();
            rmse += s.rmse();
            max += s.maxAbs();
            worstCos = Math.min(worstCos, s.cosSim());  // Math.min/max return NaN if either is NaN
            worstL1 = Math.max(worstL1, s.relL1());
            worstRmse = Math.max(worstRmse, s.rmse());
            worstMax = Math.max(worstMax, s.maxAbs());
        }
        int n = stats.size();
        return new ErrorSummary(new ErrorStats(cos / n, l1 / n, rmse / n, max / n),
                new ErrorStats(worstCos, worstL1, worstRmse, worstMax), n);
    }
}
