package io.sage4j.accuracy;

import io.sage4j.reference.attention.ErrorStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gate's bounds for one (algorithm, workload): the mean over heads of each metric must reach them. A NaN
 * metric violates every bound.
 *
 * @param minCosSim lowest acceptable mean cosine similarity, in [-1, 1]
 * @param maxRelL1  highest acceptable mean relative L1 error, ≥ 0
 * @param maxRmse   highest acceptable mean RMSE, ≥ 0
 */
public record Thresholds(double minCosSim, double maxRelL1, double maxRmse) {
    public Thresholds {
        if (!(minCosSim >= -1 && minCosSim <= 1)) {
            throw new IllegalArgumentException("minCosSim must be in [-1, 1], got " + minCosSim);
        }
        if (!(maxRelL1 >= 0) || Double.isInfinite(maxRelL1)) {
            throw new IllegalArgumentException("maxRelL1 must be finite and >= 0, got " + maxRelL1);
        }
        if (!(maxRmse >= 0) || Double.isInfinite(maxRmse)) {
            throw new IllegalArgumentException("maxRmse must be finite and >= 0, got " + maxRmse);
        }
    }

    /** Each bound that {@code measured} misses, as text (e.g. {@code cosSim 0.99748 < 0.99905}); empty if none. */
    public List<String> violations(ErrorStats measured) {
        List<String> out = new ArrayList<>();
        if (!(measured.cosSim() >= minCosSim)) {
            out.add(String.format(Locale.ROOT, "cosSim %.6f < %.6f", measured.cosSim(), minCosSim));
        }
        if (!(measured.relL1() <= maxRelL1)) {
            out.add(String.format(Locale.ROOT, "relL1 %.4g > %.4g", measured.relL1(), maxRelL1));
        }
        if (!(measured.rmse() <= maxRmse)) {
            out.add(String.format(Locale.ROOT, "rmse %.4g > %.4g", measured.rmse(), maxRmse));
        }
        return out;
    }
}
