package io.sage4j.reference.attention;

import java.util.Locale;

/**
 * Accuracy of a candidate output O′ against a reference O, both flattened (specs/algorithms.md §3, as the
 * SageAttention papers define them):
 * <pre>
 *   cosSim = Σ O·O′ / (√Σ O² · √Σ O′²)       relL1 = Σ |O − O′| / Σ |O|
 *   rmse   = √( mean (O − O′)² )             maxAbs = max |O − O′|
 * </pre>
 * A NaN anywhere in the candidate makes every metric NaN, so a gate comparing against thresholds fails.
 */
public record ErrorStats(double cosSim, double relL1, double rmse, double maxAbs) {
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "cosSim=%.6f relL1=%.4g rmse=%.4g maxAbs=%.4g", cosSim, relL1, rmse, maxAbs);
    }
}
