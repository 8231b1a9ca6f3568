package io.sage4j.accuracy;

import io.sage4j.reference.attention.ErrorStats;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * How gate thresholds are derived from measurements over several seeds. For each error
 * {@code e ∈ {1 − cosSim, relL1, rmse}} of the per-head mean:
 * <pre>
 *   bound(e)  = max_seeds e + sigmas · sd_seeds(e) + headroom · mean_seeds(e)      (then rounded up to 3 digits)
 *   minCosSim = 1 − max(bound(1 − cosSim), cosErrorFloor);  maxRelL1 = bound(relL1);  maxRmse = bound(rmse)
 * </pre>
 * The max makes every derivation seed pass; {@code sigmas · sd} lets a fresh seed pass unless it is an outlier of
 * the observed spread; {@code headroom · mean} leaves room for legitimate rounding changes (tile or accumulation
 * order) that move the error by a few percent. {@code cosErrorFloor} keeps a bound above the float64 rounding of
 * the cosine itself (for exact attention 1 − cosSim is ~1e-16 and may be 0 or negative).
 *
 * @param sigmas        multiples of the seed standard deviation added, ≥ 0
 * @param headroom      fraction of the mean error added, ≥ 0
 * @param cosErrorFloor smallest 1 − minCosSim, &gt; 0
 */
public record ThresholdRule(double sigmas, double headroom, double cosErrorFloor) {
    /** The rule the checked-in thresholds use: 3σ plus 10% of the mean, 1e-12 floor. */
    public static final ThresholdRule DEFAULT = new ThresholdRule(3, 0.10, 1e-12);

    /** Significant digits the bounds are rounded (up) to. */
    public static final int DIGITS = 3;

    public ThresholdRule {
        if (!(sigmas >= 0) || !(headroom >= 0) || !(cosErrorFloor > 0)) {
            throw new IllegalArgumentException("sigmas and headroom must be >= 0 and cosErrorFloor > 0, got sigmas="
                    + sigmas + ", headroom=" + headroom + ", cosErrorFloor=" + cosErrorFloor);
        }
    }

    /** Thresholds from the per-head means measured on each seed (at least 2, for a spread). */
    public Thresholds derive(List<ErrorStats> perSeedMeans) {
        if (perSeedMeans == null || perSeedMeans.size() < 2) {
            throw new IllegalArgumentException("perSeedMeans must hold at least 2 seeds' measurements to have a spread, got "
                    + (perSeedMeans == null ? "null" : perSeedMeans.size()));
        }
        double[] cosErr = perSeedMeans.stream().mapToDouble(s -> Math.max(0, 1 - s.cosSim())).toArray();
        double[] l1 = perSeedMeans.stream().mapToDouble(ErrorStats::relL1).toArray();
        double[] rmse = perSeedMeans.stream().mapToDouble(ErrorStats::rmse).toArray();
        double cosBound = Math.max(roundUp(bound(cosErr)), cosErrorFloor);
        return new Thresholds(1 - cosBound, roundUp(bound(l1)), roundUp(bound(rmse)));
    }

    /** {@code max + sigmas·sd + headroom·mean} of finite errors; NaN anywhere is an error naming it. */
    double bound(double[] errors) {
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double e : errors) {
            if (!Double.isFinite(e)) {
                throw new IllegalArgumentException("a measured error is " + e + ": thresholds need finite measurements");
            }
            max = Math.max(max, e);
            sum += e;
        }
        double mean = sum / errors.length;
        return max + sigmas * sd(errors, mean) + headroom * mean;
    }

    /** Sample standard deviation (n − 1). */
    static double sd(double[] x, double mean) {
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /** {@code x} rounded up to {@value #DIGITS} significant digits (so a bound never shrinks). */
    static double roundUp(double x) {
        if (x == 0) {
            return 0;
        }
        // valueOf: the shortest decimal that reads back as x, so a bound already at 3 digits stays put.
        return BigDecimal.valueOf(x).round(new MathContext(DIGITS, RoundingMode.CEILING)).doubleValue();
    }

    /** The rule in one line, for file headers. */
    public String describe() {
        return String.format(Locale.ROOT, "bound(e) = max_seeds(e) + %s*sd_seeds(e) + %s*mean_seeds(e), rounded up to %d "
                + "significant digits; minCosSim = 1 - max(bound(1 - cosSim), %s)", trim(sigmas), trim(headroom), DIGITS,
                cosErrorFloor);
    }

    private static String trim(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
