package io.sage4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares this report's figures with a baseline report's.
 *
 * <p>A figure <em>fell</em> when it moved in its bad direction by more than the run-to-run spread: the larger of
 * the baseline's and this run's relative spread (best − worst repeat, over the median), and never less than
 * {@code minSpread} for measured figures. Verdicts ({@link Figure#exact()}) have no noise: any fall counts. Only
 * {@link Figure#gated()} figures (sage4j's own; not the peers') can regress.
 */
public final class Regressions {
    /** A figure that fell. {@code change} is the relative move in the bad direction (0.1 = 10 % worse). */
    public record Regression(Figure baseline, Figure current, double change, double tolerance) {}

    /** The outcome of a comparison. */
    public record Comparison(List<Regression> regressions, int compared, int improved, List<Figure> missing,
                             List<Figure> added) {
        public boolean regressed() {
            return !regressions.isEmpty();
        }
    }

    private Regressions() {}

    public static Comparison compare(List<Figure> baseline, List<Figure> current, double minSpread) {
        if (!(minSpread >= 0)) {
            throw new IllegalArgumentException("minSpread must be >= 0, got " + minSpread);
        }
        Map<String, Figure> now = new LinkedHashMap<>();
        current.forEach(f -> now.put(f.key(), f));
        Map<String, Figure> before = new LinkedHashMap<>();
        baseline.forEach(f -> before.put(f.key(), f));
        List<Regression> regressions = new ArrayList<>();
        List<Figure> missing = new ArrayList<>();
        int compared = 0;
        int improved = 0;
        for (Figure b : before.values()) {
            Figure c = now.get(b.key());
            if (c == null) {
                if (b.gated()) {
                    missing.add(b);
                }
                continue;
            }
            if (!b.gated() || Double.isNaN(b.value()) || Double.isNaN(c.value())) {
                continue;
            }
            compared++;
            double change = worsening(b, c);
            double tolerance = tolerance(b, c, minSpread);
            if (change > tolerance) {
                regressions.add(new Regression(b, c, change, tolerance));
            } else if (-change > tolerance) {
                improved++;
            }
        }
        List<Figure> added = current.stream().filter(f -> f.gated() && !before.containsKey(f.key())).toList();
        return new Comparison(List.copyOf(regressions), compared, improved, List.copyOf(missing), added);
    }

    /**
     * The relative move of {@code c} from {@code b} in the bad direction (positive = worse). A baseline of 0 makes
     * any worsening infinite.
     */
    static double worsening(Figure b, Figure c) {
        double delta = b.higherIsBetter() ? b.value() - c.value() : c.value() - b.value();
        if (delta == 0) {
            return 0;
        }
        if (b.value() == 0) {
            return delta > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return delta / Math.abs(b.value());
    }

    /** The allowance for noise: 0 for verdicts, else the larger run spread, at least {@code minSpread}. */
    static double tolerance(Figure b, Figure c, double minSpread) {
        if (b.exact() || c.exact()) {
            return 0;
        }
        return Math.max(minSpread, Math.max(b.relativeSpread(), c.relativeSpread()));
    }
}
